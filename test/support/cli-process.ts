import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/engine/model/report';
import { expectValidReport } from './report-schema';

export const BIN = path.resolve(__dirname, '..', '..', 'bin', 'credential-doctor');

/** The CLI runs from dist/ (built by `npm ci` through `prepare`, and by `npm test`). */
export function requireBuiltCli(): void {
  if (!existsSync(path.resolve(__dirname, '..', '..', 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm ci does it through prepare)');
  }
}

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/credential-doctor …` as a subprocess with exactly the given environment. */
export function runCliProcess(
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    // The CLI stops reading stdin at its documented bound and exits: writing the rest then fails
    // with EPIPE, which is the CLI doing its job, not the test failing.
    child.stdin?.on('error', () => undefined);
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

export function parseReport(run: ProcessRun): Report {
  const report = JSON.parse(run.stdout) as Report;
  expectValidReport(report);
  return report;
}
