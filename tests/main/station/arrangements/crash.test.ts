// Crash test: a child making arrangements with their down payments is killed with SIGKILL at random
// moments. After each restart `verify` passes, every acknowledged arrangement is there, and no plan is
// without its down-payment receipt nor any down payment without its plan.
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Station } from '../../../../src/main/station/station';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, type TestStation } from '../../../helpers/station';
import { prng } from '../../../../src/main/station/demoData';
import { eligibleAccounts } from './helpers';
import { bundleChild, runUntilKilled } from '../../../helpers/crashChild';

const source = fileURLToPath(new URL('../fixtures/arrangementCrashChild.ts', import.meta.url));
let child: string;
let t: TestStation;
let account: string;

beforeAll(async () => {
  t = await makeStation();
  child = await bundleChild(source, `arrangementCrashChild-${process.pid}`);
  account = eligibleAccounts(t)[0]!.accountNumber;
  t.station.close();
});
afterAll(() => { t.cleanup(); rmSync(child, { force: true }); });

function runAndKill(sessionId: string, after: number, delayMs: number): Promise<string[]> {
  const acked: string[] = [];
  const { exited } = runUntilKilled(child, [t.path, sessionId, account], (line, run) => {
    if (line.startsWith('OK ')) acked.push(line.split(' ')[1]!);
    if (line === 'READY' && after === 0 || acked.length >= after && after > 0) run.kill(delayMs);
  });
  return exited.then(() => acked);
}

it('survives SIGKILLs mid-arrangement: never a plan without its down payment, nor a down payment without its plan', async () => {
  const rand = prng(20261214);
  const sessionId = randomUUID();
  const acknowledged: string[] = [];
  for (let round = 0; round < 12; round++) {
    acknowledged.push(...await runAndKill(sessionId, Math.floor(rand() * 6), Math.floor(rand() * 12)));
    const station = await Station.open(t.path);
    try {
      expect(verifyLedger(station).summary).toMatch(/^OK/);
      const plans = station.st.sqlAll<{ id: string; down_receipt_id: string; down_payment_cents: number }>('SELECT id, down_receipt_id, down_payment_cents FROM arrangements');
      const receipts = station.st.sqlAll<{ id: string; total_cents: number }>('SELECT id, total_cents FROM receipts');
      const byId = new Map(receipts.map((r) => [r.id, r.total_cents]));
      for (const p of plans) expect(byId.get(p.down_receipt_id)).toBe(p.down_payment_cents);
      // The child takes money only as down payments: every receipt is one plan's.
      expect(new Set(plans.map((p) => p.down_receipt_id))).toEqual(new Set(receipts.map((r) => r.id)));
      const present = new Set(plans.map((p) => p.id));
      for (const id of acknowledged) expect(present.has(id)).toBe(true);
    } finally {
      station.close();
    }
  }
  expect(acknowledged.length).toBeGreaterThan(10);
}, 300_000);
