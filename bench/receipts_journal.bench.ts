// The receipts journal over a year (issue 15): `civictill export receipts-journal --from --to` on the
// 300,000-receipt history (20 stations, 365 days), run as the real command in its own process and timed
// end to end (process start included). Prints `receipts_journal_year_csv: N ms`, the rows and bytes
// written, and the command's peak memory (`receipts_journal_year_peak_rss: N MB`, from GNU time when the
// machine has it, else from the process itself), beside the peak of one day's export for comparison.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildHistory } from './historyDb';

const h = await buildHistory({ stations: 20, receipts: 300_000, days: 365, lastDay: '2026-11-20' });
h.station.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
h.station.close();
const bin = fileURLToPath(new URL('../bin/civictill.js', import.meta.url));
const out = join(dirname(h.path), 'year.csv');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs the export; returns wall ms and peak RSS in MB (GNU time's "Maximum resident set size"). */
function run(args: string[]): { ms: number; rssMb: number | null; stdout: string } {
  const cmd = gnuTime ? [gnuTime, '-v', process.execPath, bin, ...args] : [process.execPath, bin, ...args];
  const a = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - a;
  if (r.status !== 0) throw new Error(`export failed: ${r.stderr}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  return { ms, rssMb: kb ? Math.round(Number(kb) / 1024) : null, stdout: r.stdout };
}

const from = h.days[0]!, to = h.days.at(-1)!;
run(['export', 'receipts-journal', '--db', h.path, '--day', to, '--out', out]); // builds the CLI bundle once, warms the page cache
const day = run(['export', 'receipts-journal', '--db', h.path, '--day', to, '--out', out]);
const runs = [0, 1, 2].map(() => run(['export', 'receipts-journal', '--db', h.path, '--from', from, '--to', to, '--out', out]));
runs.sort((x, y) => x.ms - y.ms);
const mid = runs[1]!;
const rows = /Wrote (\d+) rows/.exec(mid.stdout)?.[1] ?? '?';
console.log(`receipts_journal_year_csv: ${Math.round(mid.ms)} ms (${rows} rows, ${h.receipts} receipts, ${from}..${to}, median of 3, process start included)`);
console.log(`receipts_journal_year_bytes: ${Math.round(statSync(out).size / 1024 / 1024)} MB`);
if (mid.rssMb !== null) {
  console.log(`receipts_journal_year_peak_rss: ${Math.max(...runs.map((r) => r.rssMb ?? 0))} MB`);
  console.log(`receipts_journal_day_peak_rss: ${day.rssMb} MB (one day, for comparison)`);
}
rmSync(dirname(h.path), { recursive: true, force: true });
