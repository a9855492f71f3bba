/**
 * The permission matrix over 1000 projects: problems first, a page of projects at a time, one
 * tab stop with the WAI-ARIA grid keys inside, and a marked sideways scroll at 800 px.
 * The report is the engine's own (admin view against the simulator's generated 1000-project
 * world); the resolver's answer carries it to the panel, as it would once the run is split.
 */
import type { Frame, Page } from 'playwright-core';
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  openPanel,
  runCheck,
  useHarness,
} from './support';
import { permissionName } from '../../src/engine/presentation/permission-names';
import { NO_CREATE } from './demo-world';
import { largeEngineReport, type LargeReport } from './large-report';

// A 1000-project report makes a big page: axe alone takes tens of seconds on a loaded machine.
jest.setTimeout(240_000);

const PROJECTS = 1000;
const BROKEN_EVERY = 20;
const PAGE_SIZE = 25;

function panelFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/panel/'));
  if (!frame) throw new Error('The panel frame is not there');
  return frame;
}

interface Focus {
  testId: string;
  label: string;
  inGrid: boolean;
  row: number | null;
  col: number | null;
}

function focused(frame: Frame): Promise<Focus> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const row = el?.getAttribute('data-row');
    const col = el?.getAttribute('data-col');
    return {
      testId: el?.getAttribute('data-testid') ?? el?.id ?? el?.tagName.toLowerCase() ?? '',
      label: el?.getAttribute('aria-label') ?? '',
      inGrid: Boolean(el?.closest('[role="grid"]')),
      row: row === null || row === undefined ? null : Number(row),
      col: col === null || col === undefined ? null : Number(col),
    };
  });
}

async function press(page: Page, frame: Frame, key: string): Promise<Focus> {
  await page.keyboard.press(key);
  return focused(frame);
}

/** Serves the engine's report for the next Run, whatever was asked in the form. */
async function answerWith(page: Page, large: LargeReport): Promise<void> {
  await page.route('**/demo/api/invoke', async (route) => {
    const body = route.request().postData() ?? '';
    if (!body.includes('"runCheck"')) return route.continue();
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ result: { ok: true, report: large.report } }),
    });
  });
}

describe('permission matrix over 1000 projects', () => {
  const harness = useHarness();
  let large: LargeReport;

  beforeAll(async () => {
    large = await largeEngineReport(PROJECTS, BROKEN_EVERY);
  });

  test('the engine report has what the matrix is tested on', () => {
    expect(large.report.projects).toHaveLength(PROJECTS);
    expect(large.broken).toHaveLength(PROJECTS / BROKEN_EVERY);
    for (const key of large.broken) {
      const project = large.report.projects.find((p) => p.key === key);
      expect(Object.values(project?.permissions ?? {})).toContain(false);
    }
    // The broken projects are spread over the report: only the first is at its top.
    expect(large.report.projects[1]?.key).not.toBe(large.broken[1]);
  });

  test('problems first, paged, one tab stop, arrow keys, axe clean', async () => {
    const { page, panel } = await openPanel(harness());
    const frame = panelFrame(page);
    await answerWith(page, large);
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC']);
    const { verdict } = await runCheck(panel, '1000 projects (engine report)');
    expect(verdict).toBe('fix-permissions');

    const matrix = panel.getByTestId('permission-matrix');
    const grid = matrix.getByRole('grid', { name: 'Permission matrix' });
    const rowKeys = () =>
      grid
        .locator('tbody th[role="rowheader"]')
        .evaluateAll((cells) => cells.map((c) => c.firstChild?.textContent ?? ''));
    const status = matrix.getByTestId('matrix-page-status');

    // Paged: one page of rows in the DOM, the grid says how many there are in all.
    await expect(grid.getAttribute('aria-rowcount')).resolves.toBe(String(PROJECTS + 1));
    await expect(grid.locator('tbody tr').count()).resolves.toBe(PAGE_SIZE);
    await expect(status.innerText()).resolves.toBe('Projects 1–25 of 1,000 · page 1 of 40');
    await expect(matrix.getByTestId('matrix-summary').innerText()).resolves.toBe(
      '50 of 1,000 projects need attention; they are listed first.',
    );

    // Above the matrix, the Permissions column lists a few projects, problems first, and counts the rest.
    const column = panel.locator('[data-testid^="column-"][data-testid$="-permissions"]');
    await expect(column.locator('dt').allInnerTexts()).resolves.toEqual([
      ...large.broken.slice(0, 8).map((k) => `${k} · Bench project ${k.slice(1)}`),
      '992 more projects',
    ]);
    await expect(column.locator('dd').last().innerText()).resolves.toBe(
      '42 with a problem, 950 with everything held: see the permission matrix below.',
    );

    // Problems first: the broken projects fill pages 1 and 2, in the report's order.
    await expect(rowKeys()).resolves.toEqual(large.broken.slice(0, PAGE_SIZE));
    const brokenRows = await grid
      .locator('tbody tr')
      .evaluateAll((rows) => rows.filter((r) => r.querySelector('[data-state="no"]')).length);
    expect(brokenRows).toBe(PAGE_SIZE);
    await matrix.getByTestId('matrix-next').click();
    await expect(status.innerText()).resolves.toBe('Projects 26–50 of 1,000 · page 2 of 40');
    await expect(rowKeys()).resolves.toEqual(large.broken.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    await matrix.getByTestId('matrix-next').click();
    const third = await rowKeys();
    expect(third[0]).toBe('P2');
    expect(third.filter((k) => large.broken.includes(k))).toEqual([]);
    await matrix.getByTestId('matrix-previous').click();
    await matrix.getByTestId('matrix-previous').click();
    await expect(status.innerText()).resolves.toBe('Projects 1–25 of 1,000 · page 1 of 40');

    // One tab stop: a single cell is in the tab order, and Tab enters it once and leaves.
    await expect(grid.locator('[tabindex="0"]').count()).resolves.toBe(1);
    await expect(grid.locator('[role="gridcell"][tabindex="-1"]').count()).resolves.toBe(
      PAGE_SIZE * large.report.requiredPermissions.length - 1,
    );
    // Tab lands on the first problem: the first broken project's missing permission.
    const firstBroken = large.report.projects.find((p) => p.key === large.broken[0]);
    const missing = large.report.requiredPermissions.find(
      (p) => firstBroken?.permissions[p] === false,
    );
    const roving = grid.locator('[tabindex="0"]');
    await expect(roving.getAttribute('data-testid')).resolves.toBe(
      `cell-${large.broken[0]}-${missing}`,
    );
    await roving.focus();
    const before = await press(page, frame, 'Shift+Tab');
    expect(before.inGrid).toBe(false);
    const entered = await press(page, frame, 'Tab');
    expect(entered.testId).toBe(`cell-${large.broken[0]}-${missing}`);
    expect(entered.label).toBe(
      `${permissionName(missing ?? '')} in ${large.broken[0]}: not granted`,
    );
    await panel.getByRole('tooltip').waitFor();
    const left = await press(page, frame, 'Tab');
    expect(left.inGrid).toBe(false);
    expect(left.testId).toBe('matrix-next');
    const back = await press(page, frame, 'Shift+Tab');
    expect(back.testId).toBe(entered.testId);

    // Arrow keys, Home/End inside a row, PageDown/PageUp and Ctrl+End/Home across pages.
    const cols = large.report.requiredPermissions.length;
    const start = { row: entered.row ?? -1, col: entered.col ?? -1 };
    await expect(press(page, frame, 'Home')).resolves.toMatchObject({ row: start.row, col: 0 });
    const right = await press(page, frame, 'ArrowRight');
    expect(right).toMatchObject({ row: 0, col: 1 });
    expect(right.label).toContain(` in ${large.broken[0]}: `);
    const down = await press(page, frame, 'ArrowDown');
    expect(down).toMatchObject({
      row: 1,
      col: 1,
      testId: expect.stringContaining(large.broken[1] ?? '?'),
    });
    await expect(press(page, frame, 'End')).resolves.toMatchObject({ row: 1, col: cols - 1 });
    await expect(grid.locator('[tabindex="0"]').count()).resolves.toBe(1);
    const pagedDown = await press(page, frame, 'PageDown');
    expect(pagedDown).toMatchObject({ row: 1 + PAGE_SIZE, col: cols - 1, inGrid: true });
    await expect(status.innerText()).resolves.toBe('Projects 26–50 of 1,000 · page 2 of 40');
    await expect(press(page, frame, 'PageUp')).resolves.toMatchObject({ row: 1, col: cols - 1 });
    await expect(status.innerText()).resolves.toBe('Projects 1–25 of 1,000 · page 1 of 40');
    // Arrowing past the page's last row turns the page.
    for (let i = 1; i < PAGE_SIZE - 1; i++) await page.keyboard.press('ArrowDown');
    await expect(focused(frame)).resolves.toMatchObject({ row: PAGE_SIZE - 1 });
    await expect(press(page, frame, 'ArrowDown')).resolves.toMatchObject({ row: PAGE_SIZE });
    await expect(status.innerText()).resolves.toBe('Projects 26–50 of 1,000 · page 2 of 40');
    const last = await press(page, frame, 'Control+End');
    expect(last).toMatchObject({ row: PROJECTS - 1, col: cols - 1, inGrid: true });
    await expect(status.innerText()).resolves.toBe('Projects 976–1,000 of 1,000 · page 40 of 40');
    await expect(press(page, frame, 'ArrowDown')).resolves.toMatchObject({ row: PROJECTS - 1 });
    await expect(press(page, frame, 'Control+Home')).resolves.toMatchObject({ row: 0, col: 0 });
    // Leaving and coming back returns to the cell last visited, not to the start.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await expect(press(page, frame, 'Shift+Tab')).resolves.toMatchObject({ row: 0, col: 1 });

    // The explanations follow the matrix order, and a long list stays short.
    const why = matrix.getByTestId('explanations').locator('[data-testid^="why-"]');
    const explained = large.report.projects.filter((p) => p.explanation !== undefined).length;
    await expect(why.count()).resolves.toBe(Math.min(explained, 20));
    await expect(why.first().getAttribute('data-testid')).resolves.toBe(`why-${large.broken[0]}`);

    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('at 800 px the sideways scroll is marked and the Project column stays in view', async () => {
    const { page, panel } = await openPanel(harness());
    const frame = panelFrame(page);
    await page.setViewportSize({ width: 800, height: 900 });
    await answerWith(page, large);
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC']);
    await runCheck(panel, '1000 projects at 800 px');

    const matrix = panel.getByTestId('permission-matrix');
    const region = matrix.getByRole('region', { name: 'Permission matrix, scrolls sideways' });
    await region.waitFor();
    const hint = matrix.getByTestId('matrix-scroll-hint');
    await expect(hint.innerText()).resolves.toContain(
      'scroll sideways, or move with the arrow keys',
    );
    await expect(region.getAttribute('aria-describedby')).resolves.toBe(
      await hint.getAttribute('id'),
    );

    // The last column is off screen until the keyboard gets there; the project stays readable.
    await matrix.locator('[role="gridcell"][tabindex="0"]').focus();
    await page.keyboard.press('End');
    const seen = await frame.evaluate(() => {
      const cell = document.activeElement as HTMLElement;
      const box = cell.closest('[data-testid="matrix-scroll"]') as HTMLElement;
      const rowHeader = cell.closest('tr')?.querySelector('th') as HTMLElement;
      const c = cell.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      const h = rowHeader.getBoundingClientRect();
      return {
        scrolled: box.scrollLeft,
        cellInside: c.left >= b.left - 1 && c.right <= b.right + 1,
        headerAtStart: Math.abs(h.left - b.left) <= 1,
        overlap: c.left < h.right - 1,
      };
    });
    expect(seen).toEqual({
      scrolled: expect.any(Number),
      cellInside: true,
      headerAtStart: true,
      overlap: false,
    });
    expect(seen.scrolled).toBeGreaterThan(0);
    // Back to the second column: it is shown beside the Project column, not under it.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const second = await frame.evaluate(() => {
      const cell = document.activeElement as HTMLElement;
      const rowHeader = cell.closest('tr')?.querySelector('th') as HTMLElement;
      return cell.getBoundingClientRect().left >= rowHeader.getBoundingClientRect().right - 1;
    });
    expect(second).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
