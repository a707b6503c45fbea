import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { cash, check, expectRefused, pay } from './helpers';

let t: TestStation;
let acct: string;

beforeEach(async () => {
  t = await makeStation(); // 2026-11-20 09:30 in Los Angeles
  acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
});
afterEach(() => t.cleanup());

describe('business day', () => {
  it('moves receipts after the cut-off to the next day, and a closed day takes no postings', async () => {
    const s = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
    const a = await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 1000 }], [cash(1000)]);
    const ck = await pay(t, [{ revenueCode: 'MISC', amountCents: 500 }], [check(500, '61')]);
    expect(a.businessDay).toBe('2026-11-20');
    await expectRefused(t, 'DAY_HAS_OPEN_SESSIONS', () => t.call('businessDay.close', { businessDay: '2026-11-20' }, 'supervisor'));
    await expectRefused(t, 'DAY_NOT_BEGUN', () => t.call('businessDay.close', { businessDay: '2026-11-21' }, 'supervisor'));
    await t.ok('closeout.count', { id: uuid(), cash: { ...STANDARD_FLOAT, bill_1000: 5 }, items: [{ receiptNumber: ck.receiptNumber, tenderNo: 1, present: true }] });
    const closed = await t.ok('businessDay.close', { businessDay: '2026-11-20' }, 'supervisor');
    expect(closed).toMatchObject({ day: '2026-11-20', closed: true, closedBy: { id: 'supervisor' }, current: true, sessionsNotClosed: 0 });
    await expectRefused(t, 'DAY_ALREADY_CLOSED', () => t.call('businessDay.close', { businessDay: '2026-11-20' }, 'supervisor'));
    // before the cut-off the day is still today's: no drawer opens into it
    await expectRefused(t, 'BUSINESS_DAY_CLOSED', () => t.call('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT }));
    await expectRefused(t, 'BUSINESS_DAY_CLOSED', () => t.call('closeout.reopen', { id: uuid(), sessionId: s, reason: 'recount' }, 'supervisor'));
    await expectRefused(t, 'BUSINESS_DAY_CLOSED', () => t.call('returnedCheck.record', { id: uuid(), receiptNumber: ck.receiptNumber, tenderNo: 1, reason: 'nsf' }, 'supervisor'));
    // 17:05 local: past the cut-off, the next business day
    t.clock.advance((7 * 60 + 35) * 60_000);
    expect((await t.ok('businessDay.status', {})).day).toBe('2026-11-21');
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const b = await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 2000 }], [cash(2000)]);
    expect(b.businessDay).toBe('2026-11-21');
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('daily summary: by revenue code, GL account, tender and cashier, equal to the sum of the close-outs; CSV exports', async () => {
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 4321 }, { revenueCode: 'SEWER', accountNumber: acct, amountCents: 1000 }], [cash(6000)], '=HYPERLINK("x")');
    const c = await pay(t, [{ revenueCode: 'BLIC', feeInputs: { quantity: 3 } }], [check(7500, '1234')]);
    await pay(t, [{ revenueCode: 'MISC', amountCents: 999 }], [{ kind: 'card', amountCents: 999, brand: 'visa', last4: '1111', authCode: 'OK1' }]);
    const v = await pay(t, [{ revenueCode: 'MISC', amountCents: 100 }], [cash(100)]);
    await t.ok('receipt.void', { id: uuid(), receiptNumber: v.receiptNumber, reason: 'wrong code', approval: { userId: 'supervisor', pin: '2222' } });
    const z = await t.ok('closeout.count', { id: uuid(), cash: { ...STANDARD_FLOAT, bill_2000: 4, bill_100: 33, coin_10: 27, coin_1: 51 }, items: [{ receiptNumber: c.receiptNumber, tenderNo: 1, present: true }], cards: [{ brand: 'visa', amountCents: 999 }] });
    expect(z.session.state).toBe('closed');
    const d = await t.ok('report.dailySummary', { businessDay: '2026-11-20' }, 'supervisor');
    expect(d.collections.totalCents).toBe(4321 + 1000 + 7500 + 999);
    expect(d.collections.totalCents).toBe(d.closeouts.totalCents);
    expect(d.collections.byRevenueCode.map((r) => [r.revenueCode, r.totalCents])).toEqual([['BLIC', 7500], ['MISC', 999], ['SEWER', 1000], ['WATER', 4321]]);
    expect(d.collections.byGlAccount.find((g) => g.glAccount === '001-1310-32110')?.totalCents).toBe(7500);
    expect(d.collections.byTender.map((x) => [x.kind, x.netCents])).toEqual([['cash', 5321], ['check', 7500], ['money_order', 0], ['card', 999], ['other', 0]]);
    expect(d.collections.byCashier).toEqual([{ cashier: { id: 'cashier', name: 'Casey Cashier' }, sessionCount: 1, receiptCount: 3, totalCents: 13820, overShortCents: 0 }]);
    expect(d.collections.voids).toEqual({ count: 1, totalCents: 100 });
    const zr = await t.ok('report.z', { sessionId: z.session.id });
    expect(zr.receipts.totalCents).toBe(d.collections.totalCents);

    const csv = await t.ok('export.dailySummary', { businessDay: '2026-11-20' }, 'supervisor');
    expect(csv.filename).toBe('daily-summary-ST01-2026-11-20.csv');
    expect(csv.content).toContain('2026-11-20,revenue_code,WATER,Water bill payment,401-3410-34340,1,43.21\r\n');
    expect(csv.content).toContain('2026-11-20,collections_total,,,,3,138.20\r\n');
    const j = await t.ok('export.receiptsJournal', { businessDay: '2026-11-20' }, 'supervisor');
    expect(j.rows).toBe(5); // 2 + 1 + 1 lines, and the void's line marked void
    expect(j.content).toContain(`"'=HYPERLINK(""x"")"`); // a payer name is never a spreadsheet formula
    expect(j.content).toMatch(/void,ST01-000004,.*,MISC,001-1900-36900,,1\.00,1\.00,cash 1\.00,0\.00,wrong code/);
    expect((await t.ok('export.receiptsJournal', { businessDay: '2026-11-20' }, 'supervisor')).content).toBe(j.content);
  });
});
