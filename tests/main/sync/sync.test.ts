// The station's sync loop against a real hub over HTTP: enrolment, push, directory pull (users, codes,
// accounts), exceptions back to the station and resolved there, offline marking and backoff.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { syncOf } from '../../../src/main/sync/service';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';


let hub: TestHub;
let t: TestStation;
beforeEach(async () => {
  hub = await makeHub();
  t = await makeStation();
  syncOf(t.station, FAST);
});
afterEach(async () => { t?.cleanup(); await hub?.cleanup(); });

async function enrol(): Promise<void> {
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
  const s = await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
  expect(s.enrolled).toBe(true);
}

const pay = (account: string, cents: number) => t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: account, amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents }] });

describe(`station sync (${ENGINE})`, () => {
  it('enrols with a one-time code, pushes its outbox and pulls the directory', async () => {
    expect((await t.ok('sync.status', {})).state).toBe('not_enrolled');
    expect((await t.call('sync.now', {})).ok).toBe(false);
    // The hub sets PINs centrally: the cashier's new PIN arrives with the directory.
    await hub.admin('POST', '/v1/admin/directory/users', [{ id: 'cashier', name: 'Casey Cashier', role: 'cashier', pin: '4321' }]);
    await enrol();
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const r = await pay('100000-64', 2500);
    t.clock.advance(1000);
    const s = await t.ok('sync.now', {});
    expect(s).toMatchObject({ state: 'online', pendingCount: 0, lastError: null, directory: { complete: true, progress: null } });

    const hubEvents = await hub.db.kysely.selectFrom('events').select(['seq', 'payload']).where('station_id', '=', 'ST01').orderBy('seq').execute();
    const outbox = t.station.st.sqlAll<{ seq: number; payload: string; acked_at: string | null }>('SELECT seq, payload, acked_at FROM outbox ORDER BY seq');
    expect(hubEvents.map((e) => e.payload)).toEqual(outbox.map((o) => o.payload));
    expect(outbox.every((o) => o.acked_at)).toBe(true);
    expect(await hub.db.kysely.selectFrom('receipts').select('receipt_number').execute()).toEqual([{ receipt_number: r.receiptNumber }]);

    // The pulled directory carries the hub's balance (already less this payment), stamped so the
    // station does not subtract the payment a second time.
    const acct = await t.ok('accounts.get', { accountNumber: '100000-64' });
    expect(acct.directoryBalanceCents).toBe(18643 - 2500);
    expect(acct.balanceCents).toBe(18643 - 2500);
    const signIn = await t.call('auth.signIn', { userId: 'cashier', pin: '4321' }, null);
    expect(signIn.ok).toBe(true);
  });

  it('shows the hub’s exceptions and sends a supervisor’s resolution back through the outbox', async () => {
    await enrol();
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const closed = t.station.st.sqlGet<{ a: string }>("SELECT account_number AS a FROM accounts WHERE status = 'closed' LIMIT 1")!.a;
    const r = await pay(closed, 1000);
    // The cycle that pushes the payment fetches the exception it raised.
    const s = await t.ok('sync.now', {});
    expect(s.openExceptions).toBe(1);
    const [x] = await t.ok('sync.exceptions', {}, 'supervisor');
    expect(x).toMatchObject({ kind: 'closed_account', accountNumber: closed, receiptNumber: r.receiptNumber, amountCents: 1000, resolvedAt: null });
    expect((await t.call('sync.exceptions', {}, 'cashier')).ok).toBe(false);

    const id = uuid();
    const done = await t.ok('sync.resolveException', { id, exceptionId: x!.id, note: 'Refund cheque requested from utilities' }, 'supervisor');
    expect(done).toMatchObject({ resolvedBy: 'supervisor', resolutionPending: true });
    // Replayed request: same answer, nothing twice.
    await t.ok('sync.resolveException', { id, exceptionId: x!.id, note: 'Refund cheque requested from utilities' }, 'supervisor');
    const again = await t.call('sync.resolveException', { id: uuid(), exceptionId: x!.id, note: 'second time' }, 'supervisor');
    expect(again.ok ? '' : again.error.code).toBe('HUB_EXCEPTION_RESOLVED');

    await t.ok('sync.now', {});
    const onHub = await hub.db.kysely.selectFrom('exceptions').selectAll().executeTakeFirstOrThrow();
    expect(onHub).toMatchObject({ resolved_by: 'supervisor', note: 'Refund cheque requested from utilities' });
    await t.ok('sync.now', {});
    const [confirmed] = await t.ok('sync.exceptions', { includeResolved: true }, 'supervisor');
    expect(confirmed).toMatchObject({ resolutionPending: false, note: 'Refund cheque requested from utilities' });
  });

  it('marks payments taken while the hub is down, backs off, and catches up when it returns', async () => {
    await enrol();
    await t.ok('sync.now', {});
    await hub.stop();
    const down = await t.ok('sync.now', {});
    expect(down.state).toBe('offline');
    expect(down.lastError).toMatch(/cannot be reached/);
    expect(down.lastErrorMessage).toEqual({ code: 'sync.unreachable', params: { address: new URL(hub.url).host } });
    expect(down.nextAttemptAt).not.toBeNull();

    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const r = await pay('100001-37', 700);
    expect(t.station.st.sqlGet('SELECT receipt_id FROM offline_receipts')).toEqual({ receipt_id: r.id });
    expect((await t.ok('sync.status', {})).pendingCount).toBe(3); // session, receipt, its offline mark

    await hub.start();
    const back = await t.ok('sync.now', {});
    expect(back).toMatchObject({ state: 'online', pendingCount: 0 });
    const cis = await hub.adminText(`/v1/admin/exports/cis-payments?day=${r.businessDay}`);
    expect(cis.split('\r\n')[1]).toBe(`${r.businessDay},payment,ST01,${r.receiptNumber},1,100001-37,WATER,401-3410-34340,7.00,${r.createdAt},Y,${r.businessDay},counter`);
    expect(Number((await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM offline_receipts`.execute(hub.db.kysely)).rows[0]!.n)).toBe(1);
  });
});
