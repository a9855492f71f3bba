/**
 * The payloads of every resolver key, as schemas: the backend parses with them, the panel builds
 * its payloads against the types inferred from them (type-only: no zod in the panel bundle).
 */
import { z } from 'zod';
import { PRESET_NAMES } from '../engine/knowledge/presets';
import {
  MAX_SYNC_NAME_LENGTH,
  MAX_SYNC_NAMES,
  isSyncName,
  uniqueNames,
} from '../engine/model/sync-targets';
import { ACCOUNT_ID_PATTERN } from './account-id';
import { inspectCredentialText, type CredentialDefect } from '../engine/model/credential-text';
import { MAX_PROFILE_NAME } from './watch';

export const MAX_PROJECTS = 100;
export const MAX_PERMISSIONS = 20;
export const MAX_TOKEN_LENGTH = 1024;
/** A pasted list of 1000 keys of up to 32 characters with separators. */
export const MAX_KEY_LIST_CHARS = 40_000;
const MAX_EMAIL_LENGTH = 254;

/** Jira project keys: a letter, then letters, digits or underscores (any case; Jira upper-cases). */
const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** Jira permission keys, e.g. BROWSE_PROJECTS. */
const PERMISSION_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Printable ASCII without spaces: what an Atlassian API token is made of. */
const TOKEN_BODY = /^[\x21-\x7e]+$/;
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

const accountId = z
  .string({ error: 'must be a string' })
  .max(128, { error: 'is too long (at most 128 characters)', abort: true })
  .regex(ACCOUNT_ID_PATTERN, {
    error: 'must be an Atlassian account ID (letters, digits, ":", "-", "_")',
  });

const projectKey = z
  .string({ error: 'must be a string' })
  .max(32, { error: 'is too long for a project key (at most 32 characters)', abort: true })
  .regex(PROJECT_KEY, {
    error: 'must be a Jira project key (a letter, then letters, digits or underscores)',
  });

const permissionKey = z
  .string({ error: 'must be a string' })
  .max(64, { error: 'is too long for a permission key (at most 64 characters)', abort: true })
  .regex(PERMISSION_KEY, {
    error: 'must be a Jira permission key such as BROWSE_PROJECTS (letters, digits, underscores)',
  });

/** A field ID or name, or an issue type name, as Jira shows it (the CLI's --fields rule). */
function syncName(what: string) {
  return z
    .string({ error: 'must be a string' })
    .max(MAX_SYNC_NAME_LENGTH + 16, {
      error: `is too long (at most ${MAX_SYNC_NAME_LENGTH} characters)`,
      abort: true,
    })
    .trim()
    .refine(isSyncName, {
      error: `must be ${what} (at most ${MAX_SYNC_NAME_LENGTH} printable characters)`,
    });
}

/** Up to MAX_SYNC_NAMES names, de-duplicated case-insensitively like the CLI's lists. */
function syncNameList(item: string, list: string, example: string) {
  return z
    .array(syncName(item), { error: `must be a list of ${list}` })
    .min(1, { error: `names none (leave it out for the defaults, or give e.g. ${example})` })
    .max(MAX_SYNC_NAMES, {
      error: `lists too many ${list} (at most ${MAX_SYNC_NAMES})`,
      abort: true,
    })
    .transform(uniqueNames);
}

/** Raw pasted email: surrounding whitespace/quotes allowed (and reported), nothing else odd. */
const rawEmail = z
  .string({ error: 'must be a string' })
  .max(MAX_EMAIL_LENGTH + 16, {
    error: `is too long (at most ${MAX_EMAIL_LENGTH} characters)`,
    abort: true,
  })
  .superRefine((v, ctx) => {
    const { value, defect } = inspectCredentialText(v, 'email');
    if (defect) ctx.addIssue({ code: 'custom', message: DEFECTS[defect] });
    else if (!EMAIL.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an email address such as sync-bot@example.com',
      });
    }
  });

/** Raw pasted token: never echoed back, so messages say what is wrong, not what was sent. */
const rawToken = z
  .string({ error: 'must be a string' })
  .max(MAX_TOKEN_LENGTH, {
    error: `is too long (an API token is at most ${MAX_TOKEN_LENGTH} characters)`,
    abort: true,
  })
  .superRefine((v, ctx) => {
    const { value, defect } = inspectCredentialText(v, 'token');
    if (defect) ctx.addIssue({ code: 'custom', message: DEFECTS[defect] });
    else if (!TOKEN_BODY.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'may contain only printable ASCII characters' });
    }
  });

const checkFields = z.strictObject({
  user: z.strictObject({ accountId }, { error: 'must be an object { accountId }' }),
  projects: z
    .array(projectKey, { error: 'must be a list of project keys' })
    .max(MAX_PROJECTS, { error: `lists too many projects (at most ${MAX_PROJECTS})`, abort: true }),
  permissions: z
    .array(permissionKey, { error: 'must be a list of permission keys' })
    .max(MAX_PERMISSIONS, {
      error: `lists too many permissions (at most ${MAX_PERMISSIONS})`,
      abort: true,
    })
    .optional(),
  /** Explain grants for missing permissions only (default) or for every required permission. */
  explain: z.enum(['missing', 'all'], { error: "must be 'missing' or 'all'" }).optional(),
  /**
   * The integration preset, like the CLI's --preset: its permissions are checked (with any given),
   * and its fields are the defaults when `fields` is absent.
   */
  preset: z.enum(PRESET_NAMES, { error: `must be one of ${PRESET_NAMES.join(', ')}` }).optional(),
  /** The fields the synchronizer sets (IDs or names), like --fields: stated, so not defaults. */
  fields: syncNameList(
    'a field ID or a field name as Jira shows it',
    'fields',
    'summary, customfield_10010',
  ).optional(),
  /** The issue types it creates and edits, like --issue-types; absent: every creatable one. */
  issueTypes: syncNameList('an issue type name', 'issue types', 'Task, Bug').optional(),
  token: z
    .strictObject(
      {
        email: rawEmail,
        token: rawToken,
        expectAccountId: accountId.optional(),
        /** How the synchronizer connects: the site URL (default) or this site's API gateway. */
        via: z.enum(['site', 'gateway'], { error: "must be 'site' or 'gateway'" }).optional(),
      },
      { error: 'must be an object { email, token, expectAccountId?, via? }' },
    )
    .optional(),
});

const runId = z
  .string({ error: 'must be a string' })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: 'must be the run ID startRun answered',
  });

/** One batch of a run of many projects (#14): the run from startRun and the batch's index. */
const batchRef = z.strictObject(
  {
    id: runId,
    batch: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be at least 0' })
      .max(9_999, { error: 'is too large' }),
  },
  { error: 'must be an object { id, batch }' },
);

/**
 * `projects` for a check of up to MAX_PROJECTS; or `run` for one batch of a run that startRun
 * planned (its projects are the plan's, never the browser's).
 */
export const runCheckSchema = checkFields
  .extend({ projects: checkFields.shape.projects.optional(), run: batchRef.optional() })
  .superRefine((value, ctx) => {
    if (value.projects === undefined && value.run === undefined)
      ctx.addIssue({ code: 'custom', path: ['projects'], message: 'is required' });
    if (value.projects !== undefined && value.run !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['run'],
        message: 'cannot be given with projects (a batch checks the projects of its run)',
      });
  });

export type RunCheckPayload = z.infer<typeof runCheckSchema>;

/** Runs one `getHistory` answer may list (each person keeps up to MAX_RUNS per page). */
export const MAX_HISTORY_LIMIT = 200;

/**
 * importReport: the same check as runCheck (without a token) plus the JSON report the CLI wrote on
 * the synchronizer's host. The report's content is checked against schema/report.schema.json
 * separately (host-report-check.ts), so this only insists that it is a JSON object.
 */
export const importReportSchema = checkFields.omit({ token: true }).extend({
  report: z.record(z.string(), z.unknown(), {
    error: 'must be the JSON object the CLI wrote (credential-doctor check --format json)',
  }),
});

export type ImportReportPayload = z.infer<typeof importReportSchema>;

export const getHistorySchema = z.strictObject({
  limit: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_HISTORY_LIMIT, { error: `must be at most ${MAX_HISTORY_LIMIT}`, abort: true })
    .optional(),
});

export const clearHistorySchema = z.strictObject({});

/** What a run of many projects checks (#14): pasted keys, a project category, or every project. */
const selection = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('keys'),
      text: z.string({ error: 'must be a string' }).max(MAX_KEY_LIST_CHARS, {
        error: `is too long (at most ${MAX_KEY_LIST_CHARS} characters)`,
        abort: true,
      }),
    }),
    z.strictObject({
      kind: z.literal('category'),
      categoryId: z
        .string({ error: 'must be a string' })
        .regex(/^[0-9]{1,18}$/, { error: 'must be a project category ID (digits)' }),
    }),
    z.strictObject({ kind: z.literal('every') }),
  ],
  {
    error: "must be { kind: 'keys', text }, { kind: 'category', categoryId } or { kind: 'every' }",
  },
);

export const startRunSchema = checkFields
  .pick({
    user: true,
    permissions: true,
    explain: true,
    preset: true,
    fields: true,
    issueTypes: true,
  })
  .extend({ selection });

export type StartRunPayload = z.infer<typeof startRunSchema>;

export const cancelRunSchema = z.strictObject({ run: z.strictObject({ id: runId }) });

export const capabilitiesSchema = z.strictObject({});

const profileId = z
  .string({ error: 'must be a string' })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: 'must be the ID of a saved sync profile',
  });

/**
 * saveProfile (#27): what the admin page's check was run with (the same fields as startRun,
 * without credentials: a profile never holds a token or an email address) and a name. With `id`,
 * the saved profile is replaced and the caller becomes the administrator it runs as.
 */
export const saveProfileSchema = startRunSchema
  .pick({ user: true, permissions: true, preset: true, fields: true, issueTypes: true })
  .extend({
    selection,
    name: z
      .string({ error: 'must be a string' })
      .max(MAX_PROFILE_NAME + 16, {
        error: `is too long (at most ${MAX_PROFILE_NAME} characters)`,
        abort: true,
      })
      .trim()
      .refine((v) => v.length > 0 && v.length <= MAX_PROFILE_NAME && !/\p{Cc}/u.test(v), {
        error: `must be a name of 1 to ${MAX_PROFILE_NAME} printable characters`,
      }),
    id: profileId.optional(),
  });

export type SaveProfilePayload = z.infer<typeof saveProfileSchema>;

export const listProfilesSchema = z.strictObject({});

export const removeProfileSchema = z.strictObject({ id: profileId });

/** Permission watch (#27): a profile's daily runs, newest first, with what changed each time. */
export const getProfileRunsSchema = z.strictObject({
  id: profileId,
  limit: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(30, { error: 'must be at most 30', abort: true })
    .optional(),
});

/** Permission watch (#27): the daily re-check of one profile, now (as the administrator who saved it). */
export const runProfileNowSchema = z.strictObject({ id: profileId });

/** Permission watch (#27): the project page banner (the page's own project; no input). */
export const getProjectWatchSchema = z.strictObject({});
/** A Jira administrator lifts a failed-login cooling-off: the guard a LOGIN_COOLING_OFF finding names. */
export const liftCoolingOffSchema = z.strictObject({
  guard: z
    .string({ error: 'must be the guard named by the finding' })
    .regex(/^[0-9a-f]{48}$/, { error: 'must be the guard named by the finding' }),
});

/** Parses a payload, or throws INVALID_INPUT with messages that name the field (never a value). */

const DEFECTS: Readonly<Record<CredentialDefect, string>> = {
  empty: 'is empty',
  'line-break': 'contains a line break inside',
  'control-character': 'contains control characters',
  'inner-whitespace': 'contains spaces inside',
};
