/**
 * Runs of many projects from the admin page (#14): pasted keys, a project category of 1000
 * projects, every project; checked in batches (each one resolver invocation inside the local
 * Forge runtime's 25 s limit), with progress and a cancel.
 */
import type { Page, Request } from 'playwright-core';
import { branchOfficeKey } from '../../simulator/worlds/branch-offices';
import {
  axeViolations,
  chooseUser,
  fillToken,
  openPanel,
  uncaughtErrors,
  useHarness,
  waitForVerdict,
} from './support';
import { HEALTHY, NO_CREATE } from './demo-world';
import type { FrameLocator } from 'playwright-core';

/** The resolver calls the panel makes, by key (runCheck batches carry `run`). */
function recordInvocations(page: Page): Array<{ key: string; batch: number | null }> {
  const calls: Array<{ key: string; batch: number | null }> = [];
  page.on('request', (request: Request) => {
    if (!request.url().endsWith('/demo/api/invoke')) return;
    // The demo bridge posts { session, body: { functionKey, payload } }.
    const { body } = JSON.parse(request.postData() ?? '{}') as {
      body?: { functionKey?: string; payload?: { run?: { batch?: number } } };
    };
    calls.push({ key: body?.functionKey ?? '', batch: body?.payload?.run?.batch ?? null });
  });
  return calls;
}

async function chooseScope(panel: FrameLocator, label: string): Promise<void> {
  // Keyboard, as an admin without a mouse would: the choice list opens with the down arrow.
  await panel.locator('#cd-projects-scope').press('ArrowDown');
  await panel.getByRole('option', { name: label }).click();
}

async function chooseCategory(panel: FrameLocator, name: string): Promise<void> {
  await panel.locator('#cd-projects').click();
  await panel.getByRole('option', { name }).click();
}

describe('all projects from the admin page', () => {
  const harness = useHarness();

  test('1000 projects of a category: progress, ten batches, one merged report with the plan', async () => {
    const { page, panel } = await openPanel(harness());
    const calls = recordInvocations(page);
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseScope(panel, 'A project category');
    await chooseCategory(panel, 'Branch offices');
    await fillToken(panel, HEALTHY.email, HEALTHY.secret);
    expect(await axeViolations(page)).toEqual([]);
    const started = Date.now();
    await panel.getByTestId('run-check').click();
    await panel
      .getByTestId('run-progress')
      .filter({ hasText: /Checked \d+ of 1000 projects/ })
      .waitFor();
    const { verdict } = await waitForVerdict(panel, started, '1000 projects');
    expect(verdict).toBe('fix-permissions');

    // One plan, one batch per 100 projects, each answered inside the runtime's limit (a batch
    // the runtime stopped would leave its projects "not checked").
    expect(calls.filter((c) => c.key === 'startRun')).toHaveLength(1);
    expect(calls.filter((c) => c.key === 'runCheck').map((c) => c.batch)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    const result = panel.getByTestId('result');
    await expect(result.innerText()).resolves.not.toContain('Some projects were not checked');
    // The plan groups the four offices where Create is missing into one action.
    const plan = await panel.getByTestId('fix-plan').innerText();
    for (const n of [250, 500, 750, 1000]) expect(plan).toContain(branchOfficeKey(n));
    expect(await axeViolations(page)).toEqual([]);

    // The history keeps the run once, not once per batch, and says how its projects were chosen.
    await panel.getByTestId('tab-history').click();
    await panel.getByTestId('history').waitFor();
    const rows = panel.locator('[data-testid^="history-row-"]');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('td:nth-child(4)').textContent()).resolves.toBe(
      'Category Branch offices (1000 projects)',
    );
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test('Cancel stops further batches and shows how far the run got', async () => {
    const { page, panel } = await openPanel(harness());
    const calls = recordInvocations(page);
    // Slow each batch down so the run is still going when Cancel is pressed.
    await page.route('**/demo/api/invoke', async (route) => {
      if ((route.request().postData() ?? '').includes('"run"')) {
        const response = await route.fetch();
        await new Promise((r) => setTimeout(r, 700));
        await route.fulfill({ response }).catch(() => undefined);
      } else {
        await route.continue();
      }
    });
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseScope(panel, 'A project category');
    await chooseCategory(panel, 'Branch offices');
    await panel.getByTestId('run-check').click();
    await panel
      .getByTestId('run-progress')
      .filter({ hasText: /Checked (2|3)00 of 1000 projects/ })
      .waitFor({ timeout: 60000 });
    await panel.getByTestId('cancel-check').click();
    const cancelled = await panel.getByTestId('empty-result').innerText();
    expect(cancelled).toContain('Check cancelled');
    expect(cancelled).toMatch(/[23]00 of 1000 projects were checked before you cancelled/);
    const sent = calls.filter((c) => c.key === 'runCheck').length;
    expect(calls.filter((c) => c.key === 'cancelRun')).toHaveLength(1);
    await page.waitForTimeout(2000);
    // No batch after Cancel, and no verdict from the batches that were still coming back.
    expect(calls.filter((c) => c.key === 'runCheck')).toHaveLength(sent);
    await expect(panel.getByTestId('verdict').count()).resolves.toBe(0);
    await expect(panel.getByTestId('result').getAttribute('data-run-state')).resolves.toBe(
      'cancelled',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('a batch the backend fails twice leaves its projects not checked: the run is inconclusive, never ready', async () => {
    const { page, panel } = await openPanel(harness());
    const calls = recordInvocations(page);
    // The second batch's invocation fails (as when the platform stops it), also when tried again.
    await page.route('**/demo/api/invoke', async (route) => {
      if ((route.request().postData() ?? '').includes('"batch":1')) {
        await route.fulfill({
          status: 500,
          contentType: 'text/plain',
          body: 'Internal Server Error',
        });
      } else {
        await route.continue();
      }
    });
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseScope(panel, 'A list of project keys');
    // 249 healthy branch offices: every one of them would be ready.
    const keys = Array.from({ length: 249 }, (_, i) => branchOfficeKey(i + 1));
    await panel.getByTestId('project-keys').fill(keys.join('\n'));
    const started = Date.now();
    await panel.getByTestId('run-check').click();
    const { verdict } = await waitForVerdict(panel, started, 'a failed batch');
    expect(verdict).toBe('inconclusive');
    // Tried twice, then the run went on with the last batch.
    expect(calls.filter((c) => c.key === 'runCheck').map((c) => c.batch)).toEqual([0, 1, 1, 2]);
    const result = await panel.getByTestId('result').innerText();
    expect(result).toContain('Some projects were not checked');
    expect(result).toMatch(/100 of 249 projects were not checked \(ZB0101, /);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('pasted keys: a wrong entry is named on the field; a good list checks those projects', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseScope(panel, 'A list of project keys');
    // The host command needs chosen projects: the waiting note says how, since keys are typed.
    await expect(panel.getByTestId('host-command-waiting').textContent()).resolves.toContain(
      'with “Projects I choose”',
    );
    const keys = panel.getByTestId('project-keys');
    await keys.fill('web, 1AB\nmobile');
    await panel.getByTestId('run-check').click();
    const error = panel.getByTestId('cd-projects-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('"1AB" (entry 2)');
    await expect(keys.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await keys.fill('web, mobile\nsync');
    const started = Date.now();
    await panel.getByTestId('run-check').click();
    const { verdict } = await waitForVerdict(panel, started, 'pasted keys');
    expect(verdict).toBe('fix-permissions');
    const plan = await panel.getByTestId('fix-plan').innerText();
    expect(plan).toMatch(/Nora Partner/);
    expect(plan).toContain('WEB');
    await page.close();
  });

  test('every project: a site with more projects than a run checks says so on the field', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseScope(panel, 'Every project');
    await panel.getByTestId('run-check').click();
    const error = panel.getByTestId('cd-projects-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(
      /more than 1000 projects on this site.*Pick a category/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
