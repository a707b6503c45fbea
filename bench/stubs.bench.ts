// Bill stub and slip station benchmarks. Prints `name: value unit` lines.
//   stub_scan_to_line_p95: a keyboard-wedge scan (real key events over CDP, stamped at a scanner's pace)
//     — from the scan's last key (its Enter, when the page takes it) to the scanned line painted, over the
//     10,000-account demo: the burst recognised, the station reading the stub (stubs.scan), the line
//     rendered, the frame. The focus is in the account lookup, as at a counter. The station serves from its
//     own process (`civictill serve`), as in production: in this one, the driver's own CDP traffic (the
//     acknowledgements of the burst's keys) would hold up the station's answer.
//   validation_print_p95: a validation on the slip station of the ESC/POS emulator over TCP — from the
//     form inserted to the release command (ESC q) on the wire: the sensors polled, the lines printed
//     and confirmed (GS ( H), the release sent.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { Station } from '../src/main/station/station';
import { ensureRenderer } from '../src/main/web/rendererBuild';
import { dispatch } from '../src/main/dispatch';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../src/shared/stubs';
import { EscPosEmulator } from '../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../src/hardware/printer/printer';
import { wedgeScan } from '../tests/e2e/scanner';
import { PINS, pct, seed, signIn } from './kit';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const fmt = (v: number) => v.toFixed(1); // eslint-disable-line no-restricted-syntax -- timings, not money

/**
 * In the page, ahead of the till's own key listener (installed before sign-in, so it sees the Enter the
 * wedge then swallows): from the Enter taken to the frame after a new receipt line appeared.
 */
async function probe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { scans: number[]; t0: number | null };
    w.scans = [];
    w.t0 = null;
    window.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !document.querySelector('.receipt-lines tbody tr')) w.t0 = performance.now(); }, true);
    const obs = new MutationObserver(() => {
      if (w.t0 === null || !document.querySelector('.receipt-lines tbody tr')) return;
      const t0 = w.t0;
      w.t0 = null;
      requestAnimationFrame(() => setTimeout(() => w.scans.push(performance.now() - t0), 0));
    });
    obs.observe(document.body, { childList: true, subtree: true });
  });
}

/** `civictill serve` on the database: its URL (with the launch token), and how to stop it. */
async function serveStation(db: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/civictill.js'), 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /http:\/\/\S+/.exec(out); if (m) ok(m[0]); });
    child.on('exit', (c) => fail(new Error(`serve exited ${c}`)));
  });
  return { url, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

async function scanToLine(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-bench-stubs-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  let stopServe: (() => Promise<void>) | undefined;
  try {
    const station = await Station.open(join(dir, 'till.db'));
    seed(station, 10_000);
    const adminToken = await signIn(station, 'admin');
    await dispatch(station, 'stubs.updateSettings', { wedge: { enabled: true, suffix: 'Enter', maxGapMs: 30, minLength: 8 } }, adminToken);
    const accounts = station.st.sqlAll<{ account_number: string }>("SELECT account_number FROM accounts WHERE status = 'active' ORDER BY account_number LIMIT 200").map((r) => r.account_number);
    station.close();
    const serve = await serveStation(join(dir, 'till.db'));
    stopServe = serve.stop;
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(serve.url);
    await page.locator('#signin-user').waitFor();
    await probe(page);
    await page.locator('#signin-user').fill('cashier');
    await page.locator('#signin-user').press('Enter');
    await page.keyboard.type(PINS.cashier);
    await page.keyboard.press('Enter');
    await page.locator('#float-bill_10000').waitFor();
    await page.keyboard.press('F4');
    await page.locator('#lookup').waitFor();
    await page.evaluate(() => { (window as unknown as { scans: number[] }).scans = []; });
    const n = 100;
    for (let i = 0; i < n; i++) {
      const stub = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: accounts[i % accounts.length]!, amountCents: 1000 + i * 37, dueDate: '2099-12-15', billNumber: String(2099000000 + i), revenueCodeValue: '01' });
      await page.locator('#lookup').focus();
      await wedgeScan(page, stub);
      await page.waitForFunction((k) => (window as unknown as { scans: number[] }).scans.length >= k, i + 1, { polling: 20 });
      // Back to an empty receipt for the next customer (the line's remove button).
      await page.locator('.receipt-lines tbody tr td:last-child button').first().click();
      await page.locator('.receipt-lines').waitFor({ state: 'detached' });
      await new Promise((r) => setTimeout(r, 30 + (i % 5) * 10));
    }
    const samples = await page.evaluate(() => (window as unknown as { scans: number[] }).scans);
    await page.close();
    return pct(samples.slice(5), 95);
  } finally {
    await stopServe?.();
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function validationPrint(): Promise<number> {
  const emu = new EscPosEmulator({ columns: 48, slipStation: true, slipColumns: 40, removeOnRelease: true });
  await emu.listen();
  const printer = createPrinter({ id: 'p', kind: 'printer', address: emu.address, options: { columns: 48, pollMs: 60000, jobPollMs: 20, slipPollMs: 100 } },
    { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
  const samples: number[] = [];
  try {
    await printer.open();
    for (let i = 0; i < 40; i++) {
      let insertedAt = 0;
      const released = new Promise<number>((ok) => emu.once('release', () => ok(performance.now())));
      await printer.printSlip({ paper: 'validation', side: 'face', lines: ['*** PAID *** CITY OF RIVERTON', `2026-11-20 09:30 ST01-${String(i).padStart(6, '0')}`, 'ACCT 100000-64 BILL 2026110101', 'WATER $42.50 STN ST01'], columns: 40, topFeed: 1 }, 10_000, {
        // The cashier puts the stub in a moment after the till asks (at a random point of the sensor poll).
        onWaitingForm: () => { setTimeout(() => { insertedAt = performance.now(); emu.insertForm(); }, 20 + ((i * 37) % 100)); },
      });
      samples.push((await released) - insertedAt);
    }
  } finally {
    await printer.close();
    await emu.close();
  }
  return pct(samples.slice(3), 95);
}

async function main(): Promise<void> {
  ensureRenderer(ROOT);
  console.log(`validation_print_p95: ${fmt(await validationPrint())} ms`);
  console.log(`stub_scan_to_line_p95: ${fmt(await scanToLine())} ms`);
}

await main();
