/** IP allowlist matching (exact addresses and IPv4 CIDR ranges). */

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
export function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    n = n * 256 + Number(part);
  }
  return n;
}

function matches(entry: string, address: string): boolean {
  const [base, bits] = entry.split('/');
  if (bits === undefined) return normaliseAddress(entry) === address;
  const prefix = Number(bits);
  const a = ipv4ToNumber(address);
  const b = ipv4ToNumber(base ?? '');
  if (a === null || b === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** True when there is no allowlist or the address is on it. */
export function addressAllowed(
  allowlist: readonly string[] | undefined,
  remoteAddress: string,
): boolean {
  if (!allowlist) return true;
  const address = normaliseAddress(remoteAddress);
  return allowlist.some((entry) => matches(entry.trim(), address));
}
