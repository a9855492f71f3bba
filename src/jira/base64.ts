/**
 * Base64 of a text's UTF-8 bytes (the same as Node's Buffer gives in base64), with
 * the web-standard globals only, so the Forge functions need no Node type definitions to compile
 * (the deployable directory installs production dependencies only; scripts/forge-dir.ts).
 */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
