// The hub's judgement of an arrangement from the payments it holds (a pure function; the review that
// loads and writes the rows is tested end to end in arrangements.test.ts).
import { describe, expect, it } from 'vitest';
import { judge, paymentsFor, type HubArrangement, type HubPayment } from '../../src/hub/arrangementJudge';

const plan: HubArrangement = {
  id: 'a1', number: 'ST01-PA00001', accountNumber: '100001-11', createdAt: '2026-11-20T17:30:00.000Z', downReceiptId: 'r0', graceDays: 10, timeZone: 'America/Los_Angeles',
  totalCents: 30_000, instalments: [{ no: 0, dueDate: '2026-11-20', amountCents: 10_000 }, { no: 1, dueDate: '2026-12-20', amountCents: 10_000 }, { no: 2, dueDate: '2027-01-20', amountCents: 10_000 }],
};
const p = (receiptId: string, businessDay: string, amountCents: number, at = `${businessDay}T18:00:00.000Z`): HubPayment => ({ receiptId, receiptNumber: `ST01-${receiptId}`, businessDay, at, amountCents, eventId: `e-${receiptId}` });
const down = p('r0', '2026-11-20', 10_000, '2026-11-20T17:30:00.000Z');
const open = { cancelledAt: null, brokenOn: null };

describe('judging an arrangement at the hub', () => {
  it('counts its own down payment and later payments only, not another arrangement’s down payment nor earlier receipts', () => {
    const all = [p('old', '2026-11-19', 5_000), down, p('r1', '2026-12-10', 4_000), p('other-down', '2026-12-11', 9_000), p('r1', '2027-01-02', -4_000, '2027-01-02T20:00:00.000Z')];
    expect(paymentsFor(plan, all, new Set(['other-down'])).map((x) => [x.receiptId, x.amountCents])).toEqual([['r0', 10_000], ['r1', 4_000], ['r1', -4_000]]);
  });

  it('stays active within the grace days, breaks the day after them on what was paid by then, and is kept when paid in full', () => {
    const partial = [down, p('r1', '2026-12-28', 6_000)];
    expect(judge(plan, partial, open, '2026-12-30')).toMatchObject({ status: 'active', paidCents: 16_000, nextDeadline: '2026-12-30', breaks: null });
    expect(judge(plan, partial, open, '2026-12-31')).toMatchObject({ status: 'broken', breaks: { instalmentNo: 1, dueDate: '2026-12-20', brokenOn: '2026-12-31', missedCents: 4_000 } });
    // Paid on the last day of grace: kept going; paid a day late: broken.
    expect(judge(plan, [...partial, p('r2', '2026-12-30', 4_000)], open, '2027-01-05').status).toBe('active');
    expect(judge(plan, [...partial, p('r2', '2026-12-31', 4_000)], open, '2027-01-05').status).toBe('broken');
    expect(judge(plan, [down, p('r1', '2026-12-01', 25_000)], open, '2027-06-01')).toMatchObject({ status: 'completed', paidCents: 30_000, nextDeadline: null });
  });

  it('a returned check takes a payment back; a break is final; a cancelled arrangement counts nothing after it', () => {
    const bounced = [down, p('r1', '2026-12-15', 10_000), p('r1', '2026-12-22', -10_000)];
    expect(judge(plan, bounced, open, '2026-12-31')).toMatchObject({ status: 'broken', breaks: { instalmentNo: 1 } });
    expect(judge(plan, [down], { cancelledAt: '2026-11-25T18:00:00.000Z', brokenOn: null }, '2027-06-01')).toMatchObject({ status: 'cancelled', breaks: null });
    const after = judge(plan, [down, p('r5', '2027-01-02', 20_000)], { cancelledAt: null, brokenOn: '2026-12-31' }, '2027-02-01');
    expect(after).toMatchObject({ status: 'broken', paidCents: 10_000, breaks: null, paidInTimeAfterAll: false });
  });

  it('sees a payment taken in time that reached the hub after the break', () => {
    const late = judge(plan, [down, p('r9', '2026-12-19', 10_000)], { cancelledAt: null, brokenOn: '2026-12-31' }, '2027-01-03');
    expect(late).toMatchObject({ status: 'broken', paidInTimeAfterAll: true });
  });
});
