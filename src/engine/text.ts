/** Starts a sentence with a capital, whatever the name placed first (e.g. "the checking administrator"). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
