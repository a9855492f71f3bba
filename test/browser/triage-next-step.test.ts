/**
 * "Paste an error" groups identical lines with a count, and its next step opens the Check tab
 * pre-filled with the project and the user the message names, instead of naming the CLI.
 */
import { axeViolations, useHarness, openPanel } from './support';
import { NO_CREATE } from './demo-world';

describe('triage next step', () => {
  const harness = useHarness();

  test('identical lines are one card with a count; its button opens Check pre-filled', async () => {
    const { page, panel } = await openPanel(harness());
    await panel.getByTestId('tab-triage').click();
    const input = panel.getByTestId('triage-input');
    await input.waitFor();
    const line = `HTTP 403 Forbidden: ${NO_CREATE.email} may not create issues in project WEB`;
    await input.fill([line, line, line].join('\n'));
    await panel.getByTestId('triage-explain').click();
    await panel.getByTestId('triage-results').waitFor();

    const cards = panel.getByTestId('triage-message');
    await expect(cards.count()).resolves.toBe(1);
    await expect(cards.first().getAttribute('data-count')).resolves.toBe('3');
    await expect(panel.getByTestId('triage-message-count').textContent()).resolves.toBe('3×');
    await expect(panel.getByTestId('triage-summary').textContent()).resolves.toContain(
      '3 messages',
    );
    await expect(cards.first().textContent()).resolves.not.toContain('credential-doctor');
    expect(await axeViolations(page)).toEqual([]);

    const open = panel.getByTestId('triage-open-check');
    await expect(open.textContent()).resolves.toBe(`Check user ${NO_CREATE.email} in project WEB`);
    await open.click();

    await expect(panel.getByTestId('tab-check').getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    // Both fields are filled from what Jira says about the key and the email, not typed in.
    const form = panel.getByTestId('check-form');
    await form
      .getByText(/\(WEB\)/)
      .first()
      .waitFor();
    await form.getByText(NO_CREATE.name).first().waitFor();
    await expect(panel.locator('#cd-user').inputValue()).resolves.toBe('');
  });
});
