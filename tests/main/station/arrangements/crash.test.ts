// Crash test: a child making arrangements with their down payments is killed with SIGKILL at random
// moments. After each restart `verify` passes, every acknowledged arrangement is there, and no plan is
// without its down-payment receipt nor any down payment without its plan.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Station } from '../../../../src/main/station/station';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, type TestStation } from '../../../helpers/station';
import { prng } from '../../../../src/main/station/demoData';
import { eligibleAccounts } from './helpers';

const source = fileURLToPath(new URL('../fixtures/arrangementCrashChild.ts', import.meta.url));
let child: string;
let t: TestStation;
let account: string;

beforeAll(async () => {
  t = await makeStation();
  child = join(fileURLToPath(new URL('../../../../node_modules/.cache/', import.meta.url)), `arrangementCrashChild-${process.pid}.mjs`);
  await build({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', outfile: child, packages: 'external', logLevel: 'silent' });
  account = eligibleAccounts(t)[0]!.accountNumber;
  t.station.close();
});
afterAll(() => { t.cleanup(); rmSync(child, { force: true }); });

function runAndKill(sessionId: string, after: number, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, t.path, sessionId, account], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buf = '', err = '', killed = false;
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('OK ')) acked.push(line.split(' ')[1]!);
        if (!killed && (line === 'READY' && after === 0 || acked.length >= after && after > 0)) {
          killed = true;
          setTimeout(() => p.kill('SIGKILL'), delayMs);
        }
      }
    });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`child ended without being killed: ${err}`))));
  });
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
