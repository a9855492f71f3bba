import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
import {
  InputCancelled,
  MAX_TOKEN_STDIN_BYTES,
  readAll,
  readHiddenLine,
  StdinTooLarge,
  type InputStream,
} from '../../src/cli/stdin';
import { terminalSafe } from '../../src/cli/terminal-safe';
import { finding, report } from './report-fixture';
import { BASE, runCli, TOKEN_ENV } from './run-cli';

/** A display name written by an attacker: retitles the terminal, erases the line, fakes a verdict. */
const HOSTILE = 'Evil\u001b]0;pwned\u0007\u001b[2K\rVERDICT  Ready\u009b31m\u202e\nVERDICT Ready';
// eslint-disable-next-line no-control-regex -- what the output must not contain
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the CLI prints no control character Jira could have written', () => {
  const hostile = report({
    subject: {
      accountId: '557058:abc',
      displayName: HOSTILE,
      email: 'sync@acme.com',
      active: true,
      accountType: 'atlassian',
      groups: [`grp${HOSTILE}`],
    },
    summary: `${HOSTILE} lacks Create Issues in ABC.`,
    findings: [finding({ message: `${HOSTILE} lacks Create Issues in ABC.` })],
  });

  test.each(['text', 'markdown', 'json'])('--format %s', async (format) => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com', '--format', format], {
      env: TOKEN_ENV,
      result: hostile,
    });
    expect(run.stdout).toContain('Evil');
    expect(run.stdout).not.toMatch(CONTROL);
    // The renderer's own lines stay; the hostile value never starts a line of its own.
    expect(run.stdout.split('\n').length).toBeGreaterThan(3);
    expect(run.stdout.split('\n').filter((line) => /^\s*VERDICT Ready/.test(line))).toEqual([]);
  });

  test('text colour codes are the renderer’s own, never Jira’s', async () => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com'], {
      env: { ...TOKEN_ENV, FORCE_COLOR: '1' },
      result: hostile,
      stdoutTTY: true,
    });
    expect(run.stdout).not.toContain(']0;pwned\u0007');
    expect(run.stdout).not.toContain('\u001b[2K');
    expect(run.stdout).not.toContain('\r');
  });

  test('triage output is made terminal-safe too', async () => {
    let stdout = '';
    const code = await main(
      ['triage'],
      {},
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => undefined },
        readStdin: async () => `HTTP 401 Unauthorized ${HOSTILE}\n`,
      },
    );
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
  });

  test('terminalSafe keeps text and tabs, flattens line breaks, drops controls', () => {
    expect(terminalSafe('a\tb\r\nc\u2028d\u001b[31me\u0085f')).toBe('a\tb c d[31me f');
  });
});

/** A fake terminal: records raw mode, never echoes (the test checks nothing is written). */
function fakeTty(): PassThrough & InputStream & { modes: boolean[] } {
  const stream = new PassThrough() as PassThrough &
    InputStream & { modes: boolean[]; isTTY: boolean };
  stream.isTTY = true;
  stream.modes = [];
  stream.setRawMode = (mode: boolean) => {
    stream.modes.push(mode);
    return stream;
  };
  return stream;
}

describe('--token-stdin at a terminal reads without echo; every stdin read is bounded', () => {
  test('the terminal is in raw mode (no echo) while the token is typed, and restored after', async () => {
    const tty = fakeTty();
    const reading = readHiddenLine(tty, MAX_TOKEN_STDIN_BYTES);
    tty.write('ATATT-secret-typo\u007f\u007f\u007f\u007fpo-fixed');
    tty.write('\r');
    await expect(reading).resolves.toBe('ATATT-secret-po-fixed');
    expect(tty.modes).toEqual([true, false]);
  });

  test('Ctrl-C cancels and still restores the terminal', async () => {
    const tty = fakeTty();
    const reading = readHiddenLine(tty, MAX_TOKEN_STDIN_BYTES);
    tty.write('ATATT\u0003');
    await expect(reading).rejects.toBeInstanceOf(InputCancelled);
    expect(tty.modes).toEqual([true, false]);
  });

  test('typing past the limit stops the read', async () => {
    const tty = fakeTty();
    const reading = readHiddenLine(tty, 16);
    tty.write('x'.repeat(17));
    await expect(reading).rejects.toBeInstanceOf(StdinTooLarge);
    expect(tty.modes).toEqual([true, false]);
  });

  test('a pipe is read to EOF, up to the limit', async () => {
    const pipe = new PassThrough();
    const ok = readAll(pipe, 16);
    pipe.end('token\n');
    await expect(ok).resolves.toBe('token\n');
    const big = new PassThrough();
    const tooBig = readAll(big, 16);
    big.write('x'.repeat(10));
    big.write('x'.repeat(10));
    await expect(tooBig).rejects.toBeInstanceOf(StdinTooLarge);
  });

  test('the CLI uses the hidden read at a terminal, with a prompt that says so', async () => {
    let stderr = '';
    let hidden = 0;
    const code = await main(
      [...BASE, '--email', 'sync@acme.com', '--token-stdin', '--format', 'json'],
      {},
      {
        stdout: { write: () => undefined },
        stderr: { write: (t: string) => (stderr += t) },
        stdin: { isTTY: true },
        readStdin: () => Promise.reject(new Error('a terminal is not read to EOF')),
        readHiddenLine: async (maxBytes) => {
          hidden += 1;
          expect(maxBytes).toBe(MAX_TOKEN_STDIN_BYTES);
          return 'ATATT-valid-token-0123456789';
        },
      },
      async () => report(),
    );
    expect(code).toBe(4);
    expect(hidden).toBe(1);
    expect(stderr).toContain('it is not shown');
    expect(stderr).not.toContain('ATATT-valid-token');
  });

  test('too much on stdin is a usage error naming the limit', async () => {
    const code = await main(
      [...BASE, '--email', 'sync@acme.com', '--token-stdin'],
      {},
      {
        stdout: { write: () => undefined },
        stderr: { write: () => undefined },
        readStdin: () => Promise.reject(new StdinTooLarge(MAX_TOKEN_STDIN_BYTES)),
      },
    );
    expect(code).toBe(2);
  });
});
