/**
 * The token check's "connects through the API gateway" choice reaches the resolver, and the report
 * shows the operations checked with their scope status and the scopes to give the token.
 */
import type { Request } from 'playwright-core';
import {
  chooseProjects,
  chooseUser,
  fillToken,
  openPanel,
  runCheck,
  uncaughtErrors,
  useHarness,
} from './support';
import { SCOPED } from './demo-world';

/** The `via` of every runCheck the panel sent (the token itself is not kept). */
function watchVia(requests: Request[]): () => Array<string | undefined> {
  return () =>
    requests
      .filter((r) => r.method() === 'POST' && r.url().includes('/demo/api/invoke'))
      .map((r) => JSON.parse(r.postData() ?? '{}') as Record<string, unknown>)
      .map((body) => JSON.stringify(body))
      .filter((text) => text.includes('"runCheck"'))
      .map((text) => /"via":"([a-z]+)"/.exec(text)?.[1]);
}

describe('token scopes in the panel', () => {
  const harness = useHarness();

  test('a scoped token checked through the gateway: the choice is sent, scopes are shown as given', async () => {
    const { page, panel } = await openPanel(harness());
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await chooseUser(panel, SCOPED.query, SCOPED.name);
    await chooseProjects(panel, ['SYNC']);
    await fillToken(panel, SCOPED.email, SCOPED.secret);
    await panel.getByTestId('token-via-gateway--checkbox-label').click();
    await runCheck(panel, 'scoped token via gateway');
    expect(watchVia(requests)()).toEqual(['gateway']);

    const scopes = panel.getByTestId('token-scopes');
    await expect(scopes.getByTestId('operation-read').getAttribute('data-status')).resolves.toBe(
      'held',
    );
    await expect(scopes.getByTestId('operation-create').getAttribute('data-status')).resolves.toBe(
      'held',
    );
    const classic = (await scopes.getByTestId('required-scopes-classic').textContent()) ?? '';
    expect(classic).toContain('write:jira-work');
    expect(await scopes.getByTestId('required-scopes-granular').textContent()).toMatch(
      /Granular: .*:jira/,
    );
    // Plain words in the view: the finding code only in the technical details.
    const visible = (await scopes.innerText()) ?? '';
    expect(visible).toContain('Create issues');
    // The card is about the token's scopes, not whether the user may read every project.
    expect(visible).toMatch(/^Token scopes for what the integration does/);
    expect(visible).not.toContain('TOKEN_SCOPE_INSUFFICIENT');
    expect(await panel.getByTestId('coverage-scopes').getAttribute('data-state')).toBe('tested');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test('the same token through the site URL: site is sent, and the token is refused there', async () => {
    const { page, panel } = await openPanel(harness());
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await chooseUser(panel, SCOPED.query, SCOPED.name);
    await chooseProjects(panel, ['SYNC']);
    await fillToken(panel, SCOPED.email, SCOPED.secret);
    const { verdict } = await runCheck(panel, 'scoped token via site');
    expect(watchVia(requests)()).toEqual(['site']);
    expect(verdict).toBe('fix-credentials');
    // The scopes a token would need are shown whatever the outcome.
    await panel.getByTestId('token-scopes').getByTestId('required-scopes').waitFor();
    await page.close();
  });
});
