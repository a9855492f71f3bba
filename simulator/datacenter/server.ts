/** A simulated Jira Data Center instance on 127.0.0.1: sockets, authentication, headers, log. */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate, NOT_AUTHENTICATED_BODY } from './auth';
import { needsLogin, route } from './routes';
import type { DcWorld } from './world';

export interface DcExchange {
  method: string;
  path: string;
  /** 'basic' | 'bearer' | 'none': the scheme the request carried. */
  scheme: 'basic' | 'bearer' | 'none';
  /** Username the request ran as; null when anonymous or refused. */
  ranAs: string | null;
  status: number;
}

export interface RunningDataCenter {
  baseUrl: string;
  world: DcWorld;
  log: DcExchange[];
  /** Failed Basic logins sent for this username during the simulator's lifetime. */
  failedLogins(username: string): number;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export async function startDataCenterSimulator(
  world: DcWorld,
  options: { latencyMs?: number; port?: number } = {},
): Promise<RunningDataCenter> {
  let latencyMs = options.latencyMs ?? 0;
  const log: DcExchange[] = [];
  const failures = new Map<string, number>();
  const sockets = new Set<Socket>();
  let baseUrl = '';
  let requestId = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const dropped = (world.proxyDropsAuthorizationFor ?? []).some((prefix) =>
      url.pathname.startsWith(prefix),
    );
    const authorization = dropped ? undefined : req.headers.authorization;
    const scheme = !authorization ? 'none' : /^bearer\s/i.test(authorization) ? 'bearer' : 'basic';
    const auth = authenticate(world, authorization, baseUrl, new Date(), {
      record: (name) =>
        failures.set(name.toLowerCase(), (failures.get(name.toLowerCase()) ?? 0) + 1),
    });
    const headers: Record<string, string> = {
      'X-ARequestId': `dc-${++requestId}`,
      'Cache-Control': 'no-cache, no-store, no-transform',
    };
    let status: number;
    let body: string;
    let contentType: string;
    let ranAs: string | null = null;
    if (auth.kind === 'reject') {
      status = auth.status;
      body = auth.body;
      contentType = auth.contentType;
      Object.assign(headers, auth.headers);
    } else {
      const caller = auth.kind === 'user' ? auth.user : null;
      ranAs = caller?.name ?? null;
      // Observed (go-jira issue 8; the issue this mode was built for): Data Center names the
      // account a request ran as in X-AUSERNAME, and "anonymous" when it ran without a login.
      headers['X-AUSERNAME'] = caller?.name ?? 'anonymous';
      // Observed: refused Basic credentials run as anonymous and are flagged on every status.
      if (auth.kind === 'failed') headers['X-Seraph-LoginReason'] = 'AUTHENTICATED_FAILED';
      const answer =
        req.method !== 'GET'
          ? { status: 405, json: { errorMessages: ['Method not allowed'], errors: {} } }
          : !caller && needsLogin(url.pathname)
            ? { status: 401, json: NOT_AUTHENTICATED_BODY }
            : (route({ world, caller, path: url.pathname, query: url.searchParams, baseUrl }) ?? {
                status: 404,
                json: { errorMessages: ['Not found'], errors: {} },
              });
      status = answer.status;
      body = JSON.stringify(answer.json ?? {});
      contentType = 'application/json;charset=UTF-8';
    }
    log.push({
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      scheme,
      ranAs,
      status,
    });
    const send = (): void => {
      res.writeHead(status, { ...headers, 'Content-Type': contentType });
      res.end(body);
    };
    if (latencyMs > 0) setTimeout(send, latencyMs);
    else send();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    world,
    log,
    failedLogins: (username) => failures.get(username.toLowerCase()) ?? 0,
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
