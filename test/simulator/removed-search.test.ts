/**
 * The old JQL search Atlassian removed in 2025 (CHANGE-2046): Jira Cloud answers GET and POST
 * `/rest/api/3/search` (and `/rest/api/2/search`) with 410 and its error collection, as recorded in
 * test/fixtures/triage/ (docs/jira-behaviour.md, "Triage: what pasted errors also look like").
 * The simulator answered 404 before. The bodies expected here are taken from the recorded pastes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CREDENTIALS, baseWorld } from '../../simulator/worlds/scenarios';
import { call, useSimulator, type Login } from './helpers';

const sim = useSimulator();
const SYNC: Login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };

function recorded(name: string): { paste: string } {
  const file = path.join(__dirname, '..', 'fixtures', 'triage', `${name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { paste: string };
}

/** GET /rest/api/3/search in a browser's console (adyscorpius/logseq-jira issue 34). */
const getBody = (JSON.parse(recorded('removed-api-search-json').paste) as { body: unknown }).body;
/** POST /rest/api/3/search in a restfly log line (tenable/integration-jira-cloud issue 314). */
const postBody = JSON.parse(
  /body=b'(.*)'$/.exec(recorded('removed-api-search-post-log').paste)?.[1] ?? 'null',
) as unknown;

describe('the removed JQL search', () => {
  it('the two recordings agree: a 410 error collection with the migration notice', () => {
    expect(getBody).toEqual({
      errorMessages: [
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
      ],
      errors: {},
    });
    expect(postBody).toEqual(getBody);
  });

  it('GET /rest/api/3/search answers 410 with the recorded body', async () => {
    const s = await sim.start(baseWorld());
    const res = await call(s, '/rest/api/3/search?jql=project%3DSYNC', { auth: SYNC });
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json).toEqual(getBody);
  });

  it('POST /rest/api/3/search answers 410 with the recorded body', async () => {
    const s = await sim.start(baseWorld());
    const res = await call(s, '/rest/api/3/search', {
      auth: SYNC,
      method: 'POST',
      body: { jql: 'project = SYNC' },
    });
    expect(res.status).toBe(410);
    expect(res.json).toEqual(postBody);
  });

  it('/rest/api/2/search answers the same 410 (GET and POST)', async () => {
    const s = await sim.start(baseWorld());
    const get = await call(s, '/rest/api/2/search?jql=project%3DSYNC', { auth: SYNC });
    expect(get.status).toBe(410);
    expect(get.json).toEqual(getBody);
    const post = await call(s, '/rest/api/2/search', {
      auth: SYNC,
      body: { jql: 'project = SYNC' },
    });
    expect(post.status).toBe(410);
    expect(post.json).toEqual(getBody);
  });

  it('the search that replaced it still answers', async () => {
    const s = await sim.start(baseWorld());
    const res = await call(s, '/rest/api/3/search/jql', {
      auth: SYNC,
      body: { jql: 'project = SYNC' },
    });
    expect(res.status).toBe(200);
  });
});
