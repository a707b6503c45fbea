// The hub reconciles closed days (issue 15): each figure a station sends when it closes a business day is
// set against the hub's own copy of that station's events, kept, and a mismatch raises a day_mismatch
// exception naming the figure; a receipt charged a fee the hub's schedule for its date gives otherwise
// raises fee_mismatch. A bank-verified deposit difference reaches the GL journal on the day it was
// recorded, and the deposit's own (past) day's file stays byte-identical.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { syncOf } from '../../src/main/sync/service';
import type { WireEvent } from '../../src/shared/hubProtocol';
import type { DayReconciliation } from '../../src/hub/reconcile';
import type { HubDeposit } from '../../src/hub/deposits';
import { makeHub, enrolStation, ENGINE, type TestHub } from '../helpers/hub';
import { makeStation, uuid, type TestStation } from '../helpers/station';
import { closeOutBalanced, postNth } from '../helpers/dayAtCounter';
import { FAST } from '../helpers/syncOptions';
import { push, receiptEvent, sessionEvent } from './events';

let hub: TestHub;
let t: TestStation | undefined;
beforeEach(async () => { hub = await makeHub(); });
afterEach(async () => { t?.cleanup(); t = undefined; await hub?.cleanup(); });

interface Exc { kind: string; detail: string; amountCents: number | null; receiptNumber: string | null }

const DAY = '2026-11-20';

function closedEvent(seq: number, data: Record<string, unknown>): WireEvent {
  return { eventId: uuid(), stationId: 'ST01', seq, kind: 'businessDay.closed', at: '2026-11-21T01:00:00.000Z', data: { day: DAY, stationId: 'ST01', closedBy: 'supervisor', ...data } };
}

describe(`closed days reconciled at the hub (${ENGINE})`, () => {
  it('names each figure that differs, and a fee charged from an old schedule', async () => {
    const { auth } = await enrolStation(hub, 'ST01');
    // $42.50 cash (a $50 note, $7.50 change), a $100.00 check, and a business licence for 8 employees
    // charged $135.00 — the 2025 tier; from 2026-01-01 the hub's schedule gives $150.00 — on a card.
    const licence = receiptEvent('ST01', 4, 3, { account: null, code: 'BLIC', cents: 13500, tender: 'card' });
    (licence.data as { lines: { feeInputs: unknown }[] }).lines[0]!.feeInputs = { quantity: 8 };
    const events = [sessionEvent('ST01', 1), receiptEvent('ST01', 2, 1, { cents: 4250 }), receiptEvent('ST01', 3, 2, { cents: 10000, tender: 'check' }), licence];
    // The station says 4 receipts for $297.50 and $62.50 of cash: $20.00 of cash more than the hub holds.
    events.push(closedEvent(5, {
      collections: {
        receipts: { count: 4 }, totalCents: 29750,
        byTender: [{ kind: 'cash', count: 2, netCents: 6250 }, { kind: 'check', count: 1, netCents: 10000 }, { kind: 'money_order', count: 0, netCents: 0 }, { kind: 'card', count: 1, netCents: 13500 }, { kind: 'other', count: 0, netCents: 0 }],
      },
      closeouts: { sessionIds: [], totalCents: 0, overShortCents: 0 },
      returnedChecks: { count: 0, totalCents: 0, feesCents: 0 },
      netCents: 29750,
      deposits: { count: 0, totalCents: 0 },
    }));
    expect((await push(hub.url, auth, events)).status).toBe(200);

    const exc = await hub.admin<Exc[]>('GET', '/v1/admin/exceptions');
    expect(exc.filter((e) => e.kind === 'fee_mismatch')).toEqual([expect.objectContaining({
      receiptNumber: 'ST01-000003', amountCents: -1500,
      detail: "receipt ST01-000003 line 1: BLIC was charged $135.00 on 2026-11-20; the hub's schedule from 2026-01-01 gives $150.00",
    })]);
    const day = exc.filter((e) => e.kind === 'day_mismatch');
    expect(day.map((e) => [e.detail, e.amountCents])).toEqual([
      ['business day 2026-11-20 closed at ST01: number of receipts [receipts.count] is 4 at the station and 3 at the hub', null],
      ['business day 2026-11-20 closed at ST01: receipts total [receipts.total] is $297.50 at the station and $277.50 at the hub', 2000],
      ['business day 2026-11-20 closed at ST01: cash tenders (net of change) [tender.cash] is $62.50 at the station and $42.50 at the hub', 2000],
    ]);

    // Every figure compared is on record, the matching ones too.
    const rec = await hub.admin<DayReconciliation[]>('GET', `/v1/admin/reconciliations?day=${DAY}`);
    const byFigure = Object.fromEntries(rec.map((r) => [r.figure, [r.stationValue, r.hubValue, r.matches]]));
    expect(byFigure).toEqual({
      'receipts.count': [4, 3, false], 'receipts.total': [29750, 27750, false],
      'tender.card': [13500, 13500, true], 'tender.cash': [6250, 4250, false], 'tender.check': [10000, 10000, true],
      'tender.money_order': [0, 0, true], 'tender.other': [0, 0, true], over_short: [0, 0, true],
      'returned_checks.count': [0, 0, true], 'returned_checks.total': [0, 0, true], 'deposits.count': [0, 0, true], 'deposits.total': [0, 0, true],
    });
  });

  it('a day the station and the hub agree on raises nothing; a bank difference is booked on the day recorded, the past file unchanged', async () => {
    t = await makeStation();
    syncOf(t.station, FAST);
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
    await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
    const session = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    for (let i = 0; i < 9; i++) await postNth(t, i);
    await closeOutBalanced(t);
    const day = session.businessDay;
    const d = await t.ok('deposit.create', { id: uuid(), sessionIds: [session.id] }, 'supervisor');
    await t.ok('deposit.prepare', { depositId: d.id!, bagNumber: 'BAG-7' }, 'supervisor');
    await t.ok('businessDay.close', { businessDay: day }, 'supervisor');
    expect(await t.ok('sync.now', {})).toMatchObject({ state: 'online', pendingCount: 0 });

    expect(await hub.admin<unknown[]>('GET', '/v1/admin/exceptions')).toEqual([]);
    const rec = await hub.admin<DayReconciliation[]>('GET', `/v1/admin/reconciliations?day=${day}`);
    expect(rec.length).toBeGreaterThanOrEqual(12);
    expect(rec.filter((r) => !r.matches)).toEqual([]);
    expect(rec.find((r) => r.figure === 'deposits.total')).toMatchObject({ stationValue: d.totalCents, hubValue: d.totalCents });
    expect(rec.find((r) => r.figure === 'receipts.count')).toMatchObject({ stationValue: 9, hubValue: 9 });
    const before = await hub.adminText(`/v1/admin/exports/gl-journal?day=${day}`);

    // The next day the bank confirms $5.00 less than the bag.
    t.clock.advance(24 * 3600_000);
    const next = t.station.businessDay();
    expect(next > day).toBe(true);
    const v = await t.ok('deposit.verify', { depositId: d.id!, bankConfirmedCents: d.totalCents - 500, note: 'one $5 note short' }, 'supervisor');
    expect(v).toMatchObject({ differenceCents: -500, differenceDay: next });
    expect(await t.ok('sync.now', {})).toMatchObject({ state: 'online', pendingCount: 0 });

    expect(await hub.adminText(`/v1/admin/exports/gl-journal?day=${day}`)).toBe(before);
    const gl = await hub.adminText(`/v1/admin/exports/gl-journal?day=${next}`);
    expect(gl.split('\r\n').filter(Boolean).slice(1)).toEqual([
      `${next},001,0000,36920,5.00,,Bank deposit differences recorded ${next}`,
      `${next},001,0000,10110,,5.00,Bank deposit differences recorded ${next}`,
    ]);
    const [hd] = await hub.admin<HubDeposit[]>('GET', `/v1/admin/deposits?day=${day}`);
    expect(hd).toMatchObject({ state: 'verified', differenceCents: -500, recordedDay: next });
  });

  it('books cash rounded to 5¢ on its own GL account, and the receipt applies', async () => {
    const { auth } = await enrolStation(hub, 'ST01');
    // $10.03 paid with $10.05 in cash (2¢ rounded on), $10.02 paid with $20.00 (2¢ off, $10.00 change), $20.01 with $20.00 (1¢ off).
    const rounded = (seq: number, n: number, cents: number, tendered: number, rounding: number) => {
      const e = receiptEvent('ST01', seq, n, { account: null, code: 'MISC', cents });
      Object.assign(e.data as object, { tenderedCents: tendered, changeCents: tendered - cents - rounding, cashRoundingCents: rounding });
      (e.data as { tenders: { amountCents: number }[] }).tenders[0]!.amountCents = tendered;
      return e;
    };
    expect((await push(hub.url, auth, [sessionEvent('ST01', 1), rounded(2, 1, 1003, 1005, 2), rounded(3, 2, 1002, 2000, -2), rounded(4, 3, 2001, 2000, -1)])).status).toBe(200);
    expect(await hub.admin<unknown[]>('GET', '/v1/admin/exceptions')).toEqual([]);
    // Cash in: $10.05 + $10.00 + $20.00 = $40.05; revenue $40.06; rounding −1¢ net, a debit.
    const gl = (await hub.adminText(`/v1/admin/exports/gl-journal?day=${DAY}`)).split('\r\n').filter(Boolean).slice(1);
    expect(gl).toEqual([
      `${DAY},001,0000,10110,40.05,,"Undeposited funds: cash, checks, money orders"`,
      `${DAY},001,1900,36900,,40.06,Counter revenue ${DAY}`,
      `${DAY},001,0000,36930,0.01,,Cash rounding to 5 cents ${DAY}`,
    ]);
  });
});
