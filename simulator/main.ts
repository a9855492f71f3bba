/**
 * `npm run simulator [-- --port 8080 --latency 50]`: serves the demo world until Ctrl-C.
 */
import { startSimulator } from './index';
import { DEMO_CREDENTIALS, demoWorld } from './worlds/demo';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(option('port') ?? process.env.SIMULATOR_PORT ?? 0);
  const latencyMs = Number(option('latency') ?? 0);
  const sim = await startSimulator(demoWorld(), { port, latencyMs });
  const gateway = `${sim.gatewayUrl}/ex/jira/${sim.cloudId}`;
  console.log('Jira Cloud simulator (demo world)');
  console.log(`  site URL:     ${sim.siteUrl}`);
  console.log(`  gateway URL:  ${sim.gatewayUrl}   (this site's gateway base: ${gateway})`);
  console.log(`  cloudId:      ${sim.cloudId}`);
  console.log('');
  console.log('Demo credentials (email / API token):');
  for (const c of DEMO_CREDENTIALS) {
    console.log(`  ${c.key.padEnd(14)} ${c.email.padEnd(30)} ${c.secret}`);
    console.log(
      `  ${''.padEnd(14)} ${c.label}: ${c.expect}${c.use === 'gateway' ? ' (use the gateway)' : ''}`,
    );
  }
  console.log('');
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
