/**
 * Starts a sentence with a capital, whatever the name placed first (e.g. "the checking
 * administrator"). An email address placed first stays as it is written: "Pat@acme.example" is
 * not the address the admin typed.
 */
export function sentence(text: string): string {
  if (/^\S*@/.test(text)) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
