/**
 * Measures the JSON report the CLI writes for the host command (token mode) on 1000 projects
 * where the sync user lacks Create and Edit everywhere (2000 findings), against the simulator:
 * the size the import limit (src/resolvers/host-report-limits.ts) is set from. `npx tsx
 * scripts/measure-host-report.ts` prints bytes, findings and the longest string and array.
 */
import { startSimulator } from '../simulator';
import { ROLE } from '../simulator/builders';
import { addBranchOffices, branchOfficeKey } from '../simulator/worlds/branch-offices';
import { ACCOUNT, CREDENTIALS, GROUP, healthy } from '../simulator/worlds/scenarios';
import { main } from '../src/cli/main';

export async function measureHostReport(
  options: { admin?: boolean; count?: number } = {},
): Promise<{
  bytes: number;
  findings: number;
  longestString: number;
  longestArray: number;
  text: string;
}> {
  const count = options.count ?? 1000;
  const world = healthy().world;
  addBranchOffices(world, count);
  for (const p of world.projects) {
    if (!p.key.startsWith('ZB')) continue;
    for (const r of p.roles) {
      if (r.id === ROLE.developers.id) r.actors.groups = [];
      if (r.id === ROLE.users.id) r.actors.groups = [GROUP.software];
    }
  }
  const sim = await startSimulator(world);
  try {
    let stdout = '';
    const keys = Array.from({ length: count }, (_, i) => branchOfficeKey(i + 1)).join(',');
    const args = [
      'check',
      '--site',
      sim.siteUrl,
      '--gateway',
      sim.gatewayUrl,
      '--email',
      CREDENTIALS.sync.email,
      '--expect-account',
      ACCOUNT.sync,
      '--project',
      keys,
      '--preset',
      'sync-basic',
      '--format',
      'json',
      ...(options.admin ? ['--admin-email', CREDENTIALS.admin.email] : []),
    ];
    await main(
      args,
      {
        JIRA_API_TOKEN: CREDENTIALS.sync.token,
        ...(options.admin ? { JIRA_ADMIN_TOKEN: CREDENTIALS.admin.token } : {}),
      },
      {
        stdout: { write: (t: string) => void (stdout += t), isTTY: false },
        stderr: { write: () => undefined, isTTY: false },
        readStdin: () => Promise.reject(new Error('no stdin')),
      },
    );
    let longestString = 0;
    let longestArray = 0;
    const walk = (node: unknown): void => {
      if (typeof node === 'string') longestString = Math.max(longestString, node.length);
      else if (Array.isArray(node)) {
        longestArray = Math.max(longestArray, node.length);
        node.forEach(walk);
      } else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    const report = JSON.parse(stdout) as { findings: unknown[] };
    walk(report);
    return {
      bytes: Buffer.byteLength(stdout),
      findings: report.findings.length,
      longestString,
      longestArray,
      text: stdout,
    };
  } finally {
    await sim.close();
  }
}

if (require.main === module) {
  void (async () => {
    for (const admin of [false, true]) {
      const { text: _text, ...m } = await measureHostReport({ admin });
      console.log(admin ? 'token+admin' : 'token', JSON.stringify(m));
    }
  })();
}
