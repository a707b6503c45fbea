import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { SUPERVISOR, cash, check, expectRefused, pay } from './helpers';

let t: TestStation;
let acct: string;
let sessionId: string;

beforeEach(async () => {
  t = await makeStation();
  sessionId = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
  acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
});
afterEach(() => t.cleanup());

/** $150 float + $43.21 water in cash + a $75 check for sewer = $193.21 cash and one check. */
async function smallDay() {
  await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 4321 }], [cash(5000)]);
  return pay(t, [{ revenueCode: 'SEWER', accountNumber: acct, amountCents: 7500 }], [check(7500, '2001')]);
}
// $193.21 exactly: the standard float plus $20 + $20 + $1 + $1 + 20¢ ... (43.21 = 2×$20 + 3×$1 + 2×10¢ + 1¢)
const COUNT_19321 = { ...STANDARD_FLOAT, bill_2000: 4, bill_100: 23, coin_10: 27, coin_1: 51 };

describe('blind count', () => {
  it('hides expected cash from the cashier once the close-out starts, never from a supervisor', async () => {
    await smallDay();
    expect((await t.ok('session.current', {}))!.expectedCashCents).toBe(19321);
    const list = await t.ok('closeout.start', {});
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: 'check', checkNumber: '2001', amountCents: 7500 });
    expect(list).not.toHaveProperty('expected');
    const cur = (await t.ok('session.current', {}))!;
    expect(cur.expectedCashCents).toBeNull();
    expect(cur.dropSuggested).toBe(false);
    expect((await t.ok('session.current', {}, 'supervisor'))!.expectedCashCents).toBe(19321);
    await expectRefused(t, 'SESSION_NOT_COUNTED', () => t.call('closeout.get', { sessionId }));
    await expectRefused(t, 'SESSION_NOT_COUNTED', () => t.call('report.z', { sessionId }));
    expect((await t.call('report.x', {})).ok).toBe(false); // a supervisor's report
  });

  it('a balanced count closes the session and only then shows what was expected', async () => {
    const r = await smallDay();
    const v = await t.ok('closeout.count', { id: uuid(), cash: COUNT_19321, items: [{ receiptNumber: r.receiptNumber, tenderNo: 1, present: true }] });
    expect(v.session.state).toBe('closed');
    expect(v.balanced).toBe(true);
    expect(v.expected.cashCents).toBe(19321);
    expect(v.count.cash.totalCents).toBe(19321);
    expect(v.count.lines.map((l) => [l.tender, l.expectedCents, l.countedCents, l.overShortCents])).toEqual([
      ['cash', 19321, 19321, 0], ['check', 7500, 7500, 0], ['money_order', 0, 0, 0], ['card', 0, 0, 0], ['other', 0, 0, 0],
    ]);
    expect(v.closure?.approvedBy).toBeNull();
    expect(v.count.countedBy.id).toBe('cashier');
    expect(await t.ok('session.current', {})).toBeNull();
    const z = await t.ok('report.z', { sessionId });
    expect(z.receipts).toMatchObject({ count: 2, totalCents: 11821 });
    expect(z.byTender.find((x) => x.kind === 'cash')).toMatchObject({ tenderedCents: 5000, changeCents: 679, netCents: 4321 });
    expect(z.closeout.count.overShortCents).toBe(0);
    expect(verifyLedger(t.station)).toMatchObject({ ok: true });
  });
});

describe('over/short', () => {
  it('within the tolerance closes with the over/short recorded', async () => {
    const r = await smallDay();
    const v = await t.ok('closeout.count', { id: uuid(), cash: { ...COUNT_19321, coin_10: 22 }, items: [{ receiptNumber: r.receiptNumber, tenderNo: 1, present: true }] });
    expect(v.session.state).toBe('closed');
    expect(v.count.overShortCents).toBe(-50);
    expect(v.balanced).toBe(false);
    expect(v.count.withinTolerance).toBe(true);
  });

  it('beyond the tolerance needs a supervisor PIN and a reason', async () => {
    const r = await smallDay();
    const v = await t.ok('closeout.count', { id: uuid(), cash: { ...COUNT_19321, bill_500: 7 }, items: [{ receiptNumber: r.receiptNumber, tenderNo: 1, present: true }] });
    expect(v.session.state).toBe('counted');
    expect(v.needsApproval).toBe(true);
    expect(v.count.lines[0]).toMatchObject({ tender: 'cash', overShortCents: -500 });
    const closuresBefore = t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM session_closures')!.n;
    const wrong = await t.call('closeout.approve', { id: uuid(), sessionId, reason: 'five short, recounted', approval: { userId: 'supervisor', pin: '9999' } });
    expect(wrong.ok || wrong.error.code).toBe('WRONG_PIN');
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM session_closures')!.n).toBe(closuresBefore);
    expect((await t.ok('closeout.get', { sessionId })).session.state).toBe('counted');
    await expectRefused(t, 'INVALID_INPUT', () => t.call('closeout.approve', { id: uuid(), sessionId, reason: '', approval: SUPERVISOR }));
    const c = await t.ok('closeout.approve', { id: uuid(), sessionId, reason: 'five short, recounted twice', approval: SUPERVISOR });
    expect(c.session.state).toBe('closed');
    expect(c.closure).toMatchObject({ approvedBy: { id: 'supervisor' }, reason: 'five short, recounted twice' });
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('records a missing check, an extra money order and card settlement totals', async () => {
    const r = await smallDay();
    await pay(t, [{ revenueCode: 'MISC', amountCents: 2000 }], [{ kind: 'card', amountCents: 2000, brand: 'visa', last4: '4242', authCode: 'A1' }]);
    const v = await t.ok('closeout.count', {
      id: uuid(), cash: COUNT_19321,
      items: [{ receiptNumber: r.receiptNumber, tenderNo: 1, present: false }],
      extras: [{ kind: 'money_order', amountCents: 1000, reference: 'MO-9' }],
      cards: [{ brand: 'visa', amountCents: 2000, count: 1 }],
    });
    expect(v.count.items.map((i) => [i.status, i.kind, i.amountCents])).toEqual([['missing', 'check', 7500], ['extra', 'money_order', 1000]]);
    expect(v.count.lines.find((l) => l.tender === 'check')).toMatchObject({ expectedCount: 1, countedCount: 0, overShortCents: -7500 });
    expect(v.count.lines.find((l) => l.tender === 'money_order')).toMatchObject({ expectedCount: 0, countedCount: 1, overShortCents: 1000 });
    expect(v.count.cardLines).toEqual([{ tender: 'card', brand: 'visa', expectedCount: 1, expectedCents: 2000, countedCount: 1, countedCents: 2000, overShortCents: 0 }]);
    expect(v.count.overShortCents).toBe(-6500);
    expect(v.count.overShortAbsCents).toBe(8500);
    expect(v.needsApproval).toBe(true);
  });

  it('reopen by a supervisor keeps the first count in history', async () => {
    const r = await smallDay();
    await t.ok('closeout.count', { id: uuid(), cash: { ...COUNT_19321, bill_2000: 3 }, items: [{ receiptNumber: r.receiptNumber, tenderNo: 1, present: true }] });
    expect((await t.call('closeout.reopen', { id: uuid(), sessionId, reason: 'recount' }, 'cashier')).ok).toBe(false);
    const re = await t.ok('closeout.reopen', { id: uuid(), sessionId, reason: 'a $20 was under the tray' }, 'supervisor');
    expect(re.session.state).toBe('open');
    expect(re.count.current).toBe(false);
    expect((await t.ok('session.current', {}))!.expectedCashCents).toBeNull(); // still blind for the recount
    const v = await t.ok('closeout.count', { id: uuid(), cash: COUNT_19321, items: [{ receiptNumber: r.receiptNumber, tenderNo: 1, present: true }] });
    expect(v.session.state).toBe('closed');
    expect(v.count.seq).toBe(2);
    expect(v.history).toHaveLength(1);
    expect(v.history[0]).toMatchObject({ seq: 1, current: false, overShortCents: -2000 });
    expect(v.reopenings).toHaveLength(1);
    expect(verifyLedger(t.station).ok).toBe(true);
  });
});

describe('bad input writes nothing', () => {
  it('refuses negative and non-whole counts, unknown denominations and unconfirmed items', async () => {
    const r = await smallDay();
    const items = [{ receiptNumber: r.receiptNumber, tenderNo: 1, present: true }];
    await expectRefused(t, 'INVALID_INPUT', () => t.call('closeout.count', { id: uuid(), cash: { bill_2000: -1 }, items }));
    await expectRefused(t, 'INVALID_INPUT', () => t.call('closeout.count', { id: uuid(), cash: { coin_25: 2.5 }, items }));
    await expectRefused(t, 'INVALID_INPUT', () => t.call('closeout.count', { id: uuid(), cash: { coin_3: 1 }, items }));
    await expectRefused(t, 'COUNT_ITEM_UNCONFIRMED', () => t.call('closeout.count', { id: uuid(), cash: COUNT_19321 }));
    await expectRefused(t, 'COUNT_ITEM_TWICE', () => t.call('closeout.count', { id: uuid(), cash: COUNT_19321, items: [...items, ...items] }));
    await expectRefused(t, 'COUNT_ITEM_UNKNOWN', () => t.call('closeout.count', { id: uuid(), cash: COUNT_19321, items: [{ receiptNumber: 'ST01-000001', tenderNo: 1, present: true }] }));
  });

  it('refuses closing a session twice, and a cashier counting a drawer that is not theirs', async () => {
    const r = await smallDay();
    const items = [{ receiptNumber: r.receiptNumber, tenderNo: 1, present: true }];
    const first = uuid();
    await t.ok('closeout.count', { id: first, cash: COUNT_19321, items });
    await expectRefused(t, 'SESSION_ALREADY_CLOSED', () => t.call('closeout.count', { id: uuid(), sessionId, cash: COUNT_19321, items }));
    await expectRefused(t, 'SESSION_ALREADY_CLOSED', () => t.call('closeout.approve', { id: uuid(), sessionId, reason: 'again please', approval: SUPERVISOR }));
    // the same request replayed is not a second close-out
    const again = await t.ok('closeout.count', { id: first, cash: COUNT_19321, items });
    expect(again.count.id).toBe(first);
  });

  it('needs every drop recorded without counts to be counted', async () => {
    await pay(t, [{ revenueCode: 'MISC', amountCents: 50000 }], [cash(50000)]);
    const drop = await t.ok('drawer.drop', { id: uuid(), amountCents: 40000 });
    await expectRefused(t, 'DROP_NOT_COUNTED', () => t.call('closeout.count', { id: uuid(), cash: { ...STANDARD_FLOAT, bill_10000: 1 } }));
    const v = await t.ok('closeout.count', { id: uuid(), cash: { ...STANDARD_FLOAT, bill_10000: 1 }, drops: { [drop.id]: { bill_10000: 4 } } });
    expect(v.count.lines[0]).toMatchObject({ tender: 'cash', expectedCents: 15000 + 10000 + 40000, countedCents: 65000, overShortCents: 0 });
    expect(v.count.drops[0]).toMatchObject({ movementId: drop.id, recordedCents: 40000, counted: { totalCents: 40000 } });
  });
});
