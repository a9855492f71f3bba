/**
 * The scope probes cannot change anything even where their target exists (#23): in a world where
 * project CDPROBE and issue CDPROBE-0 exist and the sync user may do everything there, every probe
 * is refused by Jira for its body (the second guard), the scopes are still proven, and the
 * simulator saw no request that would have changed data.
 */
import { verdictHeadline } from '../../src/engine/presentation/headline';
import {
  OPERATIONS,
  OPERATION_NAMES,
  PROBE_ISSUE_KEY,
  probeProvesHeld,
} from '../../src/engine/knowledge/operations';
import { presetOperations, presetPermissions } from '../../src/engine/knowledge/presets';
import { probeTargetExists } from '../../simulator/worlds/scenarios';
import type { RunningSimulator } from '../../simulator';
import { codes, runScenario, withScenario } from '../support/scenario';

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);
const READ_POSTS = new Set(['/rest/api/3/permissions/check', '/rest/api/3/search/jql']);

function writes(sim: RunningSimulator) {
  return sim.log
    .map((e) => ({ ...e, inner: e.path.replace(/^\/ex\/jira\/[^/]+/, '') }))
    .filter((e) => WRITE_METHODS.has(e.method) && !READ_POSTS.has(e.inner));
}

/** Sends one request through the gateway as the scenario's sync user. */
async function send(
  sim: RunningSimulator,
  s: ReturnType<typeof probeTargetExists>,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const auth = Buffer.from(`${s.login.email}:${s.login.secret}`).toString('base64');
  const res = await fetch(`${sim.gatewayUrl}/ex/jira/${sim.cloudId}${path}`, {
    method,
    headers: {
      Authorization: `Basic ${auth}`,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('scope probes where their target exists (project CDPROBE, issue CDPROBE-0)', () => {
  it('two-way sync with a fully scoped token: Ready, every scope proven, nothing would have changed', async () => {
    const s = probeTargetExists();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, {
        mode: 'token',
        viaGateway: true,
        permissions: presetPermissions('two-way-sync'),
        operations: presetOperations('two-way-sync', []),
      });
      expect(codes(report)).toEqual([]);
      expect(report.verdict).toBe('ready');
      expect(report.coverage.scopes).toBe('tested');
      // The token alone cannot look behind issue security levels (#24): said, never a bare Ready.
      expect(verdictHeadline(report)).toBe(
        'Ready for permissions in all 3 projects; issue security not checked',
      );
      const probes = writes(sim);
      // Every write probe reached Jira and hit the existing issue (or, for create, a project ID
      // that does not exist): the first guard did not hold, the second did.
      expect(probes.length).toBe(
        presetOperations('two-way-sync', []).filter((name) => OPERATIONS[name].kind === 'write')
          .length,
      );
      for (const probe of probes) {
        const body = JSON.stringify(probe.responseBody);
        expect({ path: probe.inner, refused: [400, 404].includes(probe.status) }).toEqual({
          path: probe.inner,
          refused: true,
        });
        // Refused for the body, not because the issue is missing or hidden.
        expect(body).not.toContain('Issue does not exist');
      }
      expect(sim.log.filter((e) => e.wouldChangeData)).toEqual([]);
    });
  });

  it('every operation (worklog and the rest): refused for its body, none would change data', async () => {
    const s = probeTargetExists();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, {
        mode: 'token',
        viaGateway: true,
        operations: [...OPERATION_NAMES],
      });
      expect(report.verdict).toBe('ready');
      expect(report.coverage.scopes).toBe('tested');
      const byPath = new Map(writes(sim).map((e) => [`${e.method} ${e.inner}`, e]));
      expect([...byPath.keys()].sort()).toEqual(
        [
          `POST /rest/api/3/issue`,
          `PUT /rest/api/3/issue/${PROBE_ISSUE_KEY}`,
          `POST /rest/api/3/issue/${PROBE_ISSUE_KEY}/comment`,
          `POST /rest/api/3/issue/${PROBE_ISSUE_KEY}/transitions`,
          `POST /rest/api/3/issue/${PROBE_ISSUE_KEY}/attachments`,
          `POST /rest/api/3/issueLink`,
          `PUT /rest/api/3/issue/${PROBE_ISSUE_KEY}/assignee`,
          `POST /rest/api/3/issue/${PROBE_ISSUE_KEY}/worklog`,
        ].sort(),
      );
      expect(byPath.get(`POST /rest/api/3/issueLink`)?.status).toBe(404);
      expect(sim.log.filter((e) => e.wouldChangeData)).toEqual([]);
    });
  });

  it('an attachment form without a file answered 200 [] (Jira’s answer is unknown) still proves the scope and changes nothing', async () => {
    const s = probeTargetExists();
    s.world.site.attachmentWithoutFile = 'empty-200';
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, {
        mode: 'token',
        viaGateway: true,
        operations: ['read', 'attach'],
      });
      expect(report.coverage.scopes).toBe('tested');
      expect(sim.log.filter((e) => e.wouldChangeData)).toEqual([]);
    });
  });

  it('the guard is what stops them: the same requests without their second guard would have changed data', async () => {
    const s = probeTargetExists();
    await withScenario(s, async (sim) => {
      const key = PROBE_ISSUE_KEY;
      const unguarded: Array<[string, string, unknown]> = [
        ['PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'changed' } }],
        ['POST', `/rest/api/3/issue/${key}/comment`, { body: 'a comment' }],
        ['POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } }],
        ['POST', `/rest/api/3/issue/${key}/worklog`, { timeSpentSeconds: 600 }],
        [
          'POST',
          '/rest/api/3/issueLink',
          { type: { name: 'Relates' }, inwardIssue: { key }, outwardIssue: { key } },
        ],
      ];
      for (const [method, path, body] of unguarded) await send(sim, s, method, path, body);
      expect(
        sim.log.filter((e) => e.wouldChangeData).map((e) => e.path.split('/rest/')[1]),
      ).toEqual([
        `api/3/issue/${key}`,
        `api/3/issue/${key}/comment`,
        `api/3/issue/${key}/transitions`,
        `api/3/issue/${key}/worklog`,
        'api/3/issueLink',
      ]);
    });
  });
});

describe('what counts as a held scope', () => {
  it('only Jira’s own refusal (its error collection), never a bare status or the gateway’s body', () => {
    const jira = { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } };
    expect(probeProvesHeld('comment', { status: 400, json: jira })).toBe(true);
    expect(probeProvesHeld('comment', { status: 404, json: { errorMessages: ['x'] } })).toBe(true);
    expect(probeProvesHeld('comment', { status: 400, json: undefined })).toBe(false);
    expect(probeProvesHeld('comment', { status: 404, json: { code: 404, message: 'x' } })).toBe(
      false,
    );
    expect(probeProvesHeld('comment', { status: 403, json: jira })).toBe(false);
    expect(probeProvesHeld('comment', { status: 201, json: {} })).toBe(false);
    expect(probeProvesHeld('read', { status: 200, json: { key: 'CDPROBE-0' } })).toBe(true);
    expect(probeProvesHeld('attach', { status: 200, json: [] })).toBe(true);
    expect(probeProvesHeld('attach', { status: 200, json: [{ id: '1' }] })).toBe(false);
  });

  it('each write probe names its second guard', () => {
    const writes = OPERATION_NAMES.filter((name) => OPERATIONS[name].kind === 'write');
    expect(writes).toHaveLength(8);
    for (const name of writes) expect(OPERATIONS[name].probe.guard?.length).toBeGreaterThan(3);
  });
});
