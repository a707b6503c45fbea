// Offline all day: the hub is down from opening to deposit. The station posts, voids, drops, closes
// out and prepares the deposit; its outbox survives a restart of the station; when the hub returns
// everything reaches it exactly once, each payment marked as taken offline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { Station } from '../../../src/main/station/station';
import { syncOf } from '../../../src/main/sync/service';
import type { DailyTotals } from '../../../src/hub/totals';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { closeOutBalanced, postNth, stationCloseoutTotals } from '../../helpers/dayAtCounter';
import { FAST } from '../../helpers/syncOptions';

let hub: TestHub;
let t: TestStation;
beforeEach(async () => {
  hub = await makeHub();
  t = await makeStation();
  syncOf(t.station, FAST);
});
afterEach(async () => { t?.cleanup(); await hub?.cleanup(); });

describe(`a day with the hub down (${ENGINE})`, () => {
  it('posts, closes out and prepares the deposit offline, then syncs everything once', async () => {
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
    await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
    expect((await t.ok('sync.now', {})).directory.complete).toBe(true);
    await hub.stop();
    // The loop finds out at its next attempt (at once here; within its idle interval at a real counter).
    expect((await t.ok('sync.now', {})).state).toBe('offline');

    const session = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const receipts: Awaited<ReturnType<typeof postNth>>[] = [];
    for (let i = 0; i < 30; i++) receipts.push(await postNth(t, i));
    await t.ok('receipt.void', { id: uuid(), receiptNumber: receipts[4]!.receiptNumber, reason: 'wrong account', approval: { userId: 'supervisor', pin: '2222' } });
    await t.ok('drawer.drop', { id: uuid(), amountCents: 10000, counts: { bill_2000: 5 } });
    await t.ok('drawer.paidOut', { id: uuid(), amountCents: 1500, reason: 'deposit refund', approval: { userId: 'supervisor', pin: '2222' } });
    await closeOutBalanced(t);
    const deposit = await t.ok('deposit.create', { id: uuid(), sessionIds: [session.id] }, 'supervisor');
    await t.ok('deposit.prepare', { depositId: deposit.id!, bagNumber: 'BAG-0042' }, 'supervisor');

    const offline = await t.ok('sync.now', {});
    expect(offline.state).toBe('offline');
    const outboxCount = t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM outbox')!.n;
    expect(offline.pendingCount).toBe(outboxCount);
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM offline_receipts')!.n).toBe(30);

    // The station is restarted (power cut at the end of the day): the outbox is still there.
    t.station.close();
    const station = await Station.open(t.path, t.clock);
    t.station = station;
    const loop = syncOf(station, FAST);
    expect(loop.status().pendingCount).toBe(outboxCount);

    await hub.start();
    const back = await loop.syncNow();
    expect(back).toMatchObject({ state: 'online', pendingCount: 0, lastError: null });

    const onHub = await hub.db.kysely.selectFrom('events').select(['seq', 'payload']).orderBy('seq').execute();
    expect(onHub).toEqual(station.st.sqlAll('SELECT seq, payload FROM outbox ORDER BY seq'));
    const kinds = new Set(onHub.map((e) => (JSON.parse(e.payload) as { kind: string }).kind));
    for (const k of ['session.opened', 'receipt.posted', 'receipt.voided', 'receipt.offline', 'drawer.drop', 'drawer.paid_out', 'closeout.counted', 'session.closed', 'deposit.created', 'deposit.prepared']) {
      expect(kinds, k).toContain(k);
    }
    const day = session.businessDay;
    const totals = await hub.admin<DailyTotals>('GET', `/v1/admin/totals?day=${day}`);
    expect(totals.closeouts.byTender).toEqual(stationCloseoutTotals(t, day));
    expect(totals.receipts).toBe(29);
    const cis = (await hub.adminText(`/v1/admin/exports/cis-payments?day=${day}`)).trim().split('\r\n').slice(1);
    expect(cis.length).toBeGreaterThan(0);
    expect(cis.every((row) => row.endsWith(`,Y,${day},counter`))).toBe(true);
    expect(cis.some((row) => row.includes(receipts[4]!.receiptNumber))).toBe(false);
  });
});
