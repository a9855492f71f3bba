/**
 * "Check from the synchronizer's host", end to end in both builds: the panel shows the command,
 * the real CLI runs it against the simulated site, the report is pasted back, and the panel shows
 * one decision (credentials from the host, permissions from the admin view). A report for another
 * site, or one edited after the CLI wrote it, is refused with the reason.
 */
import type { Report } from '../../src/engine/model/report';
import { parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';
import { HEALTHY, NO_CREATE } from './demo-world';
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  openPanel,
  runCheck,
  screenshot,
  uncaughtErrors,
  useHarness,
  waitForVerdict,
  type Harness,
  type PanelPage,
} from './support';

beforeAll(requireBuiltCli);

describe.each(['default', 'runs-on-atlassian'] as const)(
  "check from the synchronizer's host (%s build)",
  (profile) => {
    const harness = useHarness({ profile });
    let hostReport: Report;

    /** Chooses Nora and WEB, then runs the command the panel shows, exactly, on "the host". */
    async function setUpAndRunCommand(h: Harness): Promise<PanelPage & { command: string }> {
      const opened = await openPanel(h);
      const { panel } = opened;
      await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
      await chooseProjects(panel, ['WEB']);
      await panel.getByTestId('host-email').fill(NO_CREATE.email);
      const command = (await panel.getByTestId('host-command').textContent()) ?? '';
      const [line, redirect] = command.split(' > ');
      expect(redirect).toBe('credential-doctor-report.json');
      const [program, ...args] = (line ?? '').split(' ');
      expect(program).toBe('credential-doctor');
      expect(command).not.toContain(NO_CREATE.secret);
      const run = await runCliProcess([...args, '--gateway', h.demo.simulator.gatewayUrl], {
        JIRA_API_TOKEN: NO_CREATE.secret,
      });
      hostReport = parseReport(run);
      return { ...opened, command };
    }

    async function importText(panel: PanelPage['panel'], text: string): Promise<void> {
      await panel.getByTestId('host-report-text').fill(text);
      await panel.getByTestId('import-host-report').click();
    }

    test('the panel never offers a token form in the Runs on Atlassian build', async () => {
      const { page, panel } = await openPanel(harness());
      await panel.getByTestId('host-check').waitFor();
      await expect(
        panel.getByRole('checkbox', { name: 'Check the token too' }).count(),
      ).resolves.toBe(profile === 'default' ? 1 : 0);
      await expect(panel.getByTestId('host-command-waiting').isVisible()).resolves.toBe(true);
      await page.close();
    });

    test('an admin-view Ready says how to test the credentials in this build', async () => {
      const { page, panel } = await openPanel(harness());
      await chooseUser(panel, HEALTHY.query, HEALTHY.name);
      await chooseProjects(panel, ['SYNC']);
      const { verdict } = await runCheck(panel, `admin view (${profile})`);
      expect(verdict).toBe('ready');
      const advice = (await panel.getByTestId('coverage').textContent()) ?? '';
      expect(advice).toContain('Credentials not tested');
      if (profile === 'default') expect(advice).toContain("add the sync user's API token");
      else {
        expect(advice).toContain("run the check from the synchronizer's host");
        expect(advice).not.toContain('API token');
      }
      await page.close();
    });

    test('imports the report and shows the merged decision, kept in history without a secret', async () => {
      const h = harness();
      const { page, panel, command } = await setUpAndRunCommand(h);
      expect(command).toMatch(/--preset sync-basic/);
      expect(hostReport.mode).toBe('token');
      const started = Date.now();
      if (profile === 'default') {
        await importText(panel, JSON.stringify(hostReport, null, 2));
      } else {
        // The file as the command wrote it, chosen with the file picker: it is imported at once.
        await panel.getByTestId('host-report-file').setInputFiles({
          name: 'credential-doctor-report.json',
          mimeType: 'application/json',
          buffer: Buffer.from(`${JSON.stringify(hostReport, null, 2)}\n`),
        });
      }
      const { verdict } = await waitForVerdict(panel, started, `host report (${profile})`);
      expect(verdict).toBe('fix-permissions');
      await expect(panel.getByTestId('host-report-note').textContent()).resolves.toMatch(
        /Credentials: as reported by the synchronizer's host .* The app did not verify it/,
      );
      // Supplied by whoever imported it: never counted as tested (docs/SECURITY.md).
      await expect(
        panel.getByTestId('coverage-credentials').getAttribute('data-state'),
      ).resolves.toBe('not-tested');
      // Credentials from the host (the token worked), permissions from the admin view.
      await expect(
        panel.locator('[data-testid$="-credentials"]').getByTestId('status-ok').count(),
      ).resolves.toBe(1);
      await expect(
        panel.locator('[data-testid="finding-MISSING_PERMISSION"]').count(),
      ).resolves.toBeGreaterThan(0);
      await screenshot(page, `host-report-merged-${profile}`);
      expect(await axeViolations(page)).toEqual([]);

      const stored = JSON.stringify(h.demo.storedData());
      expect(stored).toContain('credentialsFrom');
      expect(stored).not.toContain(NO_CREATE.secret);
      expect(uncaughtErrors(page)).toEqual([]);
      await page.close();
    });

    const refusals: Array<[string, (r: Report) => unknown, RegExp]> = [
      [
        'a report for another site',
        (r) => ({ ...r, site: 'https://elsewhere.atlassian.net' }),
        /not imported: it checked https:\/\/elsewhere\.atlassian\.net, not this site/,
      ],
      [
        'a forged report (verdict edited to Ready)',
        (r) => ({ ...r, verdict: 'ready' }),
        /not imported: it was changed after the CLI wrote it/,
      ],
    ];
    test.each(refusals)(
      'refuses %s and says why beside the report',
      async (_name, change, reason) => {
        const { page, panel } = await setUpAndRunCommand(harness());
        // The forged verdict must differ from the real one for the test to mean anything.
        expect(hostReport.verdict).not.toBe('ready');
        await importText(panel, JSON.stringify(change(hostReport)));
        const error = panel.getByTestId('host-report-error');
        await error.waitFor();
        await expect(error.textContent()).resolves.toMatch(reason);
        await expect(
          panel.locator('[data-testid="result"] [data-testid="verdict"]').count(),
        ).resolves.toBe(0);
        await page.close();
      },
    );

    test('text that is not JSON is refused in the panel, before anything is sent', async () => {
      const { page, panel } = await openPanel(harness());
      await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
      await chooseProjects(panel, ['WEB']);
      await importText(panel, 'Fix permissions: Nora lacks Create Issues');
      await expect(panel.getByTestId('host-report-error').textContent()).resolves.toMatch(
        /not JSON/,
      );
      await page.close();
    });
  },
);
