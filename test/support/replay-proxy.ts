/**
 * An HTTP server on 127.0.0.1 that answers requests matching a recorded exchange with the recorded
 * answer, byte for byte, and forwards every other request to an upstream (a simulator standing in
 * for the rest of the instance). Used where the whole CLI must meet a recorded answer through its
 * real HTTP stack (Data Center: detection from serverInfo, then the engine), which the in-process
 * replay transport (replay-transport.ts) cannot reach.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Parameters the request must carry (a subset of its query); absent: any query. */
  query?: Readonly<Record<string, string>>;
  /** Whether the request carried credentials (`sync-user`) or none. */
  credentials: 'sync-user' | 'none';
  /** The scheme the credentials must have come in, when it matters. */
  auth?: 'basic' | 'bearer';
}

export interface ProxiedExchange {
  request: ProxiedRequest;
  response: { status: number; headers: Readonly<Record<string, string>>; body: string };
}

export interface ProxyLogEntry {
  method: string;
  path: string;
  scheme: 'basic' | 'bearer' | 'none';
  /** Index of the recorded exchange that answered, or null when the upstream did. */
  replayed: number | null;
  status: number;
}

export interface RunningReplayProxy {
  url: string;
  log: ProxyLogEntry[];
  close(): Promise<void>;
}

function schemeOf(authorization: string | undefined): ProxyLogEntry['scheme'] {
  if (!authorization) return 'none';
  return /^bearer\s/i.test(authorization) ? 'bearer' : 'basic';
}

function matches(exchange: ProxiedExchange, method: string, url: URL, scheme: string): boolean {
  const r = exchange.request;
  if (r.method !== method || r.path !== url.pathname) return false;
  if ((r.credentials === 'none') !== (scheme === 'none')) return false;
  if (r.auth && r.auth !== scheme) return false;
  return Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.getAll(k).includes(v));
}

export async function startReplayProxy(
  exchanges: readonly ProxiedExchange[],
  upstream: string,
): Promise<RunningReplayProxy> {
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const method = req.method ?? 'GET';
        const scheme = schemeOf(req.headers.authorization);
        const index = exchanges.findIndex((e) => matches(e, method, url, scheme));
        if (index >= 0) {
          const { status, headers, body } = exchanges[index]!.response;
          log.push({ method, path: url.pathname + url.search, scheme, replayed: index, status });
          res.writeHead(status, headers);
          res.end(body);
          return;
        }
        const forwarded: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers))
          if (typeof value === 'string' && !['host', 'connection'].includes(name))
            forwarded[name] = value;
        const answer = await fetch(upstream + url.pathname + url.search, {
          method,
          headers: forwarded,
          ...(chunks.length && method !== 'GET' ? { body: Buffer.concat(chunks) } : {}),
        });
        const body = Buffer.from(await answer.arrayBuffer());
        log.push({
          method,
          path: url.pathname + url.search,
          scheme,
          replayed: null,
          status: answer.status,
        });
        const headers: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (
            !['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(
              name,
            )
          )
            headers[name] = value;
        });
        res.writeHead(answer.status, headers);
        res.end(body);
      })().catch((error: unknown) => {
        res.writeHead(599);
        res.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
