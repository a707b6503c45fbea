import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { allocate } from '../../../../src/main/station/endOfDay/returnedChecks';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, ROUTING, uuid, type TestStation } from '../../../helpers/station';
import { cash, check, expectRefused, pay } from './helpers';

let t: TestStation;
let acct: string;

beforeEach(async () => {
  t = await makeStation();
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
});
afterEach(() => t.cleanup());

describe('returned checks', () => {
  it('finds the check, reverses its share of each line, charges the fee and flags the payer cash-only', async () => {
    // $120 water + $30 sewer paid with a $100 check and $50 cash: the check paid 2/3 of each line.
    const r = await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 12000 }, { revenueCode: 'SEWER', accountNumber: acct, amountCents: 3000 }],
      [check(10000, '5150', '99887766'), cash(5000)], 'Pat Payer');
    const before = await t.ok('accounts.get', { accountNumber: acct });
    t.clock.advance(3 * 86_400_000);
    const found = await t.ok('returnedCheck.find', { checkNumber: '5150' }, 'supervisor');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ receiptNumber: r.receiptNumber, tenderNo: 1, amountCents: 10000, accountNumbers: [acct], returnedCheckId: null });
    expect(await t.ok('returnedCheck.find', { routing: ROUTING, account: '99887766' }, 'supervisor')).toHaveLength(1);
    expect(await t.ok('returnedCheck.find', { amountCents: 10000, from: '2026-11-20', to: '2026-11-20' }, 'supervisor')).toHaveLength(1);
    expect(await t.ok('returnedCheck.find', { amountCents: 9999 }, 'supervisor')).toHaveLength(0);

    const v = await t.ok('returnedCheck.record', { id: uuid(), receiptNumber: r.receiptNumber, tenderNo: 1, reason: 'nsf', returnedOn: '2026-11-22' }, 'supervisor');
    expect(v.reversals.map((x) => [x.revenueCode, x.accountNumber, x.amountCents])).toEqual([['WATER', acct, 8000], ['SEWER', acct, 2000]]);
    expect(v.fee).toMatchObject({ revenueCode: 'NSF', accountNumber: acct, amountCents: 3000 });
    expect(v.cashOnlyUntil).toBe('2027-11-23');
    expect(v.flagged).toEqual({ accountNumbers: [acct], bank: { routing: ROUTING, account: '99887766' } });
    // the receipt stays as posted; the account owes the check back plus the fee
    expect((await t.ok('receipt.get', { receiptNumber: r.receiptNumber })).totalCents).toBe(15000);
    expect((await t.ok('accounts.get', { accountNumber: acct })).balanceCents).toBe(before.balanceCents + 10000 + 3000);
    // the till now refuses checks from this account and from this bank account
    const refused = await t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 1000 }], tenders: [check(1000, '5151', '11112222')] });
    expect(!refused.ok && refused.error.code).toBe('CASH_ONLY_PAYER');
    const refused2 = await t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1000 }], tenders: [check(1000, '5152', '99887766')] });
    expect(!refused2.ok && refused2.error.code).toBe('CASH_ONLY_PAYER');
    // for the hub: negative amounts on the same codes and accounts
    const ev = JSON.parse(t.station.st.sqlGet<{ payload: string }>("SELECT payload FROM outbox WHERE kind = 'check.returned'")!.payload) as { data: { reversals: { amountCents: number }[]; fee: { amountCents: number } } };
    expect(ev.data.reversals.map((x) => x.amountCents)).toEqual([-8000, -2000]);
    expect(ev.data.fee.amountCents).toBe(3000);
    // and the day it was recorded shows it apart from the collections, netted
    const day = await t.ok('report.dailySummary', { businessDay: '2026-11-23' }, 'supervisor');
    expect(day.returnedChecks).toMatchObject({ count: 1, totalCents: 10000, feesCents: 3000 });
    expect(day.net.totalCents).toBe(-10000);
    expect(verifyLedger(t.station)).toMatchObject({ ok: true });
  });

  it('refuses a check never taken, one already returned and a voided one — writing nothing', async () => {
    const r = await pay(t, [{ revenueCode: 'MISC', amountCents: 4000 }], [check(4000, '7001')]);
    const c = await pay(t, [{ revenueCode: 'MISC', amountCents: 500 }], [cash(500)]);
    await expectRefused(t, 'CHECK_NOT_FOUND', () => t.call('returnedCheck.record', { id: uuid(), receiptNumber: 'ST01-999999', tenderNo: 1, reason: 'nsf' }, 'supervisor'));
    await expectRefused(t, 'CHECK_NOT_FOUND', () => t.call('returnedCheck.record', { id: uuid(), receiptNumber: c.receiptNumber, tenderNo: 1, reason: 'nsf' }, 'supervisor'));
    await expectRefused(t, 'CHECK_NOT_FOUND', () => t.call('returnedCheck.record', { id: uuid(), receiptNumber: r.receiptNumber, tenderNo: 2, reason: 'nsf' }, 'supervisor'));
    const id = uuid();
    await t.ok('returnedCheck.record', { id, receiptNumber: r.receiptNumber, tenderNo: 1, reason: 'stop_payment' }, 'supervisor');
    await expectRefused(t, 'CHECK_ALREADY_RETURNED', () => t.call('returnedCheck.record', { id: uuid(), receiptNumber: r.receiptNumber, tenderNo: 1, reason: 'nsf' }, 'supervisor'));
    // the same request again is not a second return
    expect((await t.ok('returnedCheck.record', { id, receiptNumber: r.receiptNumber, tenderNo: 1, reason: 'stop_payment' }, 'supervisor')).id).toBe(id);
    const v = await pay(t, [{ revenueCode: 'MISC', amountCents: 700 }], [check(700, '7002', '55554444')]);
    await t.ok('receipt.void', { id: uuid(), receiptNumber: v.receiptNumber, reason: 'keyed twice', approval: { userId: 'supervisor', pin: '2222' } });
    await expectRefused(t, 'CHECK_VOIDED', () => t.call('returnedCheck.record', { id: uuid(), receiptNumber: v.receiptNumber, tenderNo: 1, reason: 'nsf' }, 'supervisor'));
    await expectRefused(t, 'FORBIDDEN', () => t.call('returnedCheck.record', { id: uuid(), receiptNumber: r.receiptNumber, tenderNo: 1, reason: 'nsf' }, 'cashier'));
  });

  it('allocates in whole cents that add up to the check', () => {
    const a = allocate(1000, [{ line_no: 1, amount_cents: 1 }, { line_no: 2, amount_cents: 1 }, { line_no: 3, amount_cents: 1 }]);
    expect([...a.values()]).toEqual([334, 333, 333]);
    const b = allocate(1_000_000_000, [{ line_no: 1, amount_cents: 999_999_999 }, { line_no: 2, amount_cents: 1 }]);
    expect(b.get(1)! + b.get(2)!).toBe(1_000_000_000);
  });
});
