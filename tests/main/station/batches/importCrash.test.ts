// A lockbox import killed with SIGKILL at random moments, 24 times: after each restart every file is in
// the ledger whole (all its items, its batch closed) or not at all, `verify` passes, and importing the
// same files again finishes them without doubling any.
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Station } from '../../../../src/main/station/station';
import { verifyLedger } from '../../../../src/main/station/verify';
import { prng } from '../../../../src/main/station/demoData';
import { lockboxFile } from '../../../helpers/batchFiles';
import { makeStation, type TestStation } from '../../../helpers/station';
import { bundleChild, runUntilKilled } from '../../../helpers/crashChild';

const source = fileURLToPath(new URL('../fixtures/importCrashChild.ts', import.meta.url));
let child: string;
let t: TestStation;
const ITEMS = 1500;
const ROUNDS = 24;
const files: { id: string; bank: number; path: string; refs: string[] }[] = [];
const arg = (f: (typeof files)[number]) => `${f.id}|${f.bank}|${f.path}`;

beforeAll(async () => {
  t = await makeStation({ accounts: 50 });
  child = await bundleChild(source, `importCrashChild-${process.pid}`);
  const accounts = (await t.ok('accounts.search', { query: '1', limit: 20 })).map((a) => a.accountNumber);
  for (let f = 0; f <= ROUNDS; f++) {
    const items = Array.from({ length: ITEMS }, (_, i) => ({ ref: `F${f}I${String(i).padStart(5, '0')}`, account: accounts[i % accounts.length]!, cents: 500 + i + f }));
    const path = join(t.dir, `lockbox-${f}.txt`);
    writeFileSync(path, lockboxFile(items));
    files.push({ id: randomUUID(), bank: items.reduce((a, x) => a + x.cents, 0), path, refs: items.map((x) => x.ref) });
  }
  t.station.close(); // the children own the database from here on
});
afterAll(() => { t.cleanup(); rmSync(child, { force: true }); });

/** Starts a child on these files; kills it `delayMs` after it is ready (or once done). Returns how long the imports took when it finished. */
function runAndKill(args: string[], delayMs: number | null): Promise<{ done: boolean; ms: number }> {
  let done = false, readyAt = 0, ms = 0;
  const { exited } = runUntilKilled(child, [t.path, ...args], (line, run) => {
    if (line === 'READY') { readyAt = Date.now(); if (delayMs !== null) run.kill(delayMs); }
    if (line === 'DONE') { done = true; ms = Date.now() - readyAt; run.process.kill('SIGKILL'); }
  });
  return exited.then(() => ({ done, ms }));
}

function check(station: Station, f: (typeof files)[number]): 'all' | 'none' {
  const file = station.st.sqlGet<{ session_id: string }>('SELECT session_id FROM batch_files WHERE id = ?', f.id);
  const n = station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM batch_items WHERE collection_point = 'lockbox' AND source_ref >= ? AND source_ref <= ?", f.refs[0]!, f.refs.at(-1)!)!.n;
  if (file) {
    expect(n).toBe(ITEMS);
    expect(station.st.sqlGet<{ state: string }>('SELECT state FROM drawer_sessions WHERE id = ?', file.session_id)!.state).toBe('closed');
    return 'all';
  }
  expect(n).toBe(0);
  expect(station.st.sqlGet('SELECT 1 FROM drawer_sessions WHERE id = ?', f.id)).toBeUndefined();
  return 'none';
}

it(`leaves each file all imported or not at all across ${ROUNDS} SIGKILLs`, async () => {
  const rand = prng(20261201);
  // How long one import takes here: the kills land anywhere in it.
  const { ms } = await runAndKill([arg(files[ROUNDS]!)], null);
  const seen = { all: 0, none: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    await runAndKill([arg(files[round]!)], Math.floor(rand() * ms * 1.3));
    const station = await Station.open(t.path);
    try {
      expect(verifyLedger(station).summary).toMatch(/^OK/);
      seen[check(station, files[round]!)]++;
      const seqs = station.st.sqlAll<{ seq: number }>('SELECT seq FROM receipts ORDER BY seq').map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    } finally {
      station.close();
    }
  }
  // Killed both before and after the commit: each file is whole or absent, never in between.
  expect(seen.none).toBeGreaterThan(0);
  expect(seen.all + seen.none).toBe(ROUNDS);
  // Every file again, to the end: those killed are imported now, the others add nothing.
  expect((await runAndKill(files.map(arg), null)).done).toBe(true);
  const station = await Station.open(t.path);
  try {
    for (const f of files) expect(check(station, f)).toBe('all');
    expect(station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM batch_items')!.n).toBe(ITEMS * files.length);
    expect(verifyLedger(station).ok).toBe(true);
  } finally {
    station.close();
  }
}, 400_000);
