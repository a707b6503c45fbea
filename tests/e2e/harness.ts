// End-to-end harness: a real station on a temp SQLite file (tests/helpers/station.ts), browser mode
// started in-process serving the built renderer, and Debian's Chromium driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { join } from 'node:path';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { rendererDir } from '../../src/main/web/rendererBuild';
import { attachPrinting } from '../../src/main/devices/printing';
import { attachDevices } from '../../src/main/devices/devices';
import { EscPosEmulator } from '../../src/hardware/emulators/escpos/emulator';
import { MicrEmulator } from '../../src/hardware/micr/emulator';
import { makeStation, PINS, type TestStation } from '../helpers/station';
import { ptyPair, type PtyPair } from '../helpers/pty';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENS = `${ROOT}artifacts/screens`;
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export interface Rig {
  /** The ESC/POS printer emulator on a loopback TCP port: what it decoded is what was printed. */
  printer: EscPosEmulator;
  /** The check reader on the far end of a socat pty pair. */
  micr: MicrEmulator;
  pty: PtyPair;
}

export interface Till {
  t: TestStation;
  web: WebServer;
  browser: Browser;
  page: Page;
  /** Present when opened with devices: the emulators the station drives. */
  rig?: Rig;
  close(): Promise<void>;
}

/** The station's devices as `civictill serve` has them: printing and the device manager, set up by an admin. */
async function withDevices(t: TestStation, slipStation = false): Promise<Rig> {
  attachPrinting(t.station, { firstRetryMs: 50, maxRetryMs: 500 });
  attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 300, jitter: 0 } });
  // With a slip station (TM-H6000 class): the cashier takes each form out as soon as it is released.
  const printer = new EscPosEmulator({ columns: 48, ...(slipStation ? { slipStation: true, slipColumns: 40, removeOnRelease: true } : {}) });
  await printer.listen();
  const pty = await ptyPair(join(t.dir, 'micr-host'), join(t.dir, 'micr-dev'));
  const micr = new MicrEmulator(pty.device);
  await micr.open();
  await t.ok('devices.updateSettings', {
    devices: [
      { id: 'printer1', kind: 'printer', address: printer.address, options: { columns: 48, ...(slipStation ? { slipPollMs: 50 } : {}) } },
      { id: 'drawer1', kind: 'drawer', address: 'printer' },
      { id: 'micr1', kind: 'micr', address: `serial:${pty.host}?baud=9600`, options: { symbols: 'magtek' } },
    ],
  }, 'admin');
  // Ready before the first customer (the manager opens devices in the background).
  for (let i = 0; i < 200; i++) {
    const list = await t.ok('devices.list', {});
    if (['printer1', 'drawer1', 'micr1'].every((id) => list.find((d) => d.id === id)?.state === 'ready')) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { printer, micr, pty };
}

/** The pages open in this file: a failed test leaves what each showed (screenshot, focus, dialogs). */
const openPages = new Set<Page>();

beforeEach((ctx) => {
  ctx.onTestFailed(async () => {
    for (const page of openPages) {
      const name = `FAILED-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      try {
        await shot(page, name);
        const state = await page.evaluate(() => ({
          focus: document.activeElement ? `${document.activeElement.tagName.toLowerCase()}#${document.activeElement.id}` : '',
          headings: [...document.querySelectorAll('h1, dialog[open] h2')].map((h) => h.textContent),
          notices: [...document.querySelectorAll('[role="alert"], [role="status"]')].map((n) => n.textContent).filter(Boolean),
          errors: [...document.querySelectorAll('[id$="-err"]')].map((n) => `${n.id}: ${n.textContent}`).filter((x) => !x.endsWith(': ')),
        }));
        console.error(`[e2e] ${ctx.task.name}: the page showed ${JSON.stringify(state)} (artifacts/screens/${name}.png)`);
      } catch (e) {
        console.error(`[e2e] ${ctx.task.name}: the page could not be read (${String(e)})`);
      }
    }
  });
});

/** A seeded station in browser mode and a Chromium page on its launch URL, at a counter's screen size. */
export async function openTill(opts: { accounts?: number; browser?: Browser; devices?: boolean; slipStation?: boolean } = {}): Promise<Till> {
  const t = await makeStation({ accounts: opts.accounts ?? 300 });
  const rig = opts.devices ? await withDevices(t, opts.slipStation) : undefined;
  if (opts.slipStation) await t.ok('slips.updateSettings', { slipStation: true, insertTimeoutSeconds: 60 }, 'admin');
  const web = await startWebServer(t.station, { staticDir: rendererDir(ROOT) });
  const browser = opts.browser ?? await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'en-US', timezoneId: 'America/Los_Angeles' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  openPages.add(page);
  await page.goto(web.url);
  return {
    t, web, browser, page, ...(rig ? { rig } : {}),
    async close() {
      openPages.delete(page);
      await context.close();
      if (!opts.browser) await browser.close();
      await web.close();
      t.cleanup();
      if (rig) { await rig.micr.close(); await rig.pty.stop(); await rig.printer.close(); }
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
  // Only violations are wanted: axe then skips the detail of passing checks (much faster).
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).options({ resultTypes: ['violations'] }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** A screenshot of the screen kept as an artifact, and axe-core on it: no serious or critical violation. */
export async function look(page: Page, name: string): Promise<void> {
  await shot(page, name);
  expect(await axeProblems(page), `accessibility of ${name}`).toEqual([]);
}

/** Opens a screen from the office menu (Alt+O, then its number) and waits for its heading. */
export async function office(page: Page, n: string, heading: string): Promise<void> {
  await page.keyboard.press('Alt+O');
  await page.locator('#office-menu').waitFor();
  await page.keyboard.press(n);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
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
