/**
 * A verdict you see (#24): after Run the page brings the verdict into view — inside the demo's
 * auto-sized frame, as Forge sizes its iframe — and focus lands on the verdict's heading, at the
 * window sizes an admin uses.
 */
import { chooseProjects, chooseUser, openPanel, runCheck, useHarness } from './support';
import { HEALTHY, NO_CREATE } from './demo-world';

describe('the verdict is in view after Run', () => {
  const harness = useHarness();

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
  ]) {
    test(`${viewport.width}×${viewport.height}: the verdict's heading is inside the window and has focus`, async () => {
      const { page, panel } = await openPanel(harness());
      await page.setViewportSize(viewport);
      await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
      await chooseProjects(panel, ['SYNC', 'WEB']);
      // Run from the keyboard, as a keyboard user would after the last field.
      await panel.getByTestId('run-check').focus();
      await page.keyboard.press('Enter');
      await panel
        .locator('[data-testid="result"][data-run-state="done"] [data-testid="verdict"]')
        .waitFor();
      const heading = panel.locator('[data-testid="verdict"] h2');
      // The page follows the frame as the host grows it; give it a moment to settle.
      await page.waitForFunction(
        () => {
          const frame = document.querySelector<HTMLIFrameElement>('#app');
          const inner = frame?.contentDocument?.querySelector('[data-testid="verdict"] h2');
          if (!frame || !inner) return false;
          const top = frame.getBoundingClientRect().top + inner.getBoundingClientRect().top;
          return top >= 0 && top + inner.getBoundingClientRect().height <= window.innerHeight;
        },
        undefined,
        { timeout: 5000 },
      );
      const box = await heading.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
      await expect(heading.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await expect(heading.textContent()).resolves.toBe('Fix permissions');
      // A second run of another user: the new verdict comes into view again.
      await page.evaluate(() => window.scrollTo(0, 0));
      await panel.locator('#cd-user').click();
      await chooseUser(panel, HEALTHY.query, HEALTHY.name);
      await runCheck(panel, `second run at ${viewport.width}×${viewport.height}`);
      await page.waitForFunction(
        () => {
          const frame = document.querySelector<HTMLIFrameElement>('#app');
          const inner = frame?.contentDocument?.querySelector('[data-testid="verdict"] h2');
          if (!frame || !inner) return false;
          const top = frame.getBoundingClientRect().top + inner.getBoundingClientRect().top;
          return top >= 0 && top < window.innerHeight;
        },
        undefined,
        { timeout: 5000 },
      );
      await expect(
        panel.locator('[data-testid="verdict"] h2').evaluate((el) => el === document.activeElement),
      ).resolves.toBe(true);
      await page.close();
    });
  }
});
