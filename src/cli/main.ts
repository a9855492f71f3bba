import { readFileSync } from 'node:fs';
import type { DiagnosisDeps } from '../engine/port/deps';
import type { DiagnosisInput } from '../engine/model/input';
import { renderMarkdown } from '../engine/presentation/render-markdown';
import type { Report } from '../engine/model/report';
import { syncTargets } from '../engine/model/sync-targets';
import { EvidenceLog } from '../engine/port/evidence';
import { createNodeClients } from './clients';
import { shouldUseColor } from './ansi';
import { parseCommand, type CheckArgs, type OutputFormat, type TriageArgs } from './args';
import { triage } from '../engine/triage/triage';
import { renderTriage } from './render-triage';
import { EXIT_CODES, exitCodeFor } from './exit-codes';
import { HELP_TEXT } from './help';
import { ProgressEvidenceLog, progressLine } from './progress';
import { createRedactor, type Redactor } from './redact';
import { renderText } from './render-text';
import {
  readAdminToken,
  readClientSecret,
  readOrgKey,
  readSyncUserToken,
  type CleanToken,
  type Env,
} from './secrets';
import { decideForRun, readDcSecrets, runDataCenter } from './run-datacenter';
import { withDeployment } from '../engine/run/detect-deployment';
import { createDataCenterClients } from './clients';
import {
  InputCancelled,
  MAX_TOKEN_STDIN_BYTES,
  MAX_TRIAGE_STDIN_BYTES,
  readAll,
  readHiddenLine,
  StdinTooLarge,
} from './stdin';
import { terminalSafe, terminalSafeDeep } from './terminal-safe';
import { UsageError } from './usage-error';
import { readVersion } from './version';
import { runTokens } from './run-tokens';

export { readVersion } from './version';

export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** Only `isTTY` is read: whether the token is typed at a terminal. */
  stdin?: { isTTY?: boolean };
  /** Everything on stdin until EOF; rejects with StdinTooLarge past `maxBytes`. */
  readStdin(maxBytes: number): Promise<string>;
  /** A line typed at the terminal without echo (see `readHiddenLine`); absent without a TTY. */
  readHiddenLine?(maxBytes: number): Promise<string>;
}

export type DiagnoseFn = (input: DiagnosisInput, deps: DiagnosisDeps) => Promise<Report>;

/**
 * Runs the CLI and resolves with the exit code; never throws. `argv` excludes node and the
 * script. `diagnoseFn` replaces the engine in tests.
 */
export async function main(
  argv: readonly string[],
  env: Env,
  io: CliIo,
  diagnoseFn?: DiagnoseFn,
): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      io.stdout.write(HELP_TEXT);
      return 0;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${readVersion()}\n`);
      return 0;
    }
    if (command.kind === 'triage') return await runTriage(command.args, io);
    if (command.kind === 'tokens') return await runTokens(command.args, env, io);
    return await runCheck(command.args, env, io, diagnoseFn);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error);
    // Only reachable before any secret was read: runCheck handles its own failures.
    io.stderr.write('credential-doctor: internal error\n');
    return EXIT_CODES.internalError;
  }
}

async function runCheck(
  args: CheckArgs,
  env: Env,
  io: CliIo,
  diagnoseFn?: DiagnoseFn,
): Promise<number> {
  if (args.form === 'datacenter') return runDataCenterCheck(args, env, io);
  const clientSecret = args.oauth
    ? await readClientSecret(args.oauth.secretSource, env, () =>
        readTokenFromStdin(io, 'the OAuth 2.0 client secret', '--client-secret-stdin'),
      )
    : undefined;
  const syncUser = args.syncUser
    ? await readSyncUserToken(args.syncUser.tokenSource, env, () => readTokenFromStdin(io))
    : undefined;
  const adminToken = args.admin ? readAdminToken(args.admin.tokenEnv, env) : undefined;
  const orgKey = args.expiry ? readOrgKey(args.expiry.keyEnv, env) : undefined;

  const syncUserLogin =
    args.syncUser && syncUser ? { email: args.syncUser.email, token: syncUser.token } : undefined;
  const adminLogin =
    args.admin && adminToken !== undefined
      ? { email: args.admin.email, token: adminToken }
      : undefined;

  // The access token of an OAuth 2.0 client joins the redaction the moment it is issued.
  const redact = createRedactor([
    ...(syncUserLogin ? [syncUserLogin] : []),
    ...(adminLogin ? [adminLogin] : []),
    ...(clientSecret !== undefined && args.oauth
      ? [{ email: args.oauth.clientId, token: clientSecret }]
      : []),
    ...(orgKey !== undefined ? [{ token: orgKey }] : []),
  ]);
  return diagnoseAndPrint(args, env, io, redact, async (evidence) => {
    const deps: DiagnosisDeps = createNodeClients({
      site: args.site,
      gateway: args.gateway,
      ...syncUserLogin,
      ...(adminLogin ? { admin: adminLogin } : {}),
      ...(args.oauth && clientSecret !== undefined
        ? {
            oauth: {
              clientId: args.oauth.clientId,
              clientSecret,
              authUrl: args.oauth.authUrl,
              onAccessToken: (token: string) => redact.add({ token }),
            },
          }
        : {}),
      ...(args.expiry && orgKey !== undefined
        ? { orgAdmin: { url: args.expiry.adminApi, key: orgKey } }
        : {}),
      evidence,
      timeoutMs: args.timeoutMs,
      userAgent: `credential-doctor/${readVersion()}`,
    });
    // An injected engine (tests) stands in for detection too; the real one asks serverInfo first.
    const decision = diagnoseFn
      ? null
      : await decideForRun(
          args,
          createDataCenterClients({ site: args.site, evidence, timeoutMs: args.timeoutMs })
            .anonymous,
        );
    const diagnose = diagnoseFn ?? (await loadEngine());
    const diagnosed = await diagnose(toDiagnosisInput(args, syncUser), deps);
    return decision ? withDeployment(diagnosed, decision, evidence) : diagnosed;
  });
}

/** Data Center / Server: the same report, verdicts and exit codes; its own credentials and engine. */
async function runDataCenterCheck(args: CheckArgs, env: Env, io: CliIo): Promise<number> {
  const secrets = await readDcSecrets(args, env, () =>
    readTokenFromStdin(io, "the sync user's password or personal access token"),
  );
  const redact = createRedactor([
    ...(secrets.syncUser
      ? [{ email: args.dcSyncUser?.username ?? '', token: secrets.syncUser.token }]
      : []),
    ...(secrets.admin !== undefined
      ? [{ email: args.dcAdmin?.username ?? '', token: secrets.admin }]
      : []),
  ]);
  return diagnoseAndPrint(args, env, io, redact, (evidence) =>
    runDataCenter(args, secrets, evidence, `credential-doctor/${readVersion()}`),
  );
}

/**
 * The part of a check every deployment shares: progress on a terminal, the report in the asked
 * format, the verdict's exit code; everything printed passes through `redact`.
 */
async function diagnoseAndPrint(
  args: CheckArgs,
  env: Env,
  io: CliIo,
  redact: Redactor,
  diagnose: (evidence: EvidenceLog) => Promise<Report>,
): Promise<number> {
  const stdout = redacted(io.stdout, redact);
  const stderr = redacted(io.stderr, redact);
  try {
    const evidence = io.stderr.isTTY
      ? new ProgressEvidenceLog((entry) => stderr.write(progressLine(entry)))
      : new EvidenceLog();
    if (io.stderr.isTTY) stderr.write(`Checking ${args.site} for ${args.projects.join(', ')} …\n`);
    const report = await diagnose(evidence);
    stdout.write(
      render(report, args.format, { color: shouldUseColor(io.stdout, env), verbose: args.verbose }),
    );
    return exitCodeFor(report.verdict);
  } catch (error) {
    if (error instanceof UsageError) return usageError(stderr, error);
    stderr.write(describeInternalError(error, args.verbose));
    return EXIT_CODES.internalError;
  }
}

export function toDiagnosisInput(
  args: CheckArgs,
  syncUser: CleanToken | undefined,
): DiagnosisInput {
  const input: DiagnosisInput = {
    site: args.site,
    projects: args.projects,
    permissions: args.permissions,
    ...syncTargets({
      preset: args.preset,
      permissions: args.permissions,
      fields: args.fields,
      issueTypes: args.issueTypes,
    }),
  };
  if (args.syncUser) {
    const { email, emailIssues, expectAccountId, expectEmail } = args.syncUser;
    input.token = {
      email,
      hygiene: [...emailIssues, ...(syncUser?.issues ?? [])],
      ...(expectAccountId === undefined ? {} : { expectAccountId }),
      ...(expectEmail === undefined ? {} : { expectEmail }),
    };
  }
  if (args.oauth) {
    const { clientId, expectAccountId, expectEmail } = args.oauth;
    input.token = {
      email: `the OAuth 2.0 client ${clientId}`,
      oauth: { clientId },
      ...(expectAccountId === undefined ? {} : { expectAccountId }),
      ...(expectEmail === undefined ? {} : { expectEmail }),
    };
  }
  if (args.expiry) input.expiry = { orgId: args.expiry.orgId };
  if (args.admin) {
    input.admin = {
      checker: args.admin.email,
      explain: args.explainAll ? 'all' : 'missing',
      ...(args.admin.user === undefined ? {} : { user: args.admin.user }),
    };
  }
  return input;
}

/**
 * `--token-stdin`: at a terminal the token is read without echo (one line); from a pipe, until
 * EOF. Either way at most MAX_TOKEN_STDIN_BYTES.
 */
async function readTokenFromStdin(
  io: CliIo,
  what: string = "the sync user's API token",
  flag = '--token-stdin',
): Promise<string> {
  try {
    if (io.stdin?.isTTY && io.readHiddenLine) {
      io.stderr.write(`Paste ${what} and press Enter (it is not shown):\n`);
      return await io.readHiddenLine(MAX_TOKEN_STDIN_BYTES);
    }
    return await io.readStdin(MAX_TOKEN_STDIN_BYTES);
  } catch (error) {
    if (error instanceof StdinTooLarge) {
      throw new UsageError(
        `${flag}: more than ${MAX_TOKEN_STDIN_BYTES} bytes on stdin; that is not a token`,
      );
    }
    if (error instanceof InputCancelled) throw new UsageError(`${flag}: cancelled`);
    throw new UsageError(`${flag}: could not read stdin`);
  }
}

/** Pasted error text from a file or stdin → classified lines. Never calls Jira. */
async function runTriage(args: TriageArgs, io: CliIo): Promise<number> {
  let text: string;
  try {
    text =
      args.file === undefined
        ? await io.readStdin(MAX_TRIAGE_STDIN_BYTES)
        : readFileSync(args.file, 'utf8');
  } catch (error) {
    if (error instanceof StdinTooLarge) {
      throw new UsageError(
        `triage: stdin is larger than ${MAX_TRIAGE_STDIN_BYTES} bytes; give the log with --file PATH`,
      );
    }
    throw new UsageError(
      args.file === undefined
        ? 'triage: could not read stdin'
        : `triage: cannot read the file given with --file`,
    );
  }
  if (text.trim() === '')
    throw new UsageError('triage: no input (pipe an error message or log in, or use --file PATH)');
  const result = terminalSafeDeep(triage(text));
  io.stdout.write(
    args.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderTriage(result),
  );
  return 0;
}

/** Every format prints a terminal-safe copy of the report (see terminal-safe.ts). */
export function render(
  untrusted: Report,
  format: OutputFormat,
  options: { color: boolean; verbose: boolean },
): string {
  const report = terminalSafeDeep(untrusted);
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report, options);
}

/** Loaded on demand so the CLI's own tests do not depend on the engine's state. */
async function loadEngine(): Promise<DiagnoseFn> {
  const engine = await import('../engine/cloud/diagnose');
  return engine.diagnose;
}

function usageError(io: CliIo | CliStream, error: UsageError): number {
  const stream = 'write' in io ? io : io.stderr;
  // A usage error can quote what the user typed or what Jira said (serverInfo's version): the
  // same terminal-safe filter as the report, so neither can start a line or move the cursor.
  stream.write(
    `credential-doctor: ${terminalSafe(error.message)}\nRun 'credential-doctor --help' for usage.\n`,
  );
  return EXIT_CODES.usageError;
}

function describeInternalError(error: unknown, verbose: boolean): string {
  const message = terminalSafe(
    error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error',
  );
  const stack =
    verbose && error instanceof Error && error.stack
      ? `\n${error.stack.split('\n').map(terminalSafe).join('\n')}`
      : '';
  const hint = verbose ? '' : '\nRun again with --verbose for details.';
  return `credential-doctor: internal error: ${message}${stack}${hint}\n`;
}

function redacted(stream: CliStream, redact: Redactor): CliStream {
  return { isTTY: stream.isTTY, write: (text: string) => stream.write(redact(text)) };
}

export function nodeIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    readStdin: (maxBytes) => readAll(process.stdin, maxBytes),
    ...(process.stdin.isTTY
      ? { readHiddenLine: (maxBytes: number) => readHiddenLine(process.stdin, maxBytes) }
      : {}),
  };
}

/** The process entry once the command needs more than the version (see start.ts). */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await main(argv, process.env, nodeIo());
}
