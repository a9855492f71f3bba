/**
 * The demo's HTTP server (127.0.0.1 only): the shell page that plays Jira, the built panel with a
 * bridge shim in place of Jira's Custom UI host, and the few endpoints that shim calls.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DemoBackend } from './backend';
import { renderShell } from './shell';
import { themeAttrs, themeCss, type ColorMode } from './theme';

export const ADMIN_MODULE_KEY = 'credential-doctor-admin';
export const PROJECT_MODULE_KEY = 'credential-doctor-project';
const DEMO_APP_ID = '00000000-0000-4000-a000-00000000d3e0';
const DEMO_ENV_ID = 'demo-environment';

const SHIM_FILE = path.join(__dirname, 'bridge-shim.js');
const MAX_BODY = 256 * 1024;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
]);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

interface Session {
  user: string;
  surface: 'admin' | 'project';
  project: string;
  theme: ColorMode;
}

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, TYPES['.json'] as string, JSON.stringify(value));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'Request body is not JSON');
  }
}

function headersObject(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const pair of raw) {
      if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') {
        out[pair[0].toLowerCase()] = pair[1];
      }
    }
  } else if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  }
  return out;
}

export async function createDemoServer(options: {
  backend: DemoBackend;
  panelDir: string;
  port: number;
  host?: string;
}): Promise<DemoServer> {
  const { backend, panelDir } = options;
  const host = options.host ?? '127.0.0.1';

  const sessionOf = (body: unknown): { session: Session; body: Record<string, unknown> } => {
    const b = (body ?? {}) as { session?: Partial<Session>; body?: Record<string, unknown> };
    const s = b.session ?? {};
    const person = backend.people.find((p) => p.accountId === s.user);
    if (!person) throw new HttpError(400, 'Unknown signed-in user: pick one in the demo shell.');
    const surface = s.surface === 'project' ? 'project' : 'admin';
    const project =
      surface === 'project' ? backend.projects.find((p) => p.key === s.project) : undefined;
    if (surface === 'project' && !project)
      throw new HttpError(400, `Unknown project ${String(s.project)}`);
    return {
      session: {
        user: person.accountId,
        surface,
        project: project?.key ?? '',
        theme: s.theme === 'dark' ? 'dark' : 'light',
      },
      body: b.body ?? {},
    };
  };

  const contextFor = (s: Session) => {
    const project = backend.projects.find((p) => p.key === s.project);
    const moduleKey = s.surface === 'project' ? PROJECT_MODULE_KEY : ADMIN_MODULE_KEY;
    return {
      accountId: s.user,
      cloudId: backend.cloudId,
      siteUrl: backend.siteUrl,
      moduleKey,
      // The form Forge gives a Custom UI module (extension/{appId}/{envId}/static/{key}): the panel
      // reads the admin page's address from it (/jira/settings/apps/{appId}/{envId}).
      localId: `ari:cloud:ecosystem::extension/${DEMO_APP_ID}/${DEMO_ENV_ID}/static/${moduleKey}`,
      environmentType: 'DEVELOPMENT',
      environmentId: 'demo',
      locale: 'en-US',
      timezone: 'UTC',
      theme: { colorMode: s.theme },
      extension:
        s.surface === 'project' && project
          ? {
              type: 'jira:projectSettingsPage',
              project: { id: `demo-${project.key}`, key: project.key, type: project.type },
            }
          : { type: 'jira:adminPage' },
    };
  };

  const injectShim = (html: string) =>
    html.replace('<head>', '<head>\n    <script src="/demo/bridge-shim.js"></script>');

  const servePanel = async (res: ServerResponse, urlPath: string) => {
    const rel = decodeURIComponent(urlPath.replace(/^\/panel\/?/, '')) || 'index.html';
    const file = path.resolve(panelDir, rel);
    if (!file.startsWith(path.resolve(panelDir) + path.sep)) throw new HttpError(404, 'Not found');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      throw new HttpError(404, 'Not found');
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (rel === 'index.html') send(res, 200, type, injectShim(content.toString('utf8')));
    else send(res, 200, type, content);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://demo.local');
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /') {
      send(res, 200, TYPES['.html'] as string, renderShell(backend, themeCss()));
      return;
    }
    if (route === 'GET /favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (route === 'GET /demo/bridge-shim.js') {
      send(res, 200, TYPES['.js'] as string, await readFile(SHIM_FILE));
      return;
    }
    if (req.method === 'GET' && (url.pathname === '/panel' || url.pathname.startsWith('/panel/'))) {
      await servePanel(res, url.pathname);
      return;
    }
    if (route === 'GET /demo/api/theme') {
      const mode: ColorMode = url.searchParams.get('mode') === 'dark' ? 'dark' : 'light';
      sendJson(res, 200, { attrs: themeAttrs(mode), css: themeCss() });
      return;
    }
    if (route === 'POST /demo/api/context') {
      const { session } = sessionOf(await readJson(req));
      sendJson(res, 200, contextFor(session));
      return;
    }
    if (route === 'POST /demo/api/invoke') {
      const { session, body } = sessionOf(await readJson(req));
      if (typeof body.functionKey !== 'string') throw new HttpError(400, 'functionKey is required');
      const result = await backend.invoke({
        functionKey: body.functionKey,
        payload: body.payload ?? {},
        accountId: session.user,
        moduleKey: session.surface === 'project' ? PROJECT_MODULE_KEY : ADMIN_MODULE_KEY,
        ...(session.surface === 'project' ? { projectKey: session.project } : {}),
      });
      sendJson(res, 200, { result: result ?? null });
      return;
    }
    // Permission watch (#27) demo controls: the daily check now, and a permission change.
    if (route === 'POST /demo/api/watch/daily') {
      sendJson(res, 200, await backend.watch.runDailyCheck());
      return;
    }
    if (route === 'GET /demo/api/watch/changes') {
      sendJson(res, 200, { changes: backend.watch.changes() });
      return;
    }
    if (route === 'POST /demo/api/watch/change') {
      const body = (await readJson(req)) as { id?: unknown; applied?: unknown };
      if (typeof body.id !== 'string' || typeof body.applied !== 'boolean') {
        throw new HttpError(400, 'id (string) and applied (boolean) are required');
      }
      try {
        sendJson(res, 200, { change: backend.watch.setChange(body.id, body.applied) });
      } catch (err) {
        throw new HttpError(400, err instanceof Error ? err.message : String(err));
      }
      return;
    }
    if (route === 'POST /demo/api/product') {
      const { session, body } = sessionOf(await readJson(req));
      const restPath = body.restPath;
      if (typeof restPath !== 'string' || !restPath.startsWith('/rest/')) {
        throw new HttpError(400, 'restPath must be a Jira REST path');
      }
      const response = await backend.requestJira(session.user, restPath, {
        method: typeof body.method === 'string' ? body.method.toUpperCase() : 'GET',
        headers: headersObject(body.headers),
        body: typeof body.body === 'string' ? body.body : null,
      });
      const headers = Object.fromEntries(
        Object.entries(response.headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
      );
      sendJson(res, 200, { ...response, headers });
      return;
    }
    throw new HttpError(404, 'Not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Forge's consent request (NeedsAuthenticationError, which the resolvers let through):
      // passed to the page by name, where Jira would ask the user to allow access.
      const consent = err instanceof Error && err.name === 'NEEDS_AUTHENTICATION_ERR';
      const status = err instanceof HttpError ? err.status : consent ? 401 : 500;
      const message = consent
        ? `NEEDS_AUTHENTICATION_ERR: ${(err as Error).message}`
        : err instanceof Error
          ? err.message
          : String(err);
      if (status === 500) console.error('demo server:', err);
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
