/**
 * Shared helpers of the browser suites: Debian's Chromium with a fresh profile, the demo started
 * in-process, and the steps a Jira admin takes in the panel.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import type { RunningDemo } from '../../demo/start';
import type { ProfileName } from '../../src/profile/profiles';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  demo: RunningDemo;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function startHarness(options: { profile?: ProfileName } = {}): Promise<Harness> {
  // Loaded here, not at the top: the default jest run skips these suites and never starts a demo.
  const { startDemo } = await import('../../demo/start');
  const demo = await startDemo({ port: 0, build: 'if-stale', quiet: true, ...options });
  const profile = mkdtempSync(path.join(tmpdir(), 'cd-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
      acceptDownloads: true,
    });
  } catch (err) {
    await demo.close();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    demo,
    context,
    async close() {
      await context.close().catch(() => undefined);
      await demo.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One demo (simulator, local Forge runtime, page server, Chromium) for the calling suite. */
export function useHarness(options: { profile?: ProfileName } = {}): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(options);
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('The demo harness has not started.');
    return harness;
  };
}

export interface PanelPage {
  page: Page;
  panel: FrameLocator;
}

/** Opens the demo shell on a page of Jira as one of the signed-in people, and waits for the panel. */
export async function openPanel(
  harness: Harness,
  options: {
    page?: string;
    as?: 'admin' | 'project-admin' | 'non-admin';
    theme?: 'light' | 'dark';
  } = {},
): Promise<PanelPage> {
  const page = await harness.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const query = new URLSearchParams({
    page: options.page ?? 'admin',
    as: options.as ?? 'admin',
    theme: options.theme ?? 'light',
  });
  await page.goto(`${harness.demo.url}?${query.toString()}`);
  const panel = page.frameLocator('#app');
  await panel.locator('h1', { hasText: 'Credential Doctor' }).waitFor();
  ERRORS.set(page, errors);
  return { page, panel };
}

const ERRORS = new WeakMap<Page, string[]>();

/** Uncaught errors of the page and its frames since it was opened. */
export function uncaughtErrors(page: Page): string[] {
  return ERRORS.get(page) ?? [];
}

/** Types into the sync-user picker and picks the option whose text contains `name`. */
export async function chooseUser(panel: FrameLocator, query: string, name: string): Promise<void> {
  const input = panel.locator('#cd-user');
  await input.click();
  await input.fill(query);
  await panel
    .getByRole('option', { name: new RegExp(escapeRegExp(name)) })
    .first()
    .click();
}

export async function chooseProjects(panel: FrameLocator, keys: string[]): Promise<void> {
  const input = panel.locator('#cd-projects');
  for (const key of keys) {
    await input.click();
    await input.fill(key);
    await panel
      .getByRole('option', { name: new RegExp(`\\(${escapeRegExp(key)}\\)`) })
      .first()
      .click();
  }
}

export async function fillToken(panel: FrameLocator, email: string, token: string): Promise<void> {
  const box = panel.getByRole('checkbox', { name: 'Check the token too' });
  if (!(await box.isChecked())) await box.check({ force: true });
  await panel.locator('#cd-token-email').fill(email);
  await panel.locator('#cd-token-value').fill(token);
}

/** Clicks Run and waits for the verdict; returns the time from the click to the verdict on screen. */
export async function runCheck(
  panel: FrameLocator,
  label = 'run',
): Promise<{ verdict: string; ms: number }> {
  const started = Date.now();
  await panel.getByTestId('run-check').click();
  return waitForVerdict(panel, started, label);
}

export async function waitForVerdict(
  panel: FrameLocator,
  started: number,
  label: string,
): Promise<{ verdict: string; ms: number }> {
  const verdict = panel
    .locator('[data-testid="result"][data-run-state="done"] [data-testid="verdict"]')
    .first();
  await verdict.waitFor({ state: 'visible', timeout: 60000 });
  const ms = Date.now() - started;
  const value = (await verdict.getAttribute('data-verdict')) ?? '';
  console.log(`Run → verdict (${label}): ${ms} ms, verdict ${value}`);
  return { verdict: value, ms };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.waitForTimeout(150);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core over the shell and the panel frame; returns the violations, most serious first. */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  const first = await axePass(page);
  // A page-level rule (one h1, one main landmark) is decided from every frame's answer; on a
  // loaded machine the panel frame's first answer can miss axe's wait, and the rule then sees the
  // shell alone. A second pass confirms it: a page that truly lacks the heading fails both.
  if (first.length === 0 || !first.every((v) => PAGE_LEVEL_RULES.has(v.id))) return first;
  return axePass(page);
}

const PAGE_LEVEL_RULES = new Set(['page-has-heading-one', 'landmark-one-main']);

async function axePass(
  page: Page,
): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    // Every rule still runs and every violation is reported with all its nodes; the passes,
    // incomplete and inapplicable results (unused here) carry one node per rule instead of every
    // node, which spared serialising a large result across the frames (most of a test's CPU).
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
