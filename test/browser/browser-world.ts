/**
 * The sandbox as a person sees it: the real app on the Forge host with the demo connection, the web pages
 * (issue view with the UI Kit panel, project settings with the Custom UI page), and Debian's chromium
 * driven by playwright-core with a fresh profile. Screenshots go to test/artifacts/ (gitignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mountWebPages } from '../../sandbox/web';
import { startWorld, type World } from '../sandbox-sync/world';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserWorld {
  w: World;
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Why the browser tests cannot run here, or undefined when chromium starts. */
export function chromiumProblem(executable = CHROMIUM): string | undefined {
  if (!existsSync(executable)) return `${executable} is missing (apt-get install -y chromium)`;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'tandem-chromium-probe-'));
  try {
    const probe = spawnSync(
      executable,
      [...FLAGS, `--user-data-dir=${profile}`, '--dump-dom', 'about:blank'],
      {
        timeout: 30_000,
        encoding: 'utf8',
      },
    );
    if (probe.status === 0) return undefined;
    return `chromium did not start (exit ${String(probe.status)}): ${probe.stderr.split('\n')[0] ?? ''}`;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Throws, naming why, when chromium cannot start: a browser test that cannot run fails, never skips, so a
 * machine without chromium cannot turn the suite silently green.
 */
export function requireChromium(executable = CHROMIUM): void {
  const problem = chromiumProblem(executable);
  if (problem !== undefined) throw new Error(`the browser tests need chromium and cannot run: ${problem}`);
}

export async function startBrowserWorld(
  opts: { seedConnection?: boolean; webtriggerBodyEncoding?: 'utf8' | 'latin1' } = {},
): Promise<BrowserWorld> {
  requireChromium();
  const w = await startWorld(opts);
  mountWebPages(w.host);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'tandem-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(15_000);
  // The Custom UI runs under the policy Forge computes for this manifest (sandbox/web/csp/forge-csp.ts):
  // any violation, as chromium logs it in any frame or reports it to report-uri, fails the test file.
  const cspMessages: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspMessages.push(message.text());
  });
  return {
    w,
    browser,
    page,
    async close() {
      const reported = await cspReports(w.host.url);
      await browser.close();
      await w.close();
      rmSync(profile, { recursive: true, force: true });
      if (cspMessages.length > 0 || reported.length > 0) {
        throw new Error(
          `the Custom UI broke Forge's content security policy:\n${[...cspMessages, ...reported].join('\n')}`,
        );
      }
    },
  };
}

const CspViolationsSchema = z.strictObject({ violations: z.array(z.looseObject({})) });

/** What chromium posted to the sandbox's report-uri; reports are sent asynchronously, so give them a moment. */
async function cspReports(hostUrl: string): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const res = await fetch(`${hostUrl}/_sandbox/web/csp-violations`);
  const body = CspViolationsSchema.parse(await res.json());
  return body.violations.map((v) => `report: ${JSON.stringify(v)}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The product's sticky header would otherwise be drawn where the page was scrolled to.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
