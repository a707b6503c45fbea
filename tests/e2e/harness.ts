// End-to-end harness: a real station on a temp SQLite file (tests/helpers/station.ts), browser mode
// started in-process serving the built renderer, and Debian's Chromium driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { rendererDir } from '../../src/main/web/rendererBuild';
import { makeStation, PINS, type TestStation } from '../helpers/station';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENS = `${ROOT}artifacts/screens`;
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export interface Till {
  t: TestStation;
  web: WebServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A seeded station in browser mode and a Chromium page on its launch URL, at a counter's screen size. */
export async function openTill(opts: { accounts?: number; browser?: Browser } = {}): Promise<Till> {
  const t = await makeStation({ accounts: opts.accounts ?? 300 });
  const web = await startWebServer(t.station, { staticDir: rendererDir(ROOT) });
  const browser = opts.browser ?? await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'en-US', timezoneId: 'America/Los_Angeles' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(web.url);
  return {
    t, web, browser, page,
    async close() {
      await context.close();
      if (!opts.browser) await browser.close();
      await web.close();
      t.cleanup();
    },
  };
}

/** Screenshot of the current screen, kept under artifacts/screens/. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png` });
}

/** axe-core on the current screen: the serious and critical violations (there must be none). */
export async function axeProblems(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

export async function signIn(page: Page, who: keyof typeof PINS = 'cashier'): Promise<void> {
  await page.locator('#signin-user').fill(who);
  await page.locator('#signin-user').press('Enter');
  await page.keyboard.type(PINS[who]);
  await page.keyboard.press('Enter');
}

/** Keys digits one by one on the focused field, as on the ten-key. */
export async function tenKey(page: Page, digits: string): Promise<void> {
  for (const ch of digits) await page.keyboard.press(ch);
}

export { PINS };
