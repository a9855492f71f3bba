import { kvs } from '@forge/kvs';

/**
 * Forge KVS values are limited to about 240 KiB: a long JSON text is stored as string chunks
 * below that, with room for JSON escapes.
 */
export const CHUNK_CHARS = 150_000;

/** The text cut into chunks of at most CHUNK_CHARS (one, possibly empty, at least). */
export function splitChunks(text: string): string[] {
  const count = Math.max(1, Math.ceil(text.length / CHUNK_CHARS));
  return Array.from({ length: count }, (_, i) =>
    text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS),
  );
}

/**
 * The JSON value whose text begins with `first` and goes on in the string values stored under
 * `rest`, read in order; null when a chunk is missing or the whole is not JSON.
 */
export async function readChunkedJson<T>(
  first: string,
  rest: readonly string[],
): Promise<T | null> {
  const texts = [first];
  for (const key of rest) {
    const part = await kvs.get<string>(key);
    if (typeof part !== 'string') return null;
    texts.push(part);
  }
  try {
    return JSON.parse(texts.join('')) as T;
  } catch {
    return null;
  }
}
