/** Keyboard-only use from the first field to the verdict, and Jira's dark theme. */
import type { Frame, Page } from 'playwright-core';
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  useHarness,
  fillToken,
  openPanel,
  runCheck,
  screenshot,
  waitForVerdict,
} from './support';
import { NO_CREATE } from './demo-world';

function panelFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/panel/'));
  if (!frame) throw new Error('The panel frame is not there');
  return frame;
}

/** What has the keyboard focus inside the panel: an id, else a test id, else the tag. */
function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    return el.id || el.getAttribute('data-testid') || el.tagName.toLowerCase();
  });
}

async function tabUntil(
  page: Page,
  frame: Frame,
  wanted: (focus: string) => boolean,
  limit = 40,
): Promise<string> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focus = await focused(frame);
    if (wanted(focus)) return focus;
  }
  throw new Error(`Tab never reached the wanted control (last: ${await focused(frame)})`);
}

/** Tab stops from the Check tab to Run with a user and three projects chosen (#24: was 17). */
const MAX_TAB_STOPS_TO_RUN = 11;

describe('keyboard and theme', () => {
  const harness = useHarness();

  test('a whole check with the keyboard only', async () => {
    const { page, panel } = await openPanel(harness());
    const frame = panelFrame(page);

    await tabUntil(page, frame, (f) => f === 'cd-user');
    await page.keyboard.type(NO_CREATE.query);
    await panel.getByRole('option', { name: /Nora/ }).first().waitFor();
    await page.keyboard.press('Enter');

    await tabUntil(page, frame, (f) => f === 'cd-projects');
    for (const key of ['SYNC', 'WEB']) {
      await page.keyboard.type(key);
      await panel
        .getByRole('option', { name: new RegExp(`\\(${key}\\)`) })
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
    }

    await tabUntil(page, frame, (f) => f === 'run-check');
    const started = Date.now();
    await page.keyboard.press('Enter');
    const { verdict } = await waitForVerdict(panel, started, 'keyboard only');
    expect(verdict).toBe('fix-permissions');

    // Focus moves to the verdict's heading (#24), and the matrix cells are reachable with their reason.
    await expect(
      frame.evaluate(
        () =>
          document.activeElement?.tagName === 'H2' &&
          document.activeElement.closest('[data-testid="verdict"]') !== null,
      ),
    ).resolves.toBe(true);
    await tabUntil(page, frame, (f) => f === 'cell-WEB-CREATE_ISSUES', 60);
    await panel.getByRole('tooltip').waitFor();
    await screenshot(page, 'keyboard-tooltip');

    // The evidence toggle works with the keyboard and loads its chunk.
    await tabUntil(page, frame, (f) => f === 'toggle-evidence', 80);
    await page.keyboard.press('Enter');
    await panel.getByTestId('evidence-list').waitFor();
    await page.close();
  });

  test('fewer tab stops to Run (#24): a chosen project’s remove button is not in the main path', async () => {
    const { page, panel } = await openPanel(harness());
    const frame = panelFrame(page);
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC', 'WEB', 'MOBILE']);
    await panel.getByTestId('tab-check').focus();
    const path: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focus = await focused(frame);
      const label = await frame.evaluate(
        () => document.activeElement?.getAttribute('aria-label') ?? '',
      );
      path.push(focus === 'button' ? `button "${label}"` : focus);
      if (focus === 'run-check') break;
    }
    console.log(`Tab stops from the Check tab to Run: ${path.length} (${path.join(' → ')})`);
    expect(path[path.length - 1]).toBe('run-check');
    expect(path.filter((f) => f.startsWith('button')).length).toBe(0);
    // Chosen values are removed with Backspace in their field; their × buttons take no tab stop.
    const removeButtons = await frame.evaluate(
      () =>
        Array.from(document.querySelectorAll<HTMLElement>('button[aria-label^="Remove"]')).filter(
          (b) => b.tabIndex >= 0,
        ).length,
    );
    expect(removeButtons).toBe(0);
    expect(path.length).toBeLessThanOrEqual(MAX_TAB_STOPS_TO_RUN);
    await page.close();
  });

  test('dark theme: the panel follows Jira', async () => {
    const { page, panel } = await openPanel(harness(), { theme: 'dark' });
    const frame = panelFrame(page);
    await frame.waitForFunction(
      () => document.documentElement.getAttribute('data-color-mode') === 'dark',
    );
    const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(200);
    await screenshot(page, 'dark-form');
    expect(await axeViolations(page)).toEqual([]);

    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC', 'WEB']);
    await fillToken(panel, NO_CREATE.email, NO_CREATE.secret);
    const { verdict } = await runCheck(panel, 'dark theme, token + admin');
    expect(verdict).toBe('fix-permissions');
    await screenshot(page, 'dark-fix-permissions');
    expect(await axeViolations(page)).toEqual([]);

    // Switching the theme in Jira re-themes the open panel.
    await page.selectOption('#theme', 'light');
    await frame.waitForFunction(
      () => document.documentElement.getAttribute('data-color-mode') === 'light',
    );
    await page.selectOption('#theme', 'dark');
    await frame.waitForFunction(
      () => document.documentElement.getAttribute('data-color-mode') === 'dark',
    );
    await page.close();
  });
});
