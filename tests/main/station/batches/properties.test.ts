// Property test: random mail batches with random control figures on a real station. A batch closes
// without approval exactly when the figures agree; its entered figures, its deposit and the daily
// summary stay exact to the cent; verify holds throughout.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, ROUTING, uuid, type TestStation } from '../../../helpers/station';

let t: TestStation;
let accounts: string[];
/** Every check of every run its own number: the same check and amount twice is a duplicate presentment, refused. */
let nextCheck = 100;
beforeAll(async () => {
  t = await makeStation({ accounts: 40 });
  accounts = (await t.ok('accounts.search', { query: '1', limit: 10 })).map((a) => a.accountNumber);
});
afterAll(() => t.cleanup());

const batchArb = fc.record({
  items: fc.array(fc.record({ cents: fc.integer({ min: 1, max: 500_000 }), mo: fc.boolean(), acct: fc.nat(9), voidIt: fc.boolean() }), { minLength: 1, maxLength: 12 }),
  // The tape: agreeing with the items, or off in count, amount or both.
  countOff: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) }),
  centsOff: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -5000, max: 5000 }) }),
});

it('a batch balances exactly when the figures agree, and its totals and deposit stay exact', async () => {
  await fc.assert(fc.asyncProperty(batchArb, async ({ items, countOff, centsOff }) => {
    const kept = items.filter((x, i) => !(x.voidIt && i % 3 === 0));
    const sum = kept.reduce((a, x) => a + x.cents, 0);
    const controlCount = kept.length + countOff, controlCents = sum + centsOff;
    fc.pre(controlCount >= 1 && controlCents >= 1);
    const b = await t.ok('batch.open', { id: uuid(), source: 'mail', controlCount, controlCents });
    for (const [i, x] of items.entries()) {
      const tender = x.mo ? { kind: 'money_order' as const, amountCents: x.cents, reference: `MO${i}` } : { kind: 'check' as const, amountCents: x.cents, routing: ROUTING, account: '44001234', checkNumber: String(nextCheck++) };
      const it = await t.ok('batch.addItem', { id: uuid(), batchId: b.id, lines: [{ revenueCode: 'WATER', accountNumber: accounts[x.acct]!, amountCents: x.cents }], tender, dateReceived: '2026-11-19' });
      if (x.voidIt && i % 3 === 0) await t.ok('receipt.void', { id: uuid(), receiptNumber: it.receiptNumber, reason: 'keyed twice', approval: { userId: 'supervisor', pin: '2222' } });
    }
    const v = await t.ok('batch.get', { batchId: b.id });
    expect(v.entered).toEqual({ count: kept.length, cents: sum });
    const agree = countOff === 0 && centsOff === 0;
    expect(v.balanced).toBe(agree);
    const plain = await t.call('batch.close', { id: uuid(), batchId: b.id });
    if (kept.length === 0) { expect(plain.ok || plain.error.code).toBe('BATCH_EMPTY'); return; }
    expect(plain.ok).toBe(agree);
    if (!agree) await t.ok('batch.close', { id: uuid(), batchId: b.id, approval: { userId: 'supervisor', pin: '2222' }, reason: 'tape keyed wrong' });
    const d = await t.ok('deposit.create', { id: uuid(), sessionIds: [b.id] }, 'supervisor');
    expect(d.checks.totalCents + d.moneyOrders.totalCents).toBe(sum);
    expect(d.checks.count + d.moneyOrders.count).toBe(kept.length);
    expect(d.totalCents).toBe(sum);
  }), { numRuns: 25 });
  expect(verifyLedger(t.station).summary).toMatch(/^OK/);
}, 240_000);
