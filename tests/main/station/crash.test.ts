// Crash test: a child posting receipts is killed with SIGKILL at random moments, 50 times. After each
// restart `verify` passes, receipt numbers have no gap, and every acknowledged receipt is present.
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Station } from '../../../src/main/station/station';
import { verifyLedger } from '../../../src/main/station/verify';
import { makeStation, type TestStation } from '../../helpers/station';
import { prng } from '../../../src/main/station/demoData';
import { bundleChild, runUntilKilled } from '../../helpers/crashChild';

const source = fileURLToPath(new URL('./fixtures/crashChild.ts', import.meta.url));
let child: string;
let t: TestStation;
let account: string;

beforeAll(async () => {
  t = await makeStation();
  child = await bundleChild(source, `crashChild-${process.pid}`);
  account = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
  t.station.close(); // the children own the database from here on
});
afterAll(() => { t.cleanup(); rmSync(child, { force: true }); });

/** Runs one child until it has acknowledged `after` receipts, waits `delayMs`, then SIGKILLs it. */
function runAndKill(sessionId: string, after: number, delayMs: number): Promise<string[]> {
  const acked: string[] = [];
  const { exited } = runUntilKilled(child, [t.path, sessionId, account], (line, run) => {
    if (line.startsWith('OK ')) acked.push(line.split(' ')[1]!);
    if (line === 'READY' && after === 0 || acked.length >= after && after > 0) run.kill(delayMs);
  });
  return exited.then(() => acked);
}

it('survives 50 SIGKILLs mid-posting with nothing lost, doubled or gapped', async () => {
  const rand = prng(20261122);
  const sessionId = randomUUID();
  const acknowledged: string[] = [];
  for (let round = 0; round < 50; round++) {
    acknowledged.push(...await runAndKill(sessionId, Math.floor(rand() * 15), Math.floor(rand() * 8)));
    const station = await Station.open(t.path);
    try {
      const report = verifyLedger(station);
      expect(report.summary).toMatch(/^OK/);
      const seqs = station.st.sqlAll<{ seq: number }>('SELECT seq FROM receipts ORDER BY seq').map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const present = new Set(station.st.sqlAll<{ id: string }>('SELECT id FROM receipts').map((r) => r.id));
      for (const id of acknowledged) expect(present.has(id)).toBe(true);
      const outbox = station.st.sqlGet<{ n: number; max: number }>('SELECT COUNT(*) AS n, MAX(seq) AS max FROM outbox')!;
      expect(outbox.n).toBe(outbox.max);
    } finally {
      station.close();
    }
  }
  expect(acknowledged.length).toBeGreaterThan(100);
}, 300_000);
