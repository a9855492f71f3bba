/**
 * The README's three screenshots, taken from the demo: a credentials problem, a permissions plan
 * across projects, and the dark theme. Each test first asserts that the screen shows what its
 * picture is meant to show. The pictures go to artifacts/screenshots/ on a normal run; only
 * `npm run screenshots` (UPDATE_SCREENSHOTS=1) rewrites the committed docs/screenshots/*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  chooseProjects,
  chooseUser,
  fillToken,
  openPanel,
  runCheck,
  SCREENSHOT_DIR,
  useHarness,
} from './support';
import { NO_CREATE, WRONG_OWNER } from './demo-world';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const README_DIR = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const MARGIN = 16;
/** Below the last element: less than the gap to whatever follows it in the panel (8 px). */
const BOTTOM_MARGIN = 6;

/** The page from the top of `from` to the bottom of `to` (both in the panel), full width. */
async function shoot(page: Page, name: string, from: Locator, to: Locator): Promise<string> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const top = await from.boundingBox();
  const bottom = await to.boundingBox();
  const frame = await page.locator('#app').boundingBox();
  if (!top || !bottom || !frame) throw new Error(`Nothing to shoot for ${name}`);
  const dir = UPDATE ? README_DIR : SCREENSHOT_DIR;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, UPDATE ? `${name}.png` : `readme-${name}.png`);
  const y = Math.max(0, top.y - MARGIN);
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: {
      x: Math.max(0, frame.x - MARGIN),
      y,
      width: frame.width + 2 * MARGIN,
      height: bottom.y + bottom.height + BOTTOM_MARGIN - y,
    },
  });
  return file;
}

const banner = (panel: FrameLocator) => panel.getByTestId('verdict');

describe('README screenshots', () => {
  const harness = useHarness();

  test('a credentials problem: the token belongs to someone else', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, WRONG_OWNER.query, WRONG_OWNER.name);
    await chooseProjects(panel, ['SYNC']);
    await fillToken(panel, WRONG_OWNER.email, WRONG_OWNER.secret);
    const { verdict } = await runCheck(panel, 'README: credentials');
    expect(verdict).toBe('fix-credentials');
    await expect(banner(panel).innerText()).resolves.toContain('Fix credentials');
    const credentials = panel.getByTestId('credentials-card');
    await expect(
      credentials.locator('[data-testid$="-credentials"]').getByTestId('status-problem').count(),
    ).resolves.toBe(1);
    await expect(panel.getByTestId('fix-plan').innerText()).resolves.toContain('API token');
    await expect(panel.locator('body').innerText()).resolves.not.toContain(WRONG_OWNER.secret);
    await shoot(page, 'credentials-problem', banner(panel), credentials);
    await page.close();
  });

  test('a permissions plan across projects', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC', 'WEB', 'MOBILE', 'LEGAL', 'MKT']);
    const { verdict } = await runCheck(panel, 'README: permissions plan');
    expect(verdict).toBe('fix-permissions');
    const plan = panel.getByTestId('fix-plan');
    await expect(plan.getByTestId('plan-action').first().innerText()).resolves.toContain(
      'Add Nora Partner to project role Developers in WEB, MOBILE, LEGAL and MKT.',
    );
    // The matrix lists the projects with a problem first: SYNC, asked for first, comes last.
    const rows = await panel
      .getByTestId('permission-matrix')
      .locator('tbody th[role="rowheader"]')
      .evaluateAll((cells) => cells.map((c) => c.firstChild?.textContent ?? ''));
    expect(rows).toEqual(['WEB', 'MOBILE', 'LEGAL', 'MKT', 'SYNC']);
    await shoot(page, 'permissions-plan', banner(panel), panel.getByTestId('matrix-scroll'));
    await page.close();
  });

  test('dark theme', async () => {
    const { page, panel } = await openPanel(harness(), { theme: 'dark' });
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC', 'WEB']);
    await fillToken(panel, NO_CREATE.email, NO_CREATE.secret);
    const { verdict } = await runCheck(panel, 'README: dark theme');
    expect(verdict).toBe('fix-permissions');
    const frame = page.frames().find((f) => f.url().includes('/panel/'));
    const background = await frame?.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (background?.match(/\d+/g) ?? []).map(Number);
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(200);
    await expect(panel.getByTestId('credentials-card').innerText()).resolves.toContain(
      'Nora Partner (nora@acme.example)',
    );
    await expect(panel.getByTestId('matrix-summary').innerText()).resolves.toBe(
      '1 of 2 projects needs attention; it is listed first.',
    );
    await shoot(page, 'dark-theme', banner(panel), panel.getByTestId('matrix-scroll'));
    await page.close();
  });
});
