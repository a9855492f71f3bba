import type { JiraClient } from '../port/jira-client';
import type { View } from '../model/facts';
import type { RunContext } from '../run/context';
import type { AdminViewRun } from './admin-view';
import { startSchemeMapping, type SchemeMapping } from './steps/scheme-mapping';

/**
 * What the administrator's view tells the field and issue security checks: which schemes the
 * target projects use, and the sync user's permissions as the bulk check found them (to read each
 * scheme's screens where the sync user itself may create or edit).
 */
export interface SchemeContext {
  /**
   * The screen classes: null when the mapping could not be read (not a Jira administrator,
   * refused, failed). Its issue security is empty: see `complete`.
   */
  mapping: SchemeMapping | null;
  /**
   * All four mappings, issue security included, once read (the screen reads do not wait for it).
   * The step is finished by then.
   */
  complete: Promise<SchemeMapping | null>;
  /** Target key → project ID (null: not found). */
  ids: ReadonlyMap<string, string | null>;
  /** The sync user's permission in a target project, as the administrator's view concluded. */
  holds(key: string, permission: string): boolean | null;
  /** Whether the project exists (null: not known). */
  exists(key: string): boolean | null;
}

export const SCHEME_STEP = 'scheme-mapping';
const TITLE = 'Which schemes the target projects use (administrator’s view)';

/**
 * Starts the mapping reads as soon as the administrator's project search and authority are known
 * (the same wave as the permission check), then waits for that check. Resolves null when the run
 * has no usable administrator's view.
 */
export async function startSchemeContext(
  ctx: RunContext,
  client: JiraClient,
  run: AdminViewRun,
  view: View,
  checker: string,
): Promise<SchemeContext> {
  const [ids, jiraAdmin] = await Promise.all([run.projectIds, run.jiraAdmin]);
  let mapping: SchemeMapping | null = null;
  let complete: Promise<SchemeMapping | null> = Promise.resolve(null);
  if (ids && jiraAdmin === true) {
    const handle = ctx.step(SCHEME_STEP, TITLE);
    const projectIds = [...new Set([...ids.values()].filter((id): id is string => id !== null))];
    const started = projectIds.length
      ? startSchemeMapping(ctx, handle, client, projectIds, checker)
      : null;
    complete = (started?.complete ?? Promise.resolve(null)).then((all) => {
      handle.finish(
        // Nothing read (every mapping refused, or no project IDs) is not a pass.
        all === null ? 'skip' : all.unread.size ? 'warn' : 'pass',
        `${mappingSummary(all, ids)}${
          all?.unread.size
            ? ` Some mappings could not be read for ${all.unread.size} project${all.unread.size === 1 ? '' : 's'}: their screens are read one by one.`
            : ''
        }`,
      );
      return all;
    });
    mapping = started ? await started.screens : null;
  } else {
    ctx.skip(
      SCHEME_STEP,
      TITLE,
      jiraAdmin === true
        ? 'Not read: the target projects were not found.'
        : 'Not read: only a Jira administrator may read which schemes projects use; the screens are read per project instead.',
    );
  }
  await run.permissionsChecked;
  return {
    mapping,
    complete,
    ids: ids ?? new Map(),
    holds: (key, permission) => view.projects.get(key)?.permissions.get(permission) ?? null,
    exists: (key) => view.projects.get(key)?.exists ?? null,
  };
}

function mappingSummary(
  mapping: SchemeMapping | null,
  ids: ReadonlyMap<string, string | null>,
): string {
  if (!mapping) return 'Not read.';
  const keysOf = new Map<string, string>();
  for (const [key, id] of ids) if (id !== null) keysOf.set(id, key);
  if (keysOf.size === 1) {
    const [[id, key]] = [...keysOf] as [[string, string]];
    const security = mapping.security.get(id);
    return [
      `One target project: its screens are read in ${key} itself, so which screen and field configuration schemes it shares was not asked.`,
      security === undefined
        ? ''
        : security === null
          ? 'It uses no issue security scheme.'
          : `It uses the issue security scheme ${security.name ?? `ID ${security.id}`}.`,
    ]
      .filter(Boolean)
      .join(' ');
  }
  const classes = new Set([...mapping.screens.values()].map((c) => c.id));
  const unmapped = [...keysOf].filter(([id]) => !mapping.screens.has(id)).map(([, key]) => key);
  const secured = [...mapping.security.values()].filter((s) => s !== null).length;
  const none = [...mapping.security.values()].filter((s) => s === null).length;
  return [
    `${mapping.screens.size} of ${keysOf.size} projects use ${classes.size} distinct combination${classes.size === 1 ? '' : 's'} of issue type scheme, issue type screen scheme and field configuration scheme.`,
    unmapped.length
      ? `Not in the mapping (team-managed, or not read): ${unmapped.slice(0, 20).join(', ')}${unmapped.length > 20 ? ` and ${unmapped.length - 20} more` : ''}.`
      : '',
    `${secured} use an issue security scheme; ${none} use none.`,
  ]
    .filter(Boolean)
    .join(' ');
}
