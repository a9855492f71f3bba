/**
 * Permission watch (#27), as a Jira administrator in the demo: watch a check, remove the sync
 * user from a role (the demo's control), run the daily check now (the demo's control: the local
 * runtime's scheduled trigger and async events), see the drift on the Watch tab and the banner on
 * the project's settings page; a profile whose administrator was deactivated says so.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { GROUP } from '../../simulator/worlds/scenarios';
import { DEMO_ACCOUNT } from '../../simulator/worlds/demo';
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  openPanel,
  runCheck,
  screenshot,
  uncaughtErrors,
  useHarness,
} from './support';
import { HEALTHY } from './demo-world';

describe('permission watch (admin page, project page, demo controls)', () => {
  const harness = useHarness();

  const runDailyCheck = async (page: Page) => {
    await page.getByRole('button', { name: 'Run the daily check now' }).click();
    await page.locator('#watch-status', { hasText: /The daily check ran for/ }).waitFor();
  };
  const openWatchTab = async (panel: FrameLocator) => {
    await panel.getByTestId('tab-watch').click();
    await panel.getByTestId('watch-refresh').waitFor();
  };
  const profileCard = (panel: FrameLocator, name: string) =>
    panel.getByTestId('watch-profile').filter({ has: panel.getByRole('heading', { name }) });

  test('watch a check, break the sync user, run the daily check: the drift and the banner', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC', 'OPS']);
    const { verdict } = await runCheck(panel, 'admin view, to watch');
    expect(verdict).toBe('ready');

    // "Watch this check" saves what the check was run with, under a name.
    await panel.getByTestId('watch-this-check-open').click();
    await panel.getByLabel('Name of the watched check').fill('Salesforce sync');
    await panel.getByRole('button', { name: 'Watch', exact: true }).click();
    await panel.getByTestId('watch-saved').waitFor();

    await openWatchTab(panel);
    const card = profileCard(panel, 'Salesforce sync');
    await expect(card.getAttribute('data-state')).resolves.toBe('waiting');
    await expect(card.getByTestId('watch-state').textContent()).resolves.toBe('Never run');
    expect(await axeViolations(page)).toEqual([]);

    // The first daily run: OK.
    await runDailyCheck(page);
    await panel.getByTestId('watch-refresh').click();
    await card.and(panel.locator('[data-state="passing"]')).waitFor();
    await expect(card.getByTestId('watch-state').textContent()).resolves.toBe('OK');

    // Someone removes the sync user from the Developers role of SYNC; the next daily run sees it.
    const change = page.locator('#watch-change');
    await change.click();
    await page.locator('#watch-change[aria-pressed="true"]').waitFor();
    await runDailyCheck(page);
    await panel.getByTestId('watch-refresh').click();
    await card.and(panel.locator('[data-state="failing"]')).waitFor();
    await expect(card.getByTestId('watch-state').textContent()).resolves.toBe('Failing');
    await expect(card.getByTestId('watch-last-change').textContent()).resolves.toMatch(
      /Ready → Fix permissions; [1-9]\d* new, 0 fixed/,
    );
    await expect(card.textContent()).resolves.toContain('Failing projects');

    // What changed: the new problems, in SYNC, first seen at this run; OPS is not named.
    await card.getByTestId('watch-show-drift').click();
    const added = card.getByTestId('watch-drift-added');
    await added.waitFor();
    const addedText = await added.innerText();
    expect(addedText).toMatch(/New problems \(\d+\)/);
    expect(addedText).toContain('(SYNC');
    expect(addedText).toContain('first seen');
    expect(addedText).not.toContain('(OPS');
    await expect(card.innerText()).resolves.toMatch(/Ready → Fix permissions/);
    await screenshot(page, 'watch-drift');
    expect(await axeViolations(page)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();

    // The project settings page of SYNC shows the banner, with the admin page's link.
    const project = await openPanel(harness(), { page: 'project:SYNC' });
    const banner = project.panel.getByTestId('project-watch-banner');
    await banner.waitFor();
    const bannerText = await banner.innerText();
    expect(bannerText).toContain('stops the sync user in SYNC');
    expect(bannerText).toContain('"Salesforce sync": Fix permissions');
    expect(bannerText).toMatch(/first seen/);
    await screenshot(project.page, 'watch-project-banner');
    expect(await axeViolations(project.page)).toEqual([]);
    const [adminTab] = await Promise.all([
      harness().context.waitForEvent('page'),
      banner.getByRole('link', { name: /open Credential Doctor in Jira settings/ }).click(),
    ]);
    await adminTab.waitForLoadState();
    expect(new URL(adminTab.url()).searchParams.get('page')).toBe('admin');
    await adminTab.close();
    expect(uncaughtErrors(project.page)).toEqual([]);
    await project.page.close();

    // OPS is not broken: no banner there.
    const ops = await openPanel(harness(), { page: 'project:OPS' });
    await ops.panel.getByTestId('run-check').waitFor();
    await ops.page.waitForTimeout(500);
    await expect(ops.panel.getByTestId('project-watch-banner').count()).resolves.toBe(0);
    await ops.page.close();

    // Put the sync user back: the next daily run reports the problems fixed.
    const again = await openPanel(harness());
    await again.page.locator('#watch-change').click();
    await again.page.locator('#watch-change[aria-pressed="false"]').waitFor();
    await runDailyCheck(again.page);
    await openWatchTab(again.panel);
    const fixed = profileCard(again.panel, 'Salesforce sync');
    await fixed.and(again.panel.locator('[data-state="passing"]')).waitFor();
    await fixed.getByTestId('watch-show-drift').click();
    await fixed.getByTestId('watch-drift-resolved').waitFor();
    await again.page.close();
  });

  test('a profile whose administrator was deactivated asks another administrator to take it over', async () => {
    const { world } = harness().demo.simulator;
    // The sync user in its roles (whatever the test before left).
    harness().demo.backend.watch.setChange('sync-role', false);
    // Ada (a Jira administrator) watches a check from the admin page.
    const saved = (await harness().demo.backend.invoke({
      functionKey: 'saveProfile',
      accountId: DEMO_ACCOUNT.admin,
      moduleKey: 'credential-doctor-admin',
      payload: {
        name: 'Watched by Ada',
        user: { accountId: DEMO_ACCOUNT.sync },
        selection: { kind: 'keys', text: 'SYNC' },
      },
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    const ada = world.users.find((u) => u.accountId === DEMO_ACCOUNT.admin)!;
    const alice = world.users.find((u) => u.accountId === DEMO_ACCOUNT.alice)!;
    // Alice becomes a second Jira administrator; the one who saved the profile is deactivated.
    alice.groups.push(GROUP.admins);
    ada.active = false;
    try {
      const { page, panel } = await openPanel(harness(), { as: 'non-admin' });
      await runDailyCheck(page);
      await openWatchTab(panel);
      const card = profileCard(panel, 'Watched by Ada');
      await card.and(panel.locator('[data-state="needs-admin"]')).waitFor();
      await expect(card.getByTestId('watch-state').textContent()).resolves.toBe(
        'Needs another admin',
      );
      const notice = await card.getByTestId('watch-needs-admin').innerText();
      expect(notice).toContain('Another Jira administrator needs to take this profile over');
      expect(notice).toContain('was deactivated in Jira');
      await expect(card.innerText()).resolves.toContain(
        'Not until another administrator takes it over',
      );
      expect(await axeViolations(page)).toEqual([]);

      // Alice takes it over: it runs as her from now on.
      await card.getByRole('button', { name: 'Take over' }).click();
      await card.getByRole('button', { name: 'Take over' }).click();
      await panel.getByTestId('watch-notice').filter({ hasText: 'You took over' }).waitFor();
      await runDailyCheck(page);
      await panel.getByTestId('watch-refresh').click();
      const taken = profileCard(panel, 'Watched by Ada');
      await taken.and(panel.locator('[data-state="passing"]')).waitFor();
      await expect(taken.innerText()).resolves.toMatch(/Runs as\s+Alice Developer/);
      expect(uncaughtErrors(page)).toEqual([]);
      await page.close();
    } finally {
      ada.active = true;
      alice.groups = alice.groups.filter((g) => g !== GROUP.admins);
    }
  });
});
