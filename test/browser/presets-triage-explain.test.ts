/**
 * Integration presets in the form, the "Paste an error" box (in the browser only: no resolver
 * call, no Jira call), and the admin view's explanations in the permission matrix.
 */
import type { FrameLocator, Page, Request } from 'playwright-core';
import { PRESETS } from '../../src/engine/knowledge/presets';
import type { Report } from '../../src/engine/model/report';
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  useHarness,
  fillToken,
  openPanel,
  runCheck,
  screenshot,
  uncaughtErrors,
} from './support';
import { HEALTHY, NO_CREATE } from './demo-world';

interface SentCheck {
  payload: Record<string, unknown>;
  report: Report;
}

/** Records every runCheck the panel sends through the bridge, with the report it got back. */
function recordChecks(page: Page): SentCheck[] {
  const sent: SentCheck[] = [];
  page.on('response', (response) => {
    const request = response.request();
    if (!request.url().endsWith('/demo/api/invoke')) return;
    const body = JSON.parse(request.postData() ?? '{}') as {
      body?: { functionKey?: string; payload?: Record<string, unknown> };
    };
    if (body.body?.functionKey !== 'runCheck') return;
    void response.json().then((json: { result?: { ok?: boolean; report?: Report } }) => {
      if (json.result?.report)
        sent.push({ payload: body.body?.payload ?? {}, report: json.result.report });
    });
  });
  return sent;
}

/** Waits until the panel's own start-up calls (access check, project picker) have settled. */
async function quietNetwork(page: Page, quietMs = 750): Promise<void> {
  let inflight = 0;
  let last = Date.now();
  const isApi = (r: Request) => r.url().includes('/demo/api/');
  const started = (r: Request) => {
    if (isApi(r)) {
      inflight += 1;
      last = Date.now();
    }
  };
  const ended = (r: Request) => {
    if (isApi(r)) {
      inflight -= 1;
      last = Date.now();
    }
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline && (inflight > 0 || Date.now() - last < quietMs)) {
      await page.waitForTimeout(100);
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

async function choosePreset(panel: FrameLocator, title: RegExp): Promise<void> {
  await panel.locator('#cd-preset').focus();
  await panel.locator('#cd-preset').press('ArrowDown');
  await panel.getByRole('option', { name: title }).first().click();
}

async function presetValue(panel: FrameLocator): Promise<string> {
  return (await panel.getByTestId('preset-select-select--container').textContent()) ?? '';
}

async function lastCheck(sent: SentCheck[]): Promise<SentCheck> {
  for (let i = 0; i < 50 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  const last = sent[sent.length - 1];
  if (!last) throw new Error('No runCheck was recorded');
  return last;
}

describe('presets, error triage and explanations', () => {
  const harness = useHarness();

  test('a preset sets the permissions checked, with the reason for each; editing makes it Custom', async () => {
    const { page, panel } = await openPanel(harness());
    const sent = recordChecks(page);
    // The form opens on the basic sync preset (Browse, Create, Edit), its reasons visible.
    await expect(presetValue(panel)).resolves.toContain(PRESETS['sync-basic'].title);
    await expect(panel.getByTestId('preset-reasons').textContent()).resolves.toContain(
      'create the issues it mirrors',
    );

    await choosePreset(panel, /^Two-way sync/);
    const twoWay = PRESETS['two-way-sync'].permissions;
    const reasons = panel.getByTestId('preset-reasons').locator('li');
    await expect(reasons.count()).resolves.toBe(twoWay.length);
    for (const p of twoWay) {
      await expect(
        panel.getByTestId('preset-reasons').locator(`li[data-permission="${p.key}"]`).textContent(),
      ).resolves.toContain(p.reason);
    }
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC']);
    await screenshot(page, 'form-preset-two-way-sync');
    expect(await axeViolations(page)).toEqual([]);

    await runCheck(panel, 'two-way-sync preset');
    const first = await lastCheck(sent);
    expect(first.payload.permissions).toEqual(twoWay.map((p) => p.key));
    expect(first.report.requiredPermissions).toEqual(twoWay.map((p) => p.key));
    // The matrix has a column for each.
    for (const p of twoWay) {
      await expect(panel.getByTestId(`cell-SYNC-${p.key}`).count()).resolves.toBe(1);
    }

    // Removing a permission keeps the rest and turns the preset into Custom.
    await panel.getByRole('button', { name: /Remove Link issues/i }).click();
    await expect(presetValue(panel)).resolves.toContain('Custom');
    await expect(panel.getByTestId('preset-reasons').count()).resolves.toBe(0);
    sent.length = 0;
    await runCheck(panel, 'custom after editing the preset');
    const custom = await lastCheck(sent);
    const expected = twoWay.map((p) => p.key).filter((k) => k !== 'LINK_ISSUES');
    expect(custom.report.requiredPermissions).toEqual(expected);

    // Choosing a preset again replaces the list.
    await choosePreset(panel, /^Backup \(read-only\)/);
    await expect(panel.getByTestId('preset-reasons').textContent()).resolves.toContain(
      'watchers and voters',
    );
    sent.length = 0;
    await runCheck(panel, 'backup-read preset');
    const backup = await lastCheck(sent);
    expect(backup.report.requiredPermissions).toEqual(
      PRESETS['backup-read'].permissions.map((p) => p.key),
    );
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test('the triage box classifies a pasted log in the browser, with no resolver or Jira call', async () => {
    const { page, panel } = await openPanel(harness());
    await panel.getByTestId('tab-triage').click();
    const input = panel.getByTestId('triage-input');
    await input.waitFor();
    await expect(panel.getByLabel('Error text').count()).resolves.toBe(1);

    await quietNetwork(page);
    // From here on, nothing may reach the app's resolvers or Jira.
    const calls: string[] = [];
    const watch = (request: Request) => {
      const url = request.url();
      if (url.includes('/demo/api/invoke') || url.includes('/demo/api/product'))
        calls.push(`${url} ${request.postData() ?? ''}`);
    };
    page.on('request', watch);
    const simulatorRequests = harness().demo.simulator.log.length;

    const log = [
      '2024-05-02T10:00:01Z ERROR sync: HTTP 401 Unauthorized: Client must be authenticated to access this resource. Authorization: Basic c3luY0BhY21lLmV4YW1wbGU6QVRBVFQzeHNlY3JldA==',
      '2024-05-02T10:00:02Z ERROR sync: 400 Bad Request: {"errorMessages":[],"errors":{"project":"You do not have permission to create issues in this project."}}',
      '2024-05-02T10:00:03Z INFO sync: connection pool warmed up in 20ms',
      '2024-05-02T10:00:04Z WARN sync: HTTP 429 Too Many Requests, Retry-After: 30',
    ].join('\n');
    await input.fill(log);
    await panel.getByTestId('triage-explain').click();
    const results = panel.getByTestId('triage-results');
    await results.waitFor();

    const messages = panel.getByTestId('triage-message');
    await expect(messages.count()).resolves.toBe(4);
    const credentials = messages.nth(0);
    await expect(credentials.getAttribute('data-category')).resolves.toBe('credentials');
    await expect(credentials.textContent()).resolves.toContain('Line 1');
    await expect(credentials.textContent()).resolves.toContain('HTTP 401');
    await expect(credentials.textContent()).resolves.toContain('CREDENTIALS_REJECTED');
    await expect(credentials.textContent()).resolves.toContain('Next step');
    // The pasted credential is classified but shown masked.
    await expect(credentials.textContent()).resolves.toContain('Basic ••••');
    await expect(credentials.textContent()).resolves.not.toContain('c3luY0BhY21l');

    const permissions = messages.nth(1);
    await expect(permissions.getAttribute('data-category')).resolves.toBe('permissions');
    await expect(permissions.textContent()).resolves.toContain('MISSING_PERMISSION');
    await expect(permissions.textContent()).resolves.toContain('Create Issues');

    const unrecognised = messages.nth(2);
    await expect(unrecognised.getAttribute('data-category')).resolves.toBe('unrecognised');
    await expect(unrecognised.textContent()).resolves.toContain('Unrecognised — not guessed');
    await expect(unrecognised.textContent()).resolves.not.toContain('Likely cause');

    const limited = messages.nth(3);
    await expect(limited.getAttribute('data-category')).resolves.toBe('transient');
    await expect(limited.textContent()).resolves.toContain('Retry after 30 seconds');

    await expect(panel.getByTestId('triage-summary').textContent()).resolves.toBe(
      '4 messages: 1 credentials, 1 permissions, 1 temporary problem, 1 unrecognised.',
    );
    await expect(panel.getByTestId('triage-count-unrecognised').textContent()).resolves.toBe(
      'Unrecognised: 1',
    );

    await screenshot(page, 'triage');
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard: Ctrl+Enter in the box explains again, still without a call.
    await input.fill('Basic authentication with passwords is deprecated');
    await input.press('Control+Enter');
    await panel.getByText('PASSWORD_NOT_TOKEN').first().waitFor();
    await expect(messages.count()).resolves.toBe(1);

    expect(calls).toEqual([]);
    expect(harness().demo.simulator.log.length).toBe(simulatorRequests);
    page.off('request', watch);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test('a permission key this site does not have is an error on its field after the run (#24)', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC']);
    const input = panel.locator('#cd-permissions');
    await input.click();
    await input.fill('CREAT_ISSUES');
    await panel.getByRole('option', { name: 'Use the key CREAT_ISSUES' }).click();
    await runCheck(panel, 'unknown permission key');
    await expect(panel.locator('#cd-permissions-error').textContent()).resolves.toContain(
      'CREAT_ISSUES is not a permission on this site',
    );
    // The verdict keeps the focus; the field is marked, not focused.
    await expect(
      panel.locator('[data-testid="verdict"] h2').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test('the matrix explains a missing Create from the scheme and gives the least-privilege fix', async () => {
    const { page, panel } = await openPanel(harness());
    const sent = recordChecks(page);
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC', 'WEB']);
    await fillToken(panel, NO_CREATE.email, NO_CREATE.secret);
    const { verdict } = await runCheck(panel, 'explanations, missing only');
    expect(verdict).toBe('fix-permissions');
    expect((await lastCheck(sent)).payload.explain).toBeUndefined();

    // The credentials card says who the token signs in as, and which kind of token it is.
    const credentials = panel.locator('[data-testid^="column-"][data-testid$="-credentials"]');
    await expect(credentials.textContent()).resolves.toContain('Nora Partner (nora@acme.example)');
    await expect(credentials.textContent()).resolves.toContain(
      'API token, accepted at the site URL',
    );

    const missing = panel.getByTestId('cell-WEB-CREATE_ISSUES');
    await missing.hover();
    const tooltip = panel.getByRole('tooltip');
    await expect(tooltip.textContent({ timeout: 5000 })).resolves.toMatch(
      /Granted in the scheme to: project role Developers; .*The user is in role Users\./,
    );
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'detached' });
    // Keyboard focus shows the same reason (the matrix is a grid: arrows move between cells).
    await panel.getByTestId('cell-WEB-BROWSE_PROJECTS').focus();
    await page.keyboard.press('ArrowRight');
    await expect(tooltip.textContent({ timeout: 5000 })).resolves.toContain(
      'Granted in the scheme to:',
    );
    await panel.locator('#cd-user').focus();

    const fix = panel.getByTestId('recommendation-WEB');
    await expect(fix.textContent()).resolves.toMatch(
      /^Recommended fix: Add Nora Partner .* to project role "Developers" in WEB \(grants Create Issues\)\./,
    );
    // SYNC has nothing missing: by default it is not explained.
    await expect(panel.getByTestId('why-SYNC').count()).resolves.toBe(0);
    await screenshot(page, 'admin-explanations');
    expect(await axeViolations(page)).toEqual([]);

    // Explain held permissions too: every ✓ says which grant gives it.
    await panel
      .getByRole('checkbox', { name: 'Explain held permissions too' })
      .check({ force: true });
    // The panel forgets the token once a check is sent: paste it again for the second run.
    await fillToken(panel, NO_CREATE.email, NO_CREATE.secret);
    await runCheck(panel, 'explanations, all');
    expect((await lastCheck(sent)).payload.explain).toBe('all');
    await expect(panel.getByTestId('why-SYNC').count()).resolves.toBe(1);
    const held = panel.getByTestId('cell-SYNC-CREATE_ISSUES');
    await held.hover();
    await expect(tooltip.textContent({ timeout: 5000 })).resolves.toMatch(
      /^Create Issues is granted in SYNC, held through project role .+\.$/,
    );
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'detached' });
    // The page says it too, not only the tooltip (#24): each held permission and its grant.
    await expect(panel.getByTestId('held-SYNC').textContent()).resolves.toMatch(
      /Create Issues held through project role ./,
    );
    await expect(panel.getByTestId('recommendation-WEB').count()).resolves.toBe(1);
    await screenshot(page, 'admin-explanations-all');
    expect(await axeViolations(page)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
