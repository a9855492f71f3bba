import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../simulator';
import { baseWorld, CLOUD_ID } from '../../simulator/worlds/scenarios';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A throwaway self-signed certificate for 127.0.0.1 (generated per run, never stored). */
function selfSigned(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function getJson(url: string, ca: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }),
        );
      })
      .on('error', reject);
  });
}

describe('server options', () => {
  (hasOpenssl() ? it : it.skip)('serves HTTPS with the given key and certificate', async () => {
    const tls = selfSigned();
    const s = await startSimulator(baseWorld(), { tls });
    try {
      expect(s.siteUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(await getJson(`${s.siteUrl}/_edge/tenant_info`, tls.cert)).toEqual({
        status: 200,
        body: { cloudId: CLOUD_ID },
      });
    } finally {
      await s.close();
    }
  });

  it('listens on a random port by default, on a given port when asked, and closes idempotently', async () => {
    const a = await startSimulator(baseWorld());
    const port = Number(new URL(a.siteUrl).port);
    await a.close();
    await a.close();
    const b = await startSimulator(baseWorld(), { port });
    try {
      expect(b.siteUrl).toBe(`http://127.0.0.1:${port}`);
      expect(b.gatewayUrl).toBe(b.siteUrl);
      expect((await fetch(`${b.siteUrl}/rest/api/3/serverInfo`)).status).toBe(200);
    } finally {
      await b.close();
    }
  });
});
