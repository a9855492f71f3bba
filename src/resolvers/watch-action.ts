import type { CheckSyncProfileResult } from '../contract/watch';
import { listProfiles } from '../history/profiles';
import { emptyStatus, getWatchStatus, listWatchRuns } from '../history/watch-runs';

/**
 * The Automation action "Check a sync profile" (#27 item 4; function `check-sync-profile`,
 * handler `index.checkSyncProfile`): answers what the profile's last daily run found — verdict,
 * failing projects, when the failure was first seen, what is new — read from the app's store.
 * It makes no Jira call and sends nothing anywhere: the rule the administrator builds (email,
 * Slack, a ticket) does that with Automation's own actions, so the app stays eligible for Runs on
 * Atlassian. The profile is named by its name (as on the Watch tab, case-insensitive) or its ID.
 *
 * How Automation hands the configured inputs to the function is not documented in what we read
 * (the `action` module's page describes the inputs, not the event's shape): the input is read from
 * `payload.profile`, `payload.inputs.profile` or `payload.payload.profile`, whichever is present.
 */
export async function checkSyncProfile(payload: unknown): Promise<CheckSyncProfileResult> {
  const wanted = profileInput(payload);
  if (wanted === null) return { found: false };
  const profiles = await listProfiles();
  const lower = wanted.toLowerCase();
  const profile =
    profiles.find((p) => p.id === wanted) ?? profiles.find((p) => p.name.toLowerCase() === lower);
  if (!profile) return { found: false };
  const status = (await getWatchStatus(profile.id)) ?? emptyStatus(profile.id);
  const [last] = await listWatchRuns(profile.id, 1);
  const added = last?.outcome === 'ran' ? (last.drift?.added ?? []) : [];
  return {
    found: true,
    profileId: profile.id,
    name: profile.name,
    state: status.state,
    ...(status.needsAdmin ? { needsAdmin: status.needsAdmin } : {}),
    verdict: status.verdict,
    failingProjects: status.failingProjects,
    firstSeenAt: status.failingSince,
    lastRunAt: status.lastRunAt,
    newProblems: added
      .filter((f) => f.severity === 'error')
      .map((f) => (f.project ? `${f.code} in ${f.project}` : f.code)),
  };
}

function profileInput(payload: unknown): string | null {
  const p = payload as
    | { profile?: unknown; inputs?: { profile?: unknown }; payload?: { profile?: unknown } }
    | null
    | undefined;
  const value = p?.profile ?? p?.inputs?.profile ?? p?.payload?.profile;
  return typeof value === 'string' && value.trim() !== '' && value.length <= 200
    ? value.trim()
    : null;
}
