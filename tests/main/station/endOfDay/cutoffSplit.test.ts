// A session that runs past the cut-off (issue 15): its Z report gives each business day's share, each
// day's daily summary shows the session with that day's receipts (marked split), its over/short counts once
// (on the day it was opened), and every total still equals the sum of the receipts.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { makeStation, SettableClock, uuid, type TestStation } from '../../../helpers/station';
import { cashCounts, closeOutBalanced } from '../../../helpers/dayAtCounter';
import { cash, check, pay } from './helpers';

let t: TestStation;
// 16:30 in Los Angeles on 2026-11-20: half an hour before the 17:00 cut-off.
const BEFORE_CUTOFF = new Date('2026-11-21T00:30:00Z');
beforeEach(async () => { t = await makeStation({ clock: new SettableClock(new Date(BEFORE_CUTOFF)) }); });
afterEach(() => t.cleanup());

const MIN = 60_000;

describe('a session past the cut-off', () => {
  it('is split by business day in its Z report and in both days\' summaries, the over/short counted once', async () => {
    const acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
    const s = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    expect(s.businessDay).toBe('2026-11-20');
    await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 4000 }], [cash(4000)]);
    const c = await pay(t, [{ revenueCode: 'MISC', amountCents: 2550 }], [check(2550, '501')]);
    t.clock.advance(40 * MIN); // 17:10: the next business day
    expect(t.station.businessDay()).toBe('2026-11-21');
    await pay(t, [{ revenueCode: 'SEWER', accountNumber: acct, amountCents: 1225 }], [cash(2000)]);
    await pay(t, [{ revenueCode: 'MISC', amountCents: 3000 }], [{ kind: 'card', amountCents: 3000, brand: 'visa', last4: '4242', authCode: 'A1' }]);

    // Counted 25¢ short: $150.00 + $40.00 + $12.25 = $202.25 expected, $202.00 in the drawer.
    const list = await t.ok('closeout.start', {});
    const v = await t.ok('closeout.count', {
      id: uuid(), cash: cashCounts(20200), cards: [{ brand: 'visa', amountCents: 3000, count: 1 }],
      items: list.items.map((x) => ({ receiptNumber: x.receiptNumber, tenderNo: x.tenderNo, present: true })),
    });
    expect(v.session.state).toBe('closed');
    expect(c.receiptNumber).toBe('ST01-000002');

    const z = await t.ok('report.z', { sessionId: s.id });
    expect(z.receipts).toMatchObject({ count: 4, totalCents: 10775 });
    expect(z.byBusinessDay.map((d) => [d.businessDay, d.receipts.count, d.receipts.totalCents])).toEqual([['2026-11-20', 2, 6550], ['2026-11-21', 2, 4225]]);
    const net = (d: (typeof z.byBusinessDay)[number], kind: string) => d.byTender.find((x) => x.kind === kind)!.netCents;
    expect([net(z.byBusinessDay[0]!, 'cash'), net(z.byBusinessDay[0]!, 'check'), net(z.byBusinessDay[1]!, 'cash'), net(z.byBusinessDay[1]!, 'card')]).toEqual([4000, 2550, 1225, 3000]);

    const d1 = await t.ok('report.dailySummary', { businessDay: '2026-11-20' }, 'supervisor');
    const d2 = await t.ok('report.dailySummary', { businessDay: '2026-11-21' }, 'supervisor');
    expect(d1.collections.totalCents).toBe(6550);
    expect(d2.collections.totalCents).toBe(4225);
    expect(d1.closeouts.sessions).toEqual([expect.objectContaining({ sessionId: s.id, receiptCount: 2, totalCents: 6550, overShortCents: -25, split: { days: ['2026-11-20', '2026-11-21'], overShortOn: '2026-11-20' } })]);
    expect(d2.closeouts.sessions).toEqual([expect.objectContaining({ sessionId: s.id, receiptCount: 2, totalCents: 4225, overShortCents: null, split: { days: ['2026-11-20', '2026-11-21'], overShortOn: '2026-11-20' } })]);
    expect([d1.closeouts.totalCents, d1.closeouts.overShortCents, d2.closeouts.totalCents, d2.closeouts.overShortCents]).toEqual([6550, -25, 4225, 0]);
    expect(d1.collections.byCashier[0]).toMatchObject({ receiptCount: 2, totalCents: 6550, overShortCents: -25 });
    expect(d2.collections.byCashier[0]).toMatchObject({ receiptCount: 2, totalCents: 4225, overShortCents: 0 });

    // Both days close, each with its own share.
    await t.ok('businessDay.close', { businessDay: '2026-11-20' }, 'supervisor');
    await t.ok('businessDay.close', { businessDay: '2026-11-21' }, 'supervisor');
    const closed = t.station.st.sqlAll<{ day: string; collections_cents: number }>('SELECT day, collections_cents FROM business_days ORDER BY day');
    expect(closed).toEqual([{ day: '2026-11-20', collections_cents: 6550 }, { day: '2026-11-21', collections_cents: 4225 }]);
  });

  it('property: the days split at the cut-off add up to the session, receipt by receipt', async () => {
    const acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
    let run = 0;
    await fc.assert(fc.asyncProperty(
      // Minutes after 16:00 local (the cut-off is at minute 60) and amounts, in the order they are taken.
      fc.array(fc.record({ gap: fc.integer({ min: 0, max: 25 }), cents: fc.integer({ min: 1, max: 50_000 }) }), { minLength: 1, maxLength: 12 }),
      async (receipts) => {
        // A day for each run: 16:00 in Los Angeles (00:00 UTC while on standard time: late November to February).
        const day0 = new Date(Date.parse('2026-11-23T00:00:00Z') + 2 * 24 * 3600_000 * (run++ % 40));
        t.clock.t = day0;
        const s = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
        try {
        const byDay = new Map<string, { n: number; total: number }>();
        let minute = 0;
        for (const r of receipts) {
          minute += r.gap;
          t.clock.t = new Date(day0.getTime() + minute * MIN);
          // After the cut-off: the next local date, which is day0's UTC date.
          const expectedDay = minute >= 60 ? day0.toISOString().slice(0, 10) : s.businessDay;
          await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: r.cents }], [cash(r.cents)]);
          const x = byDay.get(expectedDay) ?? { n: 0, total: 0 };
          byDay.set(expectedDay, { n: x.n + 1, total: x.total + r.cents });
        }
        const z = await t.ok('report.x', { sessionId: s.id }, 'supervisor');
        expect(z.byBusinessDay.map((d) => [d.businessDay, d.receipts.count, d.receipts.totalCents])).toEqual([...byDay].sort().map(([d, v]) => [d, v.n, v.total]));
        expect(z.byBusinessDay.reduce((a, d) => a + d.receipts.totalCents, 0)).toBe(z.receipts.totalCents);
        let sum = 0;
        for (const d of byDay.keys()) {
          const summary = await t.ok('report.dailySummary', { businessDay: d }, 'supervisor');
          const line = summary.closeouts.sessions.find((x) => x.sessionId === s.id)!;
          expect(line.totalCents).toBe(byDay.get(d)!.total);
          expect(line.split === null).toBe(byDay.size === 1 && d === s.businessDay);
          sum += line.totalCents;
        }
        expect(sum).toBe(z.receipts.totalCents);
        } finally {
          await closeOutBalanced(t);
        }
      },
    ), { numRuns: 15 });
  });
});
