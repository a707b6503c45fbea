// Property test: random sequences of card payments (approved, declined, partial, lost answers, two
// cards), voids, sales put aside, charges the station never heard back about, and restarts. After every
// restart's settling, and at the end: verify holds, and every charge the emulator approved has exactly
// one receipt or one reversal (a reversed charge only on a voided receipt).
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Station } from '../../../../src/main/station/station';
import { useTerminal } from '../../../../src/main/station/card/terminal';
import { startCardRecovery } from '../../../../src/main/station/card/start';
import { verifyLedger } from '../../../../src/main/station/verify';
import { newServiceId } from '../../../../src/hardware/terminal/nexoTerminal';
import { canonicalJson } from '../../../../src/shared/canonical';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { makeStation, PINS, signedIn, type TestStation } from '../../../helpers/station';
import { terminalRig } from '../../../hardware/terminal/fixtures';

let rig: Awaited<ReturnType<typeof terminalRig>>;
beforeAll(async () => { rig = await terminalRig(); });
afterAll(async () => { await rig.emu.kill(); });

type Op =
  | { kind: 'pay'; outcome: 'approve' | 'decline' | 'lose' | 'cancel'; cents: number; cash: boolean }
  | { kind: 'twoCards'; partial: boolean; second: 'approve' | 'decline' }
  | { kind: 'void' }
  | { kind: 'unheard' }
  | { kind: 'restart' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), outcome: fc.constantFrom('approve' as const, 'decline' as const, 'lose' as const, 'cancel' as const), cents: fc.integer({ min: 100, max: 90_000 }), cash: fc.boolean() }),
  fc.record({ kind: fc.constant('twoCards' as const), partial: fc.boolean(), second: fc.constantFrom('approve' as const, 'decline' as const) }),
  fc.constant<Op>({ kind: 'void' }),
  fc.constant<Op>({ kind: 'unheard' }),
  fc.constant<Op>({ kind: 'restart' }),
);

function exactlyOnce(s: Station): void {
  expect(verifyLedger(s).summary).toMatch(/^OK/);
  for (const tx of rig.emu.approved()) {
    const a = s.st.sqlGet<{ id: string }>('SELECT id FROM card_attempts WHERE service_id = ?', tx.serviceId);
    if (!a) continue; // another run's station
    const onReceipt = s.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM tenders WHERE card_attempt_id = ?', a.id)!.n;
    const reversed = !!s.st.sqlGet("SELECT 1 FROM card_attempt_results WHERE attempt_id = ? AND state = 'reversed'", a.id);
    expect(reversed).toBe(tx.reversed);
    if (reversed) expect(!!s.st.sqlGet('SELECT 1 FROM tenders t JOIN voids v ON v.receipt_id = t.receipt_id WHERE t.card_attempt_id = ?', a.id) || onReceipt === 0).toBe(true);
    else expect(onReceipt, `charge ${tx.serviceId}`).toBe(1);
  }
}

it('random payments, voids, lost answers and restarts: each approved charge once', async () => {
  await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), async (ops) => {
    let t: TestStation = await makeStation({ accounts: 20 });
    const { dir, path, clock } = t;
    try {
      useTerminal(t.station, rig.driver());
      const account = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
      const sessionId = randomUUID();
      await t.ok('session.open', { id: sessionId, floatCounts: STANDARD_FLOAT });
      const lines = (c: number) => [{ revenueCode: 'WATER', accountNumber: account, amountCents: c }];
      for (const op of ops) {
        if (op.kind === 'pay') {
          rig.emu.script.push({ kind: op.outcome });
          const cash = op.cash && op.cents > 100 ? [{ kind: 'cash' as const, amountCents: 100 }] : [];
          const r = await t.call('card.charge', { attemptId: randomUUID(), receiptId: randomUUID(), amountCents: op.cents - (cash.length ? 100 : 0), lines: lines(op.cents), tenders: cash });
          expect(r.ok || r.error.code, JSON.stringify(r)).toBe(true);
        } else if (op.kind === 'twoCards') {
          const receiptId = randomUUID();
          rig.emu.script.push(op.partial ? { kind: 'partial', approvedCents: 600 } : { kind: 'approve' }, { kind: op.second });
          const first = await t.ok('card.charge', { attemptId: randomUUID(), receiptId, amountCents: 1000, lines: lines(3000), tenders: [] });
          const got = first.attempt.approval!.approvedCents;
          const second = await t.ok('card.charge', { attemptId: randomUUID(), receiptId, amountCents: 3000 - got, lines: lines(3000), tenders: [{ kind: 'card', amountCents: got, attemptId: first.attempt.id }] });
          if (!second.receipt) await t.ok('card.release', { receiptId });
        } else if (op.kind === 'void') {
          const last = t.station.st.sqlGet<{ n: string }>("SELECT r.receipt_number AS n FROM receipts r WHERE NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id) ORDER BY seq DESC LIMIT 1");
          if (last) await t.ok('receipt.void', { id: randomUUID(), receiptNumber: last.n, reason: 'property test', approval: { userId: 'supervisor', pin: PINS.supervisor } });
        } else if (op.kind === 'unheard') {
          // Written and sent, approved at the terminal, the answer never read: then the station stops.
          const attemptId = randomUUID(), receiptId = randomUUID(), serviceId = newServiceId();
          const sale = { id: receiptId, lines: lines(2500), tenders: [{ kind: 'card', amountCents: 2500, attemptId }] };
          t.station.commit(() => t.station.st.sqlRun(`INSERT INTO card_attempts(id, receipt_id, session_id, cashier_id, service_id, poi_id, amount_cents, fee_cents, sale, created_at)
            VALUES (?, ?, ?, 'cashier', ?, '', 2500, 0, ?, ?)`, attemptId, receiptId, sessionId, serviceId, canonicalJson(sale), t.station.nowIso()));
          const d = rig.driver();
          await d.pay({ serviceId, transactionId: 'X', amountCents: 2500, at: t.station.nowIso() });
          d.close();
        }
        if (op.kind === 'restart' || op.kind === 'unheard') {
          t.station.close();
          const s = await Station.open(path, clock);
          useTerminal(s, rig.driver());
          await startCardRecovery(s);
          t = await signedIn(s, dir, path, clock);
          exactlyOnce(t.station);
        }
      }
      await startCardRecovery(t.station);
      exactlyOnce(t.station);
    } finally {
      t.cleanup();
    }
  }), { numRuns: 15, seed: 20261201 });
}, 240_000);
