/**
 * In-memory Forge key-value store speaking the HTTP protocol `@forge/kvs` uses through
 * `__forge_fetch__({ type: 'kvs' }, '/api/v1/…', { body })`, with the platform's documented key
 * rules and value-size limit, so storage code runs unchanged.
 */

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_KEY_LENGTH = 500;
/** Forge KVS value limit (240 KiB). */
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_QUERY_LIMIT = 20;
const MAX_DEPTH = 32;

interface Stored {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  /** Epoch ms after which the key no longer exists (a `ttl` set option); absent: kept. */
  expiresAt?: number;
}

const TTL_UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

class KvsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class InMemoryKvs {
  private readonly plain = new Map<string, Stored>();
  private readonly secrets = new Map<string, Stored>();
  /** A test's store fault: the calls it picks answer 429 RATE_LIMIT_EXCEEDED (over quota). */
  private fault: ((path: string) => boolean) | null = null;
  /**
   * Store units used, as Forge counts them per installation (developer.atlassian.com/platform/
   * forge/limits-kvs-ce): each request counts its size in 10 KB units, rounded up, at least 1.
   * Here a read is sized by its answer, a write by its request.
   */
  private readonly spent = { read: 0, write: 0 };
  /** Calls per API path (`/api/v1/get`, …), for tests of how much a resolver reads. */
  private readonly calls = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Everything stored; secret values under `[secret] <key>`. */
  snapshot(): Record<string, unknown> {
    this.expire();
    const out: Record<string, unknown> = {};
    for (const [key, s] of [...this.plain].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out[key] = clone(s.value);
    }
    for (const [key, s] of this.secrets) out[`[secret] ${key}`] = clone(s.value);
    return out;
  }

  /**
   * Makes the calls `fail` picks (by API path) answer as Forge does over a quota: 429 with
   * RATE_LIMIT_EXCEEDED (developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs).
   */
  setFault(fail: ((path: string) => boolean) | null): void {
    this.fault = fail;
  }

  /** Read and write units used since the store was made (see `spent`). */
  units(): { read: number; write: number } {
    return { ...this.spent };
  }

  /** How many calls each API path received since the store was made. */
  callCounts(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }

  clear(): void {
    this.plain.clear();
    this.secrets.clear();
  }

  /** When each live key expires (epoch ms), for tests of the retention. */
  expiries(): Record<string, number | null> {
    this.expire();
    const out: Record<string, number | null> = {};
    for (const [key, s] of this.plain) out[key] = s.expiresAt ?? null;
    return out;
  }

  /** Expired keys are gone, as in Forge (which deletes them some time after expiry). */
  private expire(): void {
    const now = this.now();
    for (const map of [this.plain, this.secrets]) {
      for (const [key, s] of map)
        if (s.expiresAt !== undefined && s.expiresAt <= now) map.delete(key);
    }
  }

  /** Handles one `@forge/kvs` HTTP call. */
  async handle(path: string, init: { body?: unknown } | undefined): Promise<Response> {
    this.expire();
    const route = path.replace(/\?.*$/, '');
    this.calls.set(route, (this.calls.get(route) ?? 0) + 1);
    if (this.fault?.(route)) {
      return json(429, { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded.' });
    }
    try {
      const body = parseBody(init?.body);
      const result = this.dispatch(path.replace(/\?.*$/, ''), body);
      const isWrite = /\/(set|delete|transaction)$/.test(route);
      const sized = isWrite ? JSON.stringify(body) : JSON.stringify(result ?? null);
      this.spent[isWrite ? 'write' : 'read'] += Math.max(
        1,
        Math.ceil(Buffer.byteLength(sized, 'utf8') / 10_240),
      );
      return result === undefined ? new Response(null, { status: 204 }) : json(200, result);
    } catch (error) {
      if (error instanceof KvsFault) {
        // A refused request (a key not found, FAIL_IF_EXISTS) is still a request: 1 unit.
        this.spent[/\/(set|delete|transaction)$/.test(route) ? 'write' : 'read'] += 1;
        return json(error.status, { code: error.code, message: error.message });
      }
      return json(500, { code: 'INTERNAL_SERVER_ERROR', message: String(error) });
    }
  }

  private dispatch(path: string, body: Record<string, unknown>): unknown {
    switch (path) {
      case '/api/v1/get':
        return this.get(this.plain, body);
      case '/api/v1/set':
        return this.set(this.plain, body);
      case '/api/v1/delete':
        return this.delete(this.plain, body);
      case '/api/v1/secret/get':
        return this.get(this.secrets, body);
      case '/api/v1/secret/set':
        return this.set(this.secrets, body);
      case '/api/v1/secret/delete':
        return this.delete(this.secrets, body);
      case '/api/v1/query':
        return this.query(body);
      case '/api/v1/batch/get':
        return this.batch(body, (item) => this.get(this.plain, item));
      case '/api/v1/batch/set':
        return this.batch(body, (item) => this.set(this.plain, item));
      case '/api/v1/batch/delete':
        return this.batch(body, (item) => this.delete(this.plain, item));
      default:
        throw new KvsFault(501, 'NOT_IMPLEMENTED', `local-forge KVS does not simulate ${path}`);
    }
  }

  private get(map: Map<string, Stored>, body: Record<string, unknown>): unknown {
    const key = checkKey(body.key);
    const stored = map.get(key);
    if (!stored) throw new KvsFault(404, 'KEY_NOT_FOUND', 'The specified key does not exist.');
    return {
      key,
      value: clone(stored.value),
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
      ...(stored.expiresAt === undefined
        ? {}
        : { expireTime: new Date(stored.expiresAt).toISOString() }),
    };
  }

  private set(map: Map<string, Stored>, body: Record<string, unknown>): undefined {
    const key = checkKey(body.key);
    if (!('value' in body)) throw new KvsFault(400, 'INVALID_VALUE', 'A value is required.');
    const text = JSON.stringify(body.value);
    if (Buffer.byteLength(text, 'utf8') > MAX_VALUE_BYTES) {
      throw new KvsFault(
        400,
        'MAX_SIZE',
        'The provided value has exceeded the maximum size limit.',
      );
    }
    if (depth(body.value) > MAX_DEPTH) {
      throw new KvsFault(
        400,
        'MAX_DEPTH',
        'The provided value has exceeded the maximum object depth.',
      );
    }
    const now = this.now();
    const previous = map.get(key);
    const policy = (body.options as { keyPolicy?: unknown } | undefined)?.keyPolicy;
    if (policy === 'FAIL_IF_EXISTS' && previous !== undefined) {
      // Forge's code for this refusal is not documented as far as we found; the app does not
      // depend on it (it reads the key to tell "taken" from "store failing").
      throw new KvsFault(409, 'KEY_ALREADY_EXISTS', 'The key already exists.');
    }
    const ttlMs = ttlOf(body.options);
    map.set(key, {
      value: JSON.parse(text),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      ...(ttlMs === null ? {} : { expiresAt: now + ttlMs }),
    });
    return undefined;
  }

  private delete(map: Map<string, Stored>, body: Record<string, unknown>): undefined {
    const key = checkKey(body.key);
    if (!map.delete(key))
      throw new KvsFault(404, 'KEY_NOT_FOUND', 'The specified key does not exist.');
    return undefined;
  }

  private query(body: Record<string, unknown>): unknown {
    const where = Array.isArray(body.where) ? (body.where as Array<Record<string, unknown>>) : [];
    let prefix = '';
    for (const condition of where) {
      const values = Array.isArray(condition.values) ? condition.values : [];
      if (condition.property !== 'key' || condition.condition !== 'BEGINS_WITH') {
        throw new KvsFault(400, 'INVALID_QUERY', 'Only key BEGINS_WITH conditions are supported.');
      }
      prefix = String(values[0] ?? '');
    }
    const limit = Math.min(
      typeof body.limit === 'number' && body.limit > 0 ? Math.floor(body.limit) : 10,
      MAX_QUERY_LIMIT,
    );
    const after = typeof body.after === 'string' ? decodeCursor(body.after) : null;
    const keys = [...this.plain.keys()]
      .filter((k) => k.startsWith(prefix) && (after === null || k > after))
      .sort();
    const page = keys.slice(0, limit);
    const data = page.map((key) => ({ key, value: clone(this.plain.get(key)?.value) }));
    const last = page[page.length - 1];
    return keys.length > limit && last !== undefined
      ? { data, cursor: encodeCursor(last) }
      : { data };
  }

  private batch(
    body: Record<string, unknown>,
    fn: (item: Record<string, unknown>) => unknown,
  ): unknown {
    const items = Array.isArray(body) ? body : Array.isArray(body.items) ? body.items : [];
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items as Array<Record<string, unknown>>) {
      try {
        const result = fn(item);
        successfulKeys.push(result ?? { key: item.key });
      } catch (error) {
        failedKeys.push({
          key: item.key,
          error: { code: error instanceof KvsFault ? error.code : 'ERROR' },
        });
      }
    }
    return { successfulKeys, failedKeys };
  }
}

/** `options.ttl` of a set call (`{ value, unit }`), in milliseconds; null when absent. */
function ttlOf(options: unknown): number | null {
  const ttl = (options as { ttl?: { value?: unknown; unit?: unknown } } | null | undefined)?.ttl;
  if (ttl === undefined) return null;
  const unit = TTL_UNIT_MS[String(ttl?.unit) as keyof typeof TTL_UNIT_MS];
  if (typeof ttl?.value !== 'number' || !Number.isInteger(ttl.value) || ttl.value <= 0 || !unit) {
    throw new KvsFault(400, 'INVALID_TTL', 'The provided TTL is not valid.');
  }
  return ttl.value * unit;
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length < 2) {
    throw new KvsFault(
      400,
      'KEY_TOO_SHORT',
      'The provided key needs to be more than one character.',
    );
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new KvsFault(
      400,
      'KEY_TOO_LONG',
      'The provided key has exceeded the maximum 500 characters.',
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw new KvsFault(400, 'INVALID_KEY', 'The provided key does not match the allowed pattern.');
  }
  return key;
}

function parseBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  const text = typeof body === 'string' ? body : Buffer.from(body as ArrayBuffer).toString('utf8');
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) {
    throw new KvsFault(400, 'INVALID_REQUEST', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function depth(value: unknown, level = 0): number {
  if (typeof value !== 'object' || value === null) return level;
  let max = level + 1;
  for (const child of Object.values(value)) max = Math.max(max, depth(child, level + 1));
  return max;
}

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}
