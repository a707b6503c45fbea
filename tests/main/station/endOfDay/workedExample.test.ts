// A worked example a bookkeeper can check by hand: one cashier's day, its count sheet, its
// over/short and its deposit slip. Every figure below is written out in dollars.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import type { CloseoutView, DepositView, ZReport } from '../../../../src/shared/endOfDayViews';
import { formatCents } from '../../../../src/shared/money';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { SUPERVISOR, cash, check, pay } from './helpers';

const $ = (cents: number) => formatCents(cents);
let t: TestStation;
let z: ZReport;
let closeout: CloseoutView;
let slip: DepositView;

beforeAll(async () => {
  t = await makeStation();
  const acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
  // Opening float: the standard $150.00 (2 × $20, 4 × $10, 8 × $5, 20 × $1, 20 quarters, 25 dimes, 40 nickels, 50 pennies).
  const sessionId = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
  // 1. Water bill $84.50, paid with a $100 bill: change $15.50.
  await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 8450 }], [cash(10000)]);
  // 2. Business licence, 3 employees: $75.00 by check no. 1042.
  const r2 = await pay(t, [{ revenueCode: 'BLIC', feeInputs: { quantity: 3 } }], [check(7500, '1042')]);
  // 3. Sewer bill $42.25: a $40.00 money order and $2.25 in cash.
  const r3 = await pay(t, [{ revenueCode: 'SEWER', accountNumber: acct, amountCents: 4225 }], [{ kind: 'money_order', amountCents: 4000, reference: 'MO-778' }, cash(225)]);
  // 4. Utility deposit $150.00 on a Visa card (settles through the card processor, not deposited).
  await pay(t, [{ revenueCode: 'UDEP', accountNumber: acct }], [{ kind: 'card', amountCents: 15000, brand: 'visa', last4: '4242', authCode: 'AUTH1' }]);
  // 5. Miscellaneous $10.00 in cash — keyed by mistake and voided by the supervisor: counts for nothing.
  const r5 = await pay(t, [{ revenueCode: 'MISC', amountCents: 1000 }], [cash(1000)]);
  await t.ok('receipt.void', { id: uuid(), receiptNumber: r5.receiptNumber, reason: 'keyed by mistake', approval: SUPERVISOR });
  // 6. Garbage bill $210.00 in cash, exact.
  await pay(t, [{ revenueCode: 'GARB', accountNumber: acct, amountCents: 21000 }], [cash(21000)]);
  // Paid-in $20.00 (change from the safe), paid-out $12.00 (a refund), a drop of $200.00 (ten $20) to the safe.
  await t.ok('drawer.paidIn', { id: uuid(), amountCents: 2000, reason: 'change from safe' });
  await t.ok('drawer.paidOut', { id: uuid(), amountCents: 1200, reason: 'refund of overpaid permit', approval: SUPERVISOR });
  await t.ok('drawer.drop', { id: uuid(), amountCents: 20000, counts: { bill_2000: 10 } });

  // The blind count: the float's pieces plus five more $20, four more $1 and one more quarter = $254.25.
  await t.ok('closeout.start', {});
  closeout = await t.ok('closeout.count', {
    id: uuid(),
    cash: { bill_2000: 7, bill_1000: 4, bill_500: 8, bill_100: 24, coin_25: 21, coin_10: 25, coin_5: 40, coin_1: 50 },
    items: [{ receiptNumber: r2.receiptNumber, tenderNo: 1, present: true }, { receiptNumber: r3.receiptNumber, tenderNo: 1, present: true }],
    cards: [{ brand: 'visa', amountCents: 15000, count: 1 }],
  });
  z = await t.ok('report.z', { sessionId });
  // The deposit keeps the standard float back for tomorrow.
  slip = await t.ok('deposit.create', { id: uuid(), sessionIds: [sessionId] }, 'supervisor');
  await t.ok('deposit.prepare', { depositId: slip.id!, bagNumber: 'SEAL-100234' }, 'supervisor');
  slip = await t.ok('deposit.verify', { depositId: slip.id!, bankConfirmedCents: slip.totalCents }, 'supervisor');
});
afterAll(() => t.cleanup());

describe('worked example: one day at the counter', () => {
  it('Z report: five receipts for $561.75, one void, and the drawer movements', () => {
    // 84.50 + 75.00 + 42.25 + 150.00 + 210.00 = 561.75
    expect($(z.receipts.totalCents)).toBe('$561.75');
    expect(z.receipts.count).toBe(5);
    expect(z.voids).toMatchObject({ count: 1, totalCents: 1000 });
    expect(z.byTender.map((x) => [x.kind, $(x.tenderedCents), $(x.changeCents), $(x.netCents)])).toEqual([
      ['cash', '$312.25', '$15.50', '$296.75'], // 100.00 + 2.25 + 210.00 taken, 15.50 handed back
      ['check', '$75.00', '$0.00', '$75.00'],
      ['money_order', '$40.00', '$0.00', '$40.00'],
      ['card', '$150.00', '$0.00', '$150.00'],
      ['other', '$0.00', '$0.00', '$0.00'],
    ]);
    expect(z.byRevenueCode.map((r) => [r.revenueCode, $(r.totalCents)])).toEqual([['BLIC', '$75.00'], ['GARB', '$210.00'], ['SEWER', '$42.25'], ['UDEP', '$150.00'], ['WATER', '$84.50']]);
    expect([$(z.paidIns.totalCents), $(z.paidOuts.totalCents), $(z.drops.totalCents)]).toEqual(['$20.00', '$12.00', '$200.00']);
  });

  it('expected cash: 150.00 + 296.75 + 20.00 − 12.00 − 200.00 = $254.75 in the drawer', () => {
    const e = closeout.expected;
    expect([$(e.floatCents), $(e.cashSalesCents), $(e.paidInCents), $(e.paidOutCents), $(e.dropsCents)]).toEqual(['$150.00', '$296.75', '$20.00', '$12.00', '$200.00']);
    expect($(e.cashCents)).toBe('$254.75');
  });

  it('count sheet: $254.25 in the drawer and the $200.00 drop bag: 50¢ short, within the $1.00 tolerance', () => {
    expect(closeout.count.cash.lines.map((l) => `${l.count} × ${l.label} = ${$(l.amountCents)}`)).toEqual([
      '7 × $20 = $140.00', '4 × $10 = $40.00', '8 × $5 = $40.00', '24 × $1 = $24.00',
      '21 × 25¢ = $5.25', '25 × 10¢ = $2.50', '40 × 5¢ = $2.00', '50 × 1¢ = $0.50',
    ]);
    expect($(closeout.count.cash.totalCents)).toBe('$254.25');
    expect(closeout.count.lines.map((l) => [l.tender, $(l.expectedCents), $(l.countedCents), $(l.overShortCents)])).toEqual([
      ['cash', '$454.75', '$454.25', '-$0.50'], // drawer + drop bag: 254.75 + 200.00 expected, 254.25 + 200.00 counted
      ['check', '$75.00', '$75.00', '$0.00'],
      ['money_order', '$40.00', '$40.00', '$0.00'],
      ['card', '$150.00', '$150.00', '$0.00'],
      ['other', '$0.00', '$0.00', '$0.00'],
    ]);
    expect($(closeout.count.overShortCents)).toBe('-$0.50');
    expect(closeout.session.state).toBe('closed');
    expect(closeout.closure?.approvedBy).toBeNull();
  });

  it('deposit slip: $304.25 cash + one check $75.00 + one money order $40.00 = $419.25', () => {
    // Cash on hand 254.25 + 200.00 = 454.25, less the $150.00 float kept back = 304.25:
    // fifteen $20 (seven in the drawer, ten in the drop bag, less the float's two), four $1 and one quarter.
    expect($(slip.cash.available.totalCents)).toBe('$454.25');
    expect(slip.cash.floatKept.counts).toEqual(STANDARD_FLOAT);
    expect(slip.cash.deposited.lines.map((l) => `${l.count} × ${l.label} = ${$(l.amountCents)}`)).toEqual(['15 × $20 = $300.00', '4 × $1 = $4.00', '1 × 25¢ = $0.25']);
    expect([$(slip.cash.deposited.currencyCents), $(slip.cash.deposited.coinCents)]).toEqual(['$304.00', '$0.25']);
    expect(slip.checks.items.map((c) => [c.checkNumber, c.routing, c.account, $(c.amountCents)])).toEqual([['1042', '121000358', '123456789', '$75.00']]);
    expect(slip.moneyOrders.items.map((m) => [m.reference, $(m.amountCents)])).toEqual([['MO-778', '$40.00']]);
    expect($(slip.totalCents)).toBe('$419.25');
    expect($(slip.notDeposited.cardsCents)).toBe('$150.00');
    // And the whole day ties: 254.75 expected + 200.00 dropped − 0.50 short − 150.00 float + 75.00 + 40.00 = 419.25
    expect(closeout.expected.cashCents + closeout.expected.dropsCents + closeout.count.overShortCents - 15000 + 7500 + 4000).toBe(slip.totalCents);
    expect(slip).toMatchObject({ state: 'verified', bagNumber: 'SEAL-100234', bankConfirmedCents: 41925, differenceCents: 0 });
  });

  it('the ledger verifies', () => {
    expect(verifyLedger(t.station)).toMatchObject({ ok: true });
  });
});
