import type { JiraClient } from '../../port/jira-client';
import { bulkIssueGrantsShape, issueSearchShape } from '../../knowledge/jira-shapes';
import type { IssueSecurityReport } from '../../model/report';
import type { RunContext, StepHandle } from '../../run/context';
import { send, unexpected } from '../../run/send';
import { jqlString } from './fields';

/** Secured issues sampled per project. */
export const SECURED_SAMPLE_SIZE = 20;

interface Sampled {
  key: string;
  issues: Array<{ id: number; level: string }>;
}

/**
 * Admin view of issue security (docs/jira-behaviour.md W3): a sample of each project's secured issues
 * (`level is not EMPTY`, newest first) and one bulk check of Browse Projects on them for the sync
 * account. The search runs as the checking administrator, so it only finds secured issues the
 * administrator can see: the report says "sampled", never "all". The searches start at once; only
 * the bulk check waits for the sync user's account ID.
 *
 * Returns per project the sample and how many the sync user cannot see; null for a project whose
 * search failed. The whole result is null when nothing could be checked.
 */
export async function checkIssueSecurity(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  keys: readonly string[],
  accountId: Promise<string | null>,
  checker: string,
): Promise<Map<string, IssueSecurityReport | null> | null> {
  const samples = await Promise.all(
    keys.map((key) => sampleSecured(ctx, handle, client, key, checker)),
  );
  const id = await accountId;
  if (id === null) {
    handle.finish('skip', 'Skipped: the sync user is not known.');
    return null;
  }
  const all = samples.flatMap((s) => s?.issues ?? []);
  const visible = all.length
    ? await visibleTo(
        ctx,
        handle,
        client,
        id,
        all.map((i) => i.id),
        checker,
      )
    : new Set<number>();
  if (visible === null) return null;
  const result = new Map<string, IssueSecurityReport | null>();
  keys.forEach((key, index) => {
    const sample = samples[index];
    if (!sample) {
      result.set(key, null);
      return;
    }
    const hidden = sample.issues.filter((i) => !visible.has(i.id));
    result.set(key, {
      sampled: sample.issues.length,
      hidden: hidden.length,
      levels: [...new Set(hidden.map((i) => i.level))].sort(),
    });
  });
  return result;
}

async function sampleSecured(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  key: string,
  checker: string,
): Promise<Sampled | null> {
  const req = {
    method: 'POST' as const,
    path: '/rest/api/3/search/jql',
    body: {
      jql: `project = ${jqlString(key)} AND level is not EMPTY ORDER BY updated DESC`,
      maxResults: SECURED_SAMPLE_SIZE,
      fields: ['security'],
    },
    priority: 'low' as const,
  };
  const res = await send(ctx, handle, client, req, {
    expect: [200, 400],
    who: checker,
    advisory: true,
  });
  // 400: the project is unknown to the administrator's search (reported by the project checks).
  if (!res || res.status !== 200) return null;
  const parsed = issueSearchShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no issue list in the body', true);
  const issues = parsed.data.issues
    .filter((i) => /^\d+$/.test(i.id))
    .map((i) => ({
      id: Number(i.id),
      level: i.fields?.security?.name ?? 'an unnamed security level',
    }));
  return { key, issues };
}

/** The sampled issue IDs the account may browse. Null when Jira did not answer usably. */
async function visibleTo(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  accountId: string,
  ids: number[],
  checker: string,
): Promise<Set<number> | null> {
  const req = {
    method: 'POST' as const,
    path: '/rest/api/3/permissions/check',
    body: {
      accountId,
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [], issues: ids }],
    },
    priority: 'low' as const,
  };
  const res = await send(ctx, handle, client, req, {
    expect: [200, 403],
    who: checker,
    advisory: true,
  });
  if (!res) return null;
  if (res.status === 403) {
    handle.finish(
      'skip',
      'Not checked: only Jira administrators may check another account’s issues.',
    );
    return null;
  }
  const parsed = bulkIssueGrantsShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no permission lists in the body', true);
  return new Set(
    parsed.data.projectPermissions
      .filter((p) => p.permission === 'BROWSE_PROJECTS')
      .flatMap((p) => p.issues ?? []),
  );
}
