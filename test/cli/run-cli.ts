import { main, type DiagnoseFn } from '../../src/cli/main';
import type { DiagnosisDeps } from '../../src/engine/port/deps';
import type { DiagnosisInput } from '../../src/engine/model/input';
import type { Report } from '../../src/engine/model/report';
import { report } from './report-fixture';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  calls: Array<{ input: DiagnosisInput; deps: DiagnosisDeps }>;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  diagnose?: DiagnoseFn;
  result?: Report;
}

/** Runs `main` in-process with captured streams and a fake engine. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const calls: CliRun['calls'] = [];
  const fallback: DiagnoseFn = async (input, deps) => {
    calls.push({ input, deps });
    return options.result ?? report();
  };
  const diagnose: DiagnoseFn = options.diagnose
    ? async (input, deps) => {
        calls.push({ input, deps });
        return options.diagnose!(input, deps);
      }
    : fallback;
  const code = await main(
    argv,
    options.env ?? {},
    {
      stdout: { write: (text: string) => (stdout += text), isTTY: options.stdoutTTY ?? false },
      stderr: { write: (text: string) => (stderr += text), isTTY: options.stderrTTY ?? false },
      readStdin: async () => {
        if (options.stdin === undefined) throw new Error('stdin was not expected');
        return options.stdin;
      },
    },
    diagnose,
  );
  return { code, stdout, stderr, calls };
}

export const SITE = 'https://acme.atlassian.net';
export const BASE = ['check', '--site', SITE, '--project', 'ABC'];
export const TOKEN_ENV = { JIRA_API_TOKEN: 'ATATT-valid-token-0123456789' };
