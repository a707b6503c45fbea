// End-of-day reports on a year of history (20 stations, 300,000 receipts): prints
// `z_report: N ms` and `daily_summary: N ms` (median of repeated runs, after a warm-up).
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { dispatch } from '../src/main/dispatch';
import type { OpName, InputOf } from '../src/shared/api';
import { buildHistory } from './historyDb';

const t0 = performance.now();
const h = await buildHistory({ stations: 20, receipts: 300_000, days: 365, lastDay: '2026-11-20' });
const built = performance.now() - t0;
const signIn = await dispatch(h.station, 'auth.signIn', { userId: 'supervisor', pin: '2222' });
if (!signIn.ok) throw new Error(signIn.error.message);
const token = signIn.value.token;

async function time<N extends OpName>(name: N, inputs: InputOf<N>[]): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < inputs.length + 3; i++) {
    const input = inputs[i % inputs.length]!;
    const a = performance.now();
    const r = await dispatch(h.station, name, input, token);
    const ms = performance.now() - a;
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    if (i >= 3) runs.push(ms); // the first runs warm the statement cache
  }
  runs.sort((x, y) => x - y);
  return runs[Math.floor(runs.length / 2)]!;
}

// Sessions and days spread over the year, including the busiest end of the history.
const sessions = h.station.st.sqlAll<{ id: string }>('SELECT id FROM drawer_sessions ORDER BY business_day, station_id').map((s) => s.id);
const pickSessions = Array.from({ length: 15 }, (_, i) => sessions[Math.floor((i * (sessions.length - 1)) / 14)]!);
const pickDays = Array.from({ length: 15 }, (_, i) => h.days[Math.floor((i * (h.days.length - 1)) / 14)]!);

const z = await time('report.z', pickSessions.map((sessionId) => ({ sessionId })));
const x = await time('report.x', pickSessions.map((sessionId) => ({ sessionId })));
const daily = await time('report.dailySummary', pickDays.map((businessDay) => ({ businessDay })));
const journal = await time('export.receiptsJournal', pickDays.map((businessDay) => ({ businessDay })));
const fmt = (ms: number) => String(Math.round(ms * 10) / 10);
console.log(`history_build: ${fmt(built)} ms (${h.receipts} receipts, ${h.sessions} sessions, ${h.stations.length} stations, ${h.days.length} days)`);
console.log(`z_report: ${fmt(z)} ms`);
console.log(`x_report: ${fmt(x)} ms`);
console.log(`daily_summary: ${fmt(daily)} ms`);
console.log(`receipts_journal_csv: ${fmt(journal)} ms`);
h.station.close();
rmSync(dirname(h.path), { recursive: true, force: true });
