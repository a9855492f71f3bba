/**
 * The Check form's "Fields the integration sets" and "Issue types" (#12): what the form sends,
 * that the check uses it, and that the resolver's refusal lands on the field. The demo world's
 * MOBILE project has a Bug create screen without Description.
 */
import type { FrameLocator, Page } from 'playwright-core';
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  openPanel,
  runCheck,
  uncaughtErrors,
  useHarness,
} from './support';
import { HEALTHY } from './demo-world';

/** The runCheck payloads the panel sends, as they leave the page. */
async function sentPayloads(page: Page): Promise<Array<Record<string, unknown>>> {
  const sent: Array<Record<string, unknown>> = [];
  await page.route('**/demo/api/invoke', async (route) => {
    const { body } = JSON.parse(route.request().postData() ?? '{}') as {
      body?: { functionKey?: string; payload?: Record<string, unknown> };
    };
    if (body?.functionKey === 'runCheck' && body.payload) sent.push(body.payload);
    await route.continue();
  });
  return sent;
}

/** The names chosen in a multi-select, read from their remove buttons ("Remove summary"). */
async function chips(panel: FrameLocator, testId: string): Promise<string[]> {
  const labels = await panel
    .getByTestId(`${testId}-select--container`)
    .locator('[aria-label^="Remove "]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.replace(/^Remove /, ''));
}

async function addName(panel: FrameLocator, inputId: string, text: string): Promise<void> {
  const input = panel.locator(`#${inputId}`);
  await input.click();
  await input.fill(text);
  await panel.getByRole('option', { name: `Use “${text}”` }).click();
}

describe('fields and issue types in the Check form', () => {
  const harness = useHarness();

  test('the preset fills in its fields; the form sends issue types and stated fields, and the check uses them', async () => {
    const { page, panel } = await openPanel(harness());
    const sent = await sentPayloads(page);
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['MOBILE']);
    await expect(chips(panel, 'fields-select')).resolves.toEqual(['summary', 'description']);

    // Preset defaults untouched, only Tasks: MOBILE's Task screens have every field.
    await addName(panel, 'cd-issue-types', 'Task');
    await runCheck(panel, 'MOBILE, Task only');
    expect(sent.at(-1)).toMatchObject({
      projects: ['MOBILE'],
      preset: 'sync-basic',
      issueTypes: ['Task'],
    });
    expect(sent.at(-1)).not.toHaveProperty('fields');
    const card = panel.getByTestId('field-screens');
    await expect(card.getByTestId('screen-MOBILE-create-Task').count()).resolves.toBe(1);
    await expect(card.getByTestId('screen-MOBILE-create-Bug').count()).resolves.toBe(0);
    await expect(
      panel.locator('[data-testid="finding-FIELD_NOT_ON_SCREEN"]').count(),
    ).resolves.toBe(0);

    // Every issue type, and a field picked from the site's own list: stated, so sent as fields.
    await panel.locator('#cd-issue-types').focus();
    await page.keyboard.press('Backspace');
    await expect(chips(panel, 'issue-types-select')).resolves.toEqual([]);
    const fieldsInput = panel.locator('#cd-fields');
    await fieldsInput.click();
    await fieldsInput.fill('Labe');
    await panel.getByRole('option', { name: 'Labels (labels)' }).click();
    await expect(chips(panel, 'fields-select')).resolves.toEqual([
      'summary',
      'description',
      'Labels',
    ]);
    await expect(panel.locator('#cd-fields-helper').innerText()).resolves.toMatch(
      /^Checked as given/,
    );
    const { verdict } = await runCheck(panel, 'MOBILE, stated fields');
    expect(sent.at(-1)).toMatchObject({ fields: ['summary', 'description', 'Labels'] });
    expect(sent.at(-1)).not.toHaveProperty('issueTypes');
    expect(verdict).toBe('fix-configuration');
    await expect(card.textContent()).resolves.toContain(
      'The synchronizer sets Summary, Description, Labels.',
    );
    await expect(
      card.getByTestId('screen-MOBILE-create-Bug').getAttribute('data-missing'),
    ).resolves.toBe('1');
    expect(await axeViolations(page)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test("the resolver's refusal of a field lands on that field, and focuses it", async () => {
    const { page, panel } = await openPanel(harness());
    // The form refuses unprintable names itself: the request is altered on its way, and the
    // real resolver refuses it.
    await page.route('**/demo/api/invoke', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('"runCheck"')) return route.continue();
      return route.continue({ postData: body.replace('"Team ref"', '"Team\\u0007ref"') });
    });
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC']);
    await addName(panel, 'cd-fields', 'Team ref');
    await panel.getByTestId('run-check').click();
    const error = panel.locator('#cd-fields-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toMatch(
      /^Field 3 must be a field ID or a field name as Jira shows it/,
    );
    await panel.getByTestId('form-refused').waitFor();
    await expect(panel.locator('#cd-projects-error').count()).resolves.toBe(0);
    const focusedId = await page
      .frames()
      .find((f) => f.url().includes('/panel/'))
      ?.evaluate(() => document.activeElement?.id);
    expect(focusedId).toBe('cd-fields');
    // Changing the list clears its error.
    await addName(panel, 'cd-fields', 'Team');
    await expect(error.count()).resolves.toBe(0);
    await page.close();
  });
});
