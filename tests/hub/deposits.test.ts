// Deposits and closed business days reach the city: the hub applies deposit.created/prepared/verified
// and businessDay.closed to its tables, and shows each station's deposit (bag number, totals, the
// bank's amount and the difference) and day closure as the station has them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { syncOf } from '../../src/main/sync/service';
import type { HubBusinessDay, HubDeposit } from '../../src/hub/deposits';
import { makeStation, uuid, type TestStation } from '../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../helpers/hub';
import { closeOutBalanced, postNth } from '../helpers/dayAtCounter';
import { FAST } from '../helpers/syncOptions';

let hub: TestHub;
let t: TestStation;
beforeEach(async () => {
  hub = await makeHub();
  t = await makeStation();
  syncOf(t.station, FAST);
});
afterEach(async () => { t?.cleanup(); await hub?.cleanup(); });

async function synced(): Promise<void> {
  expect(await t.ok('sync.now', {})).toMatchObject({ state: 'online', pendingCount: 0, lastError: null });
}

describe(`deposits and business days on the hub (${ENGINE})`, () => {
  it('shows each step of a deposit and the closed day as the station has them', async () => {
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
    await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
    const session = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    for (let i = 0; i < 12; i++) await postNth(t, i);
    await closeOutBalanced(t);
    const day = session.businessDay;
    const created = await t.ok('deposit.create', { id: uuid(), sessionIds: [session.id] }, 'supervisor');
    const id = created.id!;
    await synced();

    const draft = await hub.admin<HubDeposit[]>('GET', `/v1/admin/deposits?day=${day}`);
    expect(draft).toEqual([expect.objectContaining({
      depositId: id, stationId: 'ST01', businessDays: [day], state: 'draft', bank: created.bank, sessions: 1,
      items: created.checks.count + created.moneyOrders.count, cashCents: created.cash.deposited.totalCents, checksCents: created.checks.totalCents,
      moneyOrdersCents: created.moneyOrders.totalCents, totalCents: created.totalCents, bagNumber: null, bankConfirmedCents: null, differenceCents: null,
    })]);
    expect(created.totalCents).toBeGreaterThan(0);

    await t.ok('deposit.prepare', { depositId: id, bagNumber: 'BAG-0042' }, 'supervisor');
    // The bank counted $5.00 less than the bag says: the difference is the city's to see.
    const verified = await t.ok('deposit.verify', { depositId: id, bankConfirmedCents: created.totalCents - 500, note: 'bank short one $5 bill' }, 'supervisor');
    const closed = await t.ok('businessDay.close', { businessDay: day }, 'supervisor');
    expect(closed.closed).toBe(true);
    await synced();

    const [d] = await hub.admin<HubDeposit[]>('GET', `/v1/admin/deposits?day=${day}&station=ST01`);
    expect(d).toMatchObject({
      depositId: id, state: 'verified', bagNumber: 'BAG-0042', totalCents: verified.totalCents,
      bankConfirmedCents: verified.totalCents - 500, differenceCents: -500, verifyNote: 'bank short one $5 bill',
    });
    expect(d!.preparedAt).toBe(verified.preparedAt);
    expect(d!.verifiedAt).toBe(verified.verifiedAt);
    expect(await hub.admin<HubDeposit[]>('GET', `/v1/admin/deposits?day=${day}&station=ST02`)).toEqual([]);
    expect(await hub.admin<HubDeposit[]>('GET', '/v1/admin/deposits?day=2000-01-01')).toEqual([]);

    const summary = await t.ok('report.dailySummary', { businessDay: day }, 'supervisor');
    const days = await hub.admin<HubBusinessDay[]>('GET', `/v1/admin/business-days?day=${day}`);
    expect(days).toEqual([expect.objectContaining({
      stationId: 'ST01', businessDay: day, closedAt: closed.closedAt, closedBy: 'supervisor', receipts: summary.collections.receipts.count,
      collectionsCents: summary.collections.totalCents, closeoutsCents: summary.closeouts.totalCents, overShortCents: 0,
      returnedChecks: 0, returnedChecksCents: 0, returnedFeesCents: 0, netCents: summary.net.totalCents,
    })]);
    expect(summary.collections.receipts.count).toBe(12);

    // Nothing was stored twice and nothing raised an exception.
    expect(await hub.db.kysely.selectFrom('deposit_steps').select('step').orderBy('event_seq').execute()).toEqual([{ step: 'prepared' }, { step: 'verified' }]);
    expect(await hub.admin<unknown[]>('GET', '/v1/admin/exceptions')).toEqual([]);
  });
});
