import { CHUNK_CHARS, readChunkedJson, splitChunks } from '../../src/history/chunks';

const stored = new Map<string, unknown>();
jest.mock('@forge/kvs', () => ({
  kvs: { get: async (key: string) => stored.get(key) },
}));

describe('chunked JSON in the key-value store', () => {
  beforeEach(() => stored.clear());

  it('cuts a text into chunks below the value limit that join back to it', () => {
    expect(splitChunks('')).toEqual(['']);
    const text = 'x'.repeat(2 * CHUNK_CHARS + 1);
    const chunks = splitChunks(text);
    expect(chunks.map((c) => c.length)).toEqual([CHUNK_CHARS, CHUNK_CHARS, 1]);
    expect(chunks.join('')).toBe(text);
  });

  it('reads a value stored in several chunks back, in order', async () => {
    const value = { projects: Array.from({ length: 40_000 }, (_, i) => `P${i}`) };
    const [first = '', ...rest] = splitChunks(JSON.stringify(value));
    expect(rest.length).toBeGreaterThan(0);
    rest.forEach((text, i) => stored.set(`c:${i}`, text));
    const keys = rest.map((_, i) => `c:${i}`);
    await expect(readChunkedJson(first, keys)).resolves.toEqual(value);
  });

  it('is null when a chunk is missing or the whole is not JSON', async () => {
    const [first = '', ...rest] = splitChunks(JSON.stringify({ a: 'y'.repeat(CHUNK_CHARS) }));
    rest.forEach((text, i) => stored.set(`c:${i}`, text));
    await expect(readChunkedJson(first, ['c:0', 'c:missing'])).resolves.toBeNull();
    await expect(readChunkedJson('{"a":', [])).resolves.toBeNull();
  });
});
