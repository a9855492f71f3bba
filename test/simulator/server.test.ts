import https from 'node:https';
import { startSimulator } from '../../simulator';
import { baseWorld, CLOUD_ID } from '../../simulator/worlds/scenarios';
import { selfSignedCertificate as selfSigned } from '../support/self-signed';

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
  it('serves HTTPS with the given key and certificate', async () => {
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
