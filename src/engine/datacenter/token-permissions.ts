import type { JiraClient, JiraResponse } from '../port/jira-client';
import type { View } from '../model/facts';
import { errorTexts, myPermissionsShape } from '../knowledge/jira-shapes';
import type { RunContext, StepHandle } from '../run/context';
import { send, unexpected } from '../run/send';
import { finishMissingPermissions } from '../run/missing-permissions';
import { ranAnonymously } from './identity';
import { dcRemedy } from '../findings/remedies';

const PERMISSION_TITLE = "The sync user's own permissions (mypermissions, per project)";
const VISIBILITY_TITLE = 'Target projects are visible to the sync user';

/** Wording of "no such project / not visible" (Cloud-documented; the doctor also reads it on 400). */
const NO_PROJECT_TEXT = /No project could be found|project .* does not exist|project.*not found/i;

/**
 * Data Center has no bulk permission check: one `mypermissions` per project, sent together and
 * held to the run's concurrency limit by the HTTP client. Each answer also says whether the
 * project is visible (Browse Projects). Administer Jira is asked once, without a project.
 */
export async function runDcTokenPermissions(
  ctx: RunContext,
  view: View,
  client: JiraClient,
  permissions: readonly string[],
  who: string,
): Promise<void> {
  const visibility = ctx.step(view.visibilityStep, VISIBILITY_TITLE);
  const handle = ctx.step(view.permissionStep, PERMISSION_TITLE);
  const keys = [...view.projects.keys()];
  const [administer, ...answers] = await Promise.all([
    askGlobal(ctx, handle, client, who),
    ...keys.map((key) => askProject(ctx, handle, client, key, permissions, who)),
  ]);
  view.administer = administer;
  keys.forEach((key, i) => {
    const facts = view.projects.get(key);
    const answer = answers[i];
    if (!facts || !answer) return;
    facts.visible = answer.visible;
    if (answer.visible) {
      facts.exists = true;
      for (const [permission, held] of answer.held) facts.permissions.set(permission, held);
    }
  });
  const projects = [...view.projects.values()];
  const hidden = projects.filter((p) => p.visible === false).map((p) => p.key);
  if (projects.every((p) => p.visible !== null)) {
    visibility.finish(
      hidden.length ? 'fail' : 'pass',
      hidden.length ? `Not visible: ${hidden.join(', ')}.` : `All ${projects.length} visible.`,
    );
    finishMissingPermissions(handle, projects, (p) => p.visible === true);
  } else {
    visibility.finish('error', 'Some projects could not be checked (see the permission step).');
  }
}

interface ProjectAnswer {
  visible: boolean;
  held: Map<string, boolean>;
}

async function askProject(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  key: string,
  permissions: readonly string[],
  who: string,
): Promise<ProjectAnswer | null> {
  const req = {
    method: 'GET' as const,
    path: '/rest/api/2/mypermissions',
    query: { projectKey: key, permissions: permissions.join(',') },
  };
  const res = await send(ctx, handle, client, req, { expect: [200, 400, 404], who });
  if (!res || anonymous(ctx, handle, res, who)) return null;
  if (res.status === 404) return { visible: false, held: new Map() };
  if (res.status === 400) {
    // Unknown on Data Center: whether an invisible project answers 400 or 404. A 400 that does
    // not name the project (e.g. an unknown permission key) is not read as "not visible".
    const texts = errorTexts(res.json, res.text);
    if (texts.some((t) => NO_PROJECT_TEXT.test(t))) return { visible: false, held: new Map() };
    return unexpected(
      ctx,
      handle,
      req,
      `HTTP 400: ${texts.join(' ').slice(0, 200) || 'no message'}`,
    );
  }
  const parsed = myPermissionsShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no permissions map in the body');
  const held = new Map<string, boolean>();
  for (const permission of permissions) {
    const entry = parsed.data.permissions[permission];
    if (entry?.havePermission === undefined) {
      return unexpected(ctx, handle, req, `no answer for ${permission}`);
    }
    held.set(permission, entry.havePermission);
  }
  if (held.get('BROWSE_PROJECTS') === false) return { visible: false, held: new Map() };
  return { visible: true, held };
}

async function askGlobal(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  who: string,
): Promise<boolean | null> {
  const req = {
    method: 'GET' as const,
    path: '/rest/api/2/mypermissions',
    query: { permissions: 'ADMINISTER' },
  };
  // Advisory: Administer Jira only decides the least-privilege warning.
  const res = await send(ctx, handle, client, req, { expect: [200], who, advisory: true });
  if (!res || anonymous(ctx, handle, res, who)) return null;
  const parsed = myPermissionsShape.safeParse(res.json);
  return parsed.success ? (parsed.data.permissions['ADMINISTER']?.havePermission ?? null) : null;
}

function anonymous(ctx: RunContext, handle: StepHandle, res: JiraResponse, who: string): boolean {
  if (!ranAnonymously(res)) return false;
  handle.finish('fail', 'GET /rest/api/2/mypermissions: answered as anonymous (X-AUSERNAME).');
  ctx.add(dcRemedy.anonymousFallback(handle.id, who, 'GET /rest/api/2/mypermissions', ctx.site));
  return true;
}
