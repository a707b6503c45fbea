// Till benchmarks in Chromium against browser mode (issue: the till). Prints `name: value unit` lines.
//   keypress_paint_p95: a key press in the cash amount field to the amount painted, on a 50-line receipt.
//   lookup_paint_p95: a keystroke in the account lookup to its results painted, over the 10,000-account demo.
//   keypress_script_p95: the till's share of it (key handler + React render), the rest is waiting for a frame.
//   cold_start: `civictill serve` spawned to an interactive sign-in screen in an open Chromium (median of 3).
// In-page timing: from the key event's timestamp to a task queued after the next frame (after paint).
// Keys come as a person's do: at random moments, to an idle page. The harness never polls with
// requestAnimationFrame between keys (Playwright's default), which would keep the page animating and
// send every key just after a frame, so that it always waited a whole frame for the next one.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { Station } from '../src/main/station/station';
import { startWebServer } from '../src/main/web/server';
import { ensureRenderer, rendererDir } from '../src/main/web/rendererBuild';
import { prng } from '../src/shared/prng';
import { PINS, pct, seed } from './kit';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Waits in the page, on timers only (no animation frame requested), until `name` holds n samples. */
async function samplesReach(page: Page, name: string, n: number): Promise<void> {
  await page.evaluate(([k, want]) => new Promise<void>((done) => {
    const w = window as unknown as Record<string, number[]>;
    // setInterval, not a named closure: the page gets no bundler helpers.
    const timer = setInterval(() => { if (w[k]!.length >= want) { clearInterval(timer); done(); } }, 4);
  }), [name, n] as const);
}

/** A pause between key presses, as at a counter: 25–75 ms, seeded so runs are alike. */
function makePause(seed: number): () => Promise<void> {
  const next = prng(seed);
  return () => new Promise((ok) => setTimeout(ok, 25 + next() * 50));
}

const fmt = (v: number) => v.toFixed(1); // eslint-disable-line no-restricted-syntax -- timings, not money

/** Installs the in-page probe: keydown (capture) → after the next paint, with a check of what is shown. */
async function probe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { samples: number[]; script: number[] };
    w.samples = [];
    w.script = [];
    window.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => { w.samples.push(performance.now() - t0); }, 0));
    }, true);
    // Bubbling back to the window: React has handled the key and rendered (discrete events render synchronously).
    window.addEventListener('keydown', (e) => { w.script.push(performance.now() - e.timeStamp); });
  });
}

async function signInAndOpen(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#signin-user').fill('cashier');
  await page.locator('#signin-user').press('Enter');
  await page.keyboard.type(PINS.cashier);
  await page.keyboard.press('Enter');
  await page.locator('#float-bill_10000').waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();
}

async function keypressPaint(page: Page): Promise<{ paint: number; script: number }> {
  // 50 lines on the receipt.
  for (let i = 0; i < 50; i++) {
    await page.keyboard.press('F3');
    await page.locator('#fee-code').selectOption('MISC');
    await page.keyboard.press('Enter');
    await page.keyboard.type(String(100 + i));
    await page.keyboard.press('Enter');
    await page.locator('#fee-dialog').waitFor({ state: 'detached' });
  }
  if (await page.locator('.receipt-lines tbody tr').count() !== 50) throw new Error('expected 50 lines');
  await page.locator('#tender-amount').focus();
  await probe(page);
  const keys = ['1', '2', '3', '4', 'Backspace', 'Backspace', 'Backspace', 'Backspace'];
  const pause = makePause(7);
  for (let i = 0; i < 240; i++) {
    const k = keys[i % keys.length]!;
    await pause();
    await page.keyboard.press(k);
    await samplesReach(page, 'samples', i + 1);
  }
  const { samples, script } = await page.evaluate(() => { const w = window as unknown as { samples: number[]; script: number[] }; return { samples: w.samples, script: w.script }; });
  return { paint: pct(samples.slice(16), 95), script: pct(script.slice(16), 95) };
}

async function lookupPaint(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { lk: number[] };
    w.lk = [];
    const input = document.getElementById('lookup') as HTMLInputElement;
    const panel = input.closest('section')!;
    input.addEventListener('keydown', (e) => {
      if (e.key.length !== 1) return;
      const t0 = e.timeStamp;
      // Done when the results for exactly what is now in the field are on screen, then after that frame.
      const obs = new MutationObserver(() => {
        const q = input.value.trim();
        if (q !== '' && panel.dataset.query === q) {
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => w.lk.push(performance.now() - t0), 0));
        }
      });
      obs.observe(panel, { attributes: true, childList: true, subtree: true, characterData: true });
    }, true);
  });
  const queries = ['1004', '10098', 'Maria', 'Garcia', 'Oak', '2210', 'Riverside', '105', 'James', 'Pine', 'Lopez', '3000'];
  let n = 0;
  const pause = makePause(11);
  for (const q of queries) {
    await page.locator('#lookup').fill('');
    await page.locator('#lookup').focus();
    for (const ch of q) {
      await pause();
      await page.keyboard.press(ch);
      n++;
      await samplesReach(page, 'lk', n);
    }
  }
  await page.locator('#lookup').fill('');
  const samples = await page.evaluate(() => (window as unknown as { lk: number[] }).lk);
  return pct(samples.slice(4), 95);
}

/** `civictill serve` spawned (a new process, as at a kiosk's start) to the sign-in field ready for a PIN. */
async function coldStart(dir: string): Promise<number> {
  const db = join(dir, 'cold.db');
  const demo = spawn(process.execPath, [join(ROOT, 'bin/civictill.js'), 'demo', '--db', db, '--accounts', '10000'], { stdio: 'ignore' });
  await new Promise((ok) => demo.on('exit', ok));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  await page.goto('about:blank');
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/civictill.js'), 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /http:\/\/\S+/.exec(out); if (m) ok(m[0]); });
      child.on('exit', (c) => fail(new Error(`serve exited ${c}`)));
    });
    await page.goto(url);
    // Interactive: the user field has the focus and takes a key.
    await page.waitForFunction(() => document.activeElement?.id === 'signin-user');
    return performance.now() - t0;
  } finally {
    child.kill('SIGTERM');
    await browser.close();
  }
}

async function main(): Promise<void> {
  ensureRenderer(ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'civictill-bench-till-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    const station = await Station.open(join(dir, 'till.db'));
    seed(station, 10_000);
    const web = await startWebServer(station, { staticDir: rendererDir(ROOT) });
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await signInAndOpen(page, web.url);
    console.log(`lookup_paint_p95: ${fmt(await lookupPaint(page))} ms`);
    const kp = await keypressPaint(page);
    console.log(`keypress_paint_p95: ${fmt(kp.paint)} ms`);
    // The part of it spent in the till's own code (handler + render), before the browser's next frame.
    console.log(`keypress_script_p95: ${fmt(kp.script)} ms`);
    await page.close();
    await web.close();
    station.close();
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) cold.push(await coldStart(dir));
    console.log(`cold_start: ${fmt(pct(cold, 50))} ms`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
