/**
 * Peak resident set size of the CLI as a subprocess (`node bin/credential-doctor check …
 * --format json`), measured with GNU time (`/usr/bin/time -v`, "Maximum resident set size") when
 * it is installed, else by polling the child's VmHWM in /proc/<pid>/status.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..');
export const BIN = path.join(REPO, 'bin', 'credential-doctor');
const GNU_TIME = '/usr/bin/time';

export interface RssRun {
  /** Peak RSS in MiB; null when it could not be measured. */
  peakMiB: number | null;
  exitCode: number | null;
  stdout: string;
  /** The child's stderr (GNU time's report removed). */
  stderr: string;
  wallMs: number;
}

/** Whether dist/ exists and is at least as new as the sources the CLI runs. */
export function distStatus(): { built: boolean; stale: string[] } {
  const main = path.join(REPO, 'dist', 'cli', 'main.js');
  if (!existsSync(main)) return { built: false, stale: [] };
  const builtAt = statSync(main).mtimeMs;
  const stale: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSafe(dir)) {
      const file = path.join(dir, name);
      const stat = statSync(file);
      if (stat.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && stat.mtimeMs > builtAt)
        stale.push(path.relative(REPO, file));
    }
  };
  for (const dir of ['src/engine', 'src/jira', 'src/cli']) walk(path.join(REPO, dir));
  return { built: true, stale };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function rssMethod(): string {
  return existsSync(GNU_TIME)
    ? `GNU time: ${GNU_TIME} -v, "Maximum resident set size"`
    : 'polling VmHWM in /proc/<pid>/status every 5 ms (GNU time not installed)';
}

/** Runs `node <args…>` with exactly `env` (plus PATH) and reports its peak RSS. */
export function measurePeakRss(args: string[], env: Record<string, string>): Promise<RssRun> {
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const argv = useTime ? ['-v', process.execPath, ...args] : args;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let polledKiB = 0;
    const poll = useTime
      ? null
      : setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            const kib = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
            polledKiB = Math.max(polledKiB, kib);
          } catch {
            // the process has exited
          }
        }, 5);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const wallMs = Date.now() - started;
      if (useTime) {
        const kib = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr)?.[1];
        const childStderr = stderr.split(/\n\s*Command being timed:/)[0] ?? '';
        const exit = /Exit status:\s*(\d+)/.exec(stderr)?.[1];
        resolve({
          peakMiB: kib === undefined ? null : Number(kib) / 1024,
          exitCode: exit === undefined ? code : Number(exit),
          stdout,
          stderr: childStderr.replace(/Command exited with non-zero status \d+\n?/, ''),
          wallMs,
        });
      } else {
        resolve({
          peakMiB: polledKiB > 0 ? polledKiB / 1024 : null,
          exitCode: code,
          stdout,
          stderr,
          wallMs,
        });
      }
    });
  });
}
