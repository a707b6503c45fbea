// Issue 10: a push the hub refuses for good (a 4xx retrying cannot change) puts the station in SYNC
// STOPPED with the hub's reason, and the station stops sending that event blindly: the directory still
// comes in, payments are still taken, and an admin sends the refused events again (journalled).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { syncOf } from '../../../src/main/sync/service';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';
import { push } from '../../hub/events';

let hub: TestHub;
let t: TestStation;
beforeEach(async () => {
  hub = await makeHub();
  t = await makeStation();
  syncOf(t.station, FAST);
});
afterEach(async () => { t?.cleanup(); await hub?.cleanup(); });

const pay = (cents: number) => t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: '100000-64', amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents }] });

describe(`a push the hub refuses for good (${ENGINE})`, () => {
  it('shows SYNC STOPPED with the hub’s reason, stops resending, keeps pulling, and an admin sends again', async () => {
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
    await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    expect((await t.ok('sync.now', {})).state).toBe('online');
    // Another PC with this station's identity takes the next seq at the hub: the station's own event
    // at that seq is then refused with 409 SEQ_CONFLICT on every try.
    const link = t.station.st.sqlGet<{ station_id: string; secret: string }>('SELECT station_id, secret FROM hub_link WHERE id = 1')!;
    const auth = 'Basic ' + Buffer.from(`${link.station_id}:${link.secret}`).toString('base64');
    const next = t.station.st.sqlGet<{ s: number }>('SELECT MAX(seq) AS s FROM outbox')!.s + 1;
    expect((await push(hub.url, auth, [{ eventId: randomUUID(), stationId: 'ST01', seq: next, kind: 'other.pc', at: '2026-11-20T17:00:00.000Z', data: {} }])).status).toBe(200);

    await pay(1500);
    t.clock.advance(1000);
    const s = await t.ok('sync.now', {});
    expect(s.state).toBe('refused');
    expect(s.refused).toMatchObject({ status: 409, code: 'SEQ_CONFLICT', seq: next });
    expect(s.refused!.message).toMatch(/already holds a different event/);
    expect(s.pendingCount).toBe(1);
    const firstAt = s.refused!.at;
    // While refused the loop waits its idle pace (a minute here): it does not spin, pulling and publishing.
    let cycles = 0;
    const count = () => { cycles++; };
    t.station.events.on('directory.pulled', count);
    await new Promise((r) => setTimeout(r, 500));
    t.station.events.off('directory.pulled', count);
    expect(cycles).toBeLessThanOrEqual(1);

    // Not retried blindly: later cycles do not push (the refusal stands as it was), but they still pull.
    await hub.admin('POST', '/v1/admin/directory/users', [{ id: 'cashier', name: 'Casey Renamed', role: 'cashier', pin: '4321' }]);
    t.clock.advance(60_000);
    const later = await t.ok('sync.now', {});
    expect(later.state).toBe('refused');
    expect(later.refused!.at).toBe(firstAt);
    expect(later.lastSuccessAt).not.toBe(s.lastSuccessAt);
    expect(t.station.st.sqlGet<{ name: string }>("SELECT name FROM users WHERE id = 'cashier'")!.name).toBe('Casey Renamed');
    // Payments are still taken while stopped.
    await pay(700);
    expect((await t.ok('sync.status', {})).pendingCount).toBe(2);

    // Only an admin sends again; the hub refuses again (nothing changed there), with a new time.
    const cashier = await t.call('sync.retryRefused', {}, 'cashier');
    expect(cashier.ok).toBe(false);
    t.clock.advance(1000);
    const again = await t.ok('sync.retryRefused', {}, 'admin');
    expect(again.state).toBe('refused');
    expect(again.refused!.at).not.toBe(firstAt);
    const journal = t.station.st.sqlAll<{ kind: string }>("SELECT kind FROM journal WHERE kind = 'sync.refusalCleared'");
    expect(journal).toHaveLength(1);
  });

  it('a hub that is down (5xx) is offline, never SYNC STOPPED', async () => {
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
    await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
    await hub.stop();
    await pay(100).catch(() => undefined);
    const s = await t.ok('sync.now', {});
    expect(s.state).toBe('offline');
    expect(s.refused).toBeNull();
    await hub.start();
  });
});
