// Backup benchmark (issue 18): an online backup of a station database holding a year of one busy
// station's history (bench/historyDb.ts, with its journal so that `verify` passes), while the till is
// in use in Chromium. Prints `name: value unit` lines.
//   backup_ms: the online copy of the ledger (SQLite's backup API, page by page) into its staging file, sealed.
//   backup_verify_ms / backup_write_ms / backup_total_ms: verify (a worker thread), the copy into the
//     backup folder (read back and renamed), and the whole run as the scheduler runs it.
//   keypress_paint_p95 (during the backup) and keypress_paint_p95_idle: a key in the cash amount field
//     to the amount painted (in-page timing as bench/till.bench.ts).
//   till_answer_p95_during_backup: the station answering `station.info` over browser mode's HTTP while the backup runs.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startWebServer } from '../src/main/web/server';
import { ensureRenderer, rendererDir } from '../src/main/web/rendererBuild';
import { runBackup } from '../src/main/station/backup/run';
import { updateBackupSettings } from '../src/main/station/backup/settings';
import { prng } from '../src/shared/prng';
import { buildHistory, journalHistory } from './historyDb';
import { pct } from './kit';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const fmt = (v: number) => v.toFixed(1); // eslint-disable-line no-restricted-syntax -- timings, not money


async function probe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { samples: number[] };
    w.samples = [];
    window.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => { w.samples.push(performance.now() - t0); }, 0));
    }, true);
  });
}

async function samples(page: Page): Promise<number[]> {
  return page.evaluate(() => { const w = window as unknown as { samples: number[] }; const s = w.samples; w.samples = []; return s; });
}

/** Keys in the cash amount field at a person's pace until `until` resolves (or n keys when idle). */
async function typeUntil(page: Page, until: Promise<unknown> | null, n: number): Promise<number[]> {
  const keys = ['1', '2', '3', '4', 'Backspace', 'Backspace', 'Backspace', 'Backspace'];
  const next = prng(7);
  let done = false;
  void until?.then(() => { done = true; });
  for (let i = 0; until ? !done : i < n; i++) {
    await new Promise((ok) => setTimeout(ok, 25 + next() * 50));
    await page.keyboard.press(keys[i % keys.length]!);
  }
  await new Promise((ok) => setTimeout(ok, 100));
  return samples(page);
}

async function main(): Promise<void> {
  ensureRenderer(ROOT);
  // A busy counter: about 150 receipts a business day, every day of a year.
  const h = await buildHistory({ stations: 1, receipts: 40_000, days: 365, lastDay: '2026-11-20' });
  journalHistory(h.station);
  const station = h.station;
  const folder = mkdtempSync(join(tmpdir(), 'civictill-bench-backups-'));
  updateBackupSettings(station, 'admin', { folder, intervalMinutes: 15, keep: 3 });
  console.log(`backup_db_size: ${fmt(statSync(h.path).size / 1e6)} MB (${h.receipts} receipts, ${h.sessions} sessions)`);
  const web = await startWebServer(station, { staticDir: rendererDir(ROOT) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(web.url);
    await page.locator('#signin-user').fill('cashier');
    await page.locator('#signin-user').press('Enter');
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await page.locator('#float-bill_10000').waitFor();
    await page.keyboard.press('F4');
    await page.locator('#lookup').waitFor();
    await page.keyboard.press('F3');
    await page.locator('#fee-code').selectOption('MISC');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1250');
    await page.keyboard.press('Enter');
    await page.locator('#fee-dialog').waitFor({ state: 'detached' });
    await page.locator('#tender-amount').focus();
    await probe(page);
    // Warm the page and the station up, then the idle baseline.
    await typeUntil(page, null, 24);
    const idle = await typeUntil(page, null, 160);
    console.log(`keypress_paint_p95_idle: ${fmt(pct(idle, 95))} ms`);

    const token = web.token;
    const answers: number[] = [];
    const copy: number[] = [], verify: number[] = [], write: number[] = [], total: number[] = [];
    const during: number[] = [];
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      let stop = false;
      const backup = runBackup(station, 'interval', { phase: (name, ms) => (name === 'copy' ? copy : name === 'verify' ? verify : write).push(ms) })
        .then((r) => { total.push(performance.now() - t0); if (!r.ok) throw new Error(r.error ?? 'backup failed'); });
      // The station answers browser-mode calls while the copy runs.
      const asking = (async () => {
        while (!stop) {
          const a0 = performance.now();
          const res = await fetch(`${new URL(web.url).origin}/api/station.info`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"input":{}}' });
          await res.text();
          answers.push(performance.now() - a0);
          await new Promise((ok) => setTimeout(ok, 20));
        }
      })();
      during.push(...await typeUntil(page, backup, 0));
      stop = true;
      await backup;
      await asking;
    }
    console.log(`backup_ms: ${fmt(pct(copy, 50))} ms (median of 3; max ${fmt(Math.max(...copy))})`);
    console.log(`backup_verify_ms: ${fmt(pct(verify, 50))} ms`);
    console.log(`backup_write_ms: ${fmt(pct(write, 50))} ms`);
    console.log(`backup_total_ms: ${fmt(pct(total, 50))} ms`);
    console.log(`keypress_paint_p95: ${fmt(pct(during, 95))} ms (during the backup, ${during.length} keys)`);
    console.log(`till_answer_p95_during_backup: ${fmt(pct(answers, 95))} ms (${answers.length} calls)`);
  } finally {
    await browser.close();
    await web.close();
    station.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(h.path.replace(/[^/]+$/, ''), { recursive: true, force: true });
  }
}

await main();
