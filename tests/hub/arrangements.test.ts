// Payment arrangements between two stations and a real hub (PGlite, or PostgreSQL with DATABASE_URL):
// the hub judges kept or broken from every station's payments, on its own clock, and the stations see
// it after a pull; two arrangements made for one account apart are both kept, with an exception at
// each station; the `arrangements` export lists them, the same bytes every time, also through the CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { syncOf } from '../../src/main/sync/service';
import { verifyLedger } from '../../src/main/station/verify';
import { makeStation, SettableClock, uuid, type TestStation } from '../helpers/station';
import { ENGINE, makeHub, type TestHub } from '../helpers/hub';
import { FAST } from '../helpers/syncOptions';
import { draft, eligibleAccounts, pay } from '../main/station/arrangements/helpers';

const run = promisify(execFile);
let clock: SettableClock;
let hub: TestHub;
let a: TestStation;
let b: TestStation;

async function station(id: string): Promise<TestStation> {
  const t = await makeStation({ clock });
  t.station.updateConfig({ stationId: id });
  syncOf(t.station, FAST);
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: id });
  await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  return t;
}
/** One sync cycle, waited for: push the outbox, pull the directory (the hub reviews deadlines first), exceptions. */
const sync = async (t: TestStation) => { const s = await t.ok('sync.now', {}); expect(s.state).toBe('online'); return s; };
const on = (iso: string) => { clock.t = new Date(iso); };
const csv = async (day: string) => (await hub.adminText(`/v1/admin/exports/arrangements?day=${day}`)).split('\r\n').filter(Boolean).slice(1).map((l) => l.split(','));

beforeEach(async () => {
  clock = new SettableClock(new Date('2026-11-20T17:30:00Z'));
  hub = await makeHub({ now: () => clock.now() });
  a = await station('ST01');
  b = await station('ST02');
});
afterEach(async () => { a?.cleanup(); b?.cleanup(); await hub?.cleanup(); });

describe(`arrangements judged at the hub (${ENGINE})`, () => {
  it('counts every station’s payments, breaks the arrangement on its own figures, and the station sees it after a pull', async () => {
    const account = eligibleAccounts(a)[0]!.accountNumber;
    // $400.00: $100.00 down today at ST01, then $100.00 due 2026-12-20, 2027-01-20 and 2027-02-20; 10 days' grace.
    const made = (await a.ok('arrangement.create', draft(account, 40_000, { downPaymentCents: 10_000, instalmentCount: 3, firstDue: '2026-12-20' }))).arrangement;
    await sync(a);
    const onHub = await hub.db.kysely.selectFrom('arrangement_status').selectAll().executeTakeFirstOrThrow();
    expect(onHub).toMatchObject({ arrangement_id: made.id, status: 'active', paid_cents: 10_000, next_deadline: '2026-12-30' });

    // ST02 knows it from the directory, and takes the first instalment there.
    await sync(b);
    expect((await b.ok('accounts.get', { accountNumber: account })).arrangement).toMatchObject({ number: made.number, next: { no: 1, dueCents: 10_000 } });
    on('2026-12-18T18:00:00Z');
    const atB = await pay(b, account, 10_000);
    expect((await b.ok('arrangement.get', { arrangementId: made.id })).madeHere).toBe(false);
    await sync(b);

    // Past the first deadline: ST01 never saw that payment, yet the hub counted it, so nothing breaks.
    on('2027-01-05T18:00:00Z');
    await sync(a);
    let view = await a.ok('arrangement.get', { arrangementId: made.id });
    expect(view).toMatchObject({ status: 'active', paidCents: 20_000, next: { no: 2, dueDate: '2027-01-20', dueCents: 10_000 } });
    expect(view.hubAsOf).not.toBeNull();

    // ST02 takes the second instalment in time, on 2027-01-25, while it cannot reach the hub; so, on the
    // hub's figures, nobody paid it: past 2027-01-30 the hub breaks it, decided when a station next pulls.
    on('2027-01-25T18:00:00Z');
    await syncOf(b.station).stop();
    const late = await pay(b, account, 10_000);
    on('2027-01-31T18:00:00Z');
    expect((await hub.db.kysely.selectFrom('arrangement_breaks').selectAll().execute())).toEqual([]);
    await sync(a);
    const brk = await hub.db.kysely.selectFrom('arrangement_breaks').selectAll().executeTakeFirstOrThrow();
    expect(brk).toMatchObject({ arrangement_id: made.id, broken_on: '2027-01-31', instalment_no: 2, due_date: '2027-01-20', missed_cents: 10_000 });
    view = await a.ok('arrangement.get', { arrangementId: made.id });
    expect(view).toMatchObject({ status: 'broken', brokenOn: '2027-01-31', next: null });
    const acct = await a.ok('accounts.get', { accountNumber: account });
    expect(acct.arrangement).toBeNull();
    expect(acct.status).toBe('shutoff_pending');
    expect(a.station.st.sqlAll<{ kind: string; payload: string }>("SELECT kind, payload FROM journal WHERE kind = 'arrangement.broken'").map((r) => JSON.parse(r.payload) as unknown))
      .toMatchObject([{ arrangementId: made.id, brokenOn: '2027-01-31', instalmentNo: 2 }]);
    // Learnt from the hub: journaled, not sent back.
    expect(a.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'arrangement.broken'")!.n).toBe(0);
    // A new plan within the cool-off months needs a supervisor.
    const again = await a.call('arrangement.create', draft(account, 20_000, { firstDue: '2027-02-20' }));
    expect(again.ok ? '' : again.error.code).toBe('ARRANGEMENT_LIMIT_RECENTLY_BROKEN');
    expect(verifyLedger(a.station).summary).toMatch(/^OK/);
    expect(verifyLedger(b.station).summary).toMatch(/^OK/);

    // ST02 comes back: its payment arrives after the break. The break stands, the money is kept, and a
    // supervisor at ST02 is told (once).
    await sync(b);
    await sync(b);
    const lateX = await b.ok('sync.exceptions', {}, 'supervisor');
    expect(lateX.map((x) => [x.kind, x.receiptNumber, x.accountNumber, x.amountCents])).toEqual([['arrangement_late_payment', late.receiptNumber, account, 10_000]]);
    expect(lateX[0]!.detail).toContain(made.number);
    expect((await hub.db.kysely.selectFrom('arrangement_breaks').selectAll().execute())).toHaveLength(1);
    expect((await b.ok('arrangement.get', { arrangementId: made.id })).status).toBe('broken');

    // The export for billing, by business day: made (the schedule) with its down payment, paid at ST02, broken.
    const made1 = await csv('2026-11-20');
    expect(made1.map((r) => [r[1], r[9], r[10], r[12], r[6], r[7]])).toEqual([
      ['created', '0', '2026-11-20', '100.00', 'active', 'Y'], ['created', '1', '2026-12-20', '100.00', 'active', 'Y'],
      ['created', '2', '2027-01-20', '100.00', 'active', 'Y'], ['created', '3', '2027-02-20', '100.00', 'active', 'Y'],
      ['paid', '0', '2026-11-20', '100.00', 'active', 'Y'],
    ]);
    expect((await csv('2026-12-18')).map((r) => [r[1], r[9], r[12], r[13], r[4]])).toEqual([['paid', '1', '100.00', atB.receiptNumber, 'ST01']]);
    expect((await csv('2027-01-31')).map((r) => [r[1], r[9], r[12], r[6], r[7]])).toEqual([['broken', '2', '100.00', 'broken', 'N']]);
    expect(await csv('2027-02-01')).toEqual([]);
    const first = await hub.adminText('/v1/admin/exports/arrangements?day=2026-11-20');
    expect(await hub.adminText('/v1/admin/exports/arrangements?day=2026-11-20')).toBe(first);

    // Described in the hub's OpenAPI document, and the same file through `civictill hub export arrangements`.
    const openapi = await (await fetch(`${hub.url}/v1/openapi.json`)).json() as { paths: Record<string, { get?: { responses: Record<string, { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }> } }> };
    expect(openapi.paths['/v1/admin/exports/arrangements']?.get?.responses['200']?.content['text/csv']).toBeDefined();
    expect(Object.keys(openapi.paths['/v1/sync/pull']!.get!.responses['200']!.content['application/json']!.schema.properties ?? {})).toContain('arrangements');
    const dir = mkdtempSync(join(tmpdir(), 'civictill-arr-'));
    try {
      const out = join(dir, 'arrangements.csv');
      await run(process.execPath, ['bin/civictill.js', 'hub', 'export', 'arrangements', '--day', '2026-11-20', '--out', out, '--url', hub.url, '--token', hub.adminToken]);
      expect(readFileSync(out, 'utf8')).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('is kept when paid in full in time, and a cancellation reaches every station', async () => {
    const [x, y] = eligibleAccounts(a).map((r) => r.accountNumber);
    const kept = (await a.ok('arrangement.create', draft(x!, 30_000, { downPaymentCents: 10_000, instalmentCount: 2, firstDue: '2026-12-01', frequency: 'weekly' }))).arrangement;
    const gone = (await a.ok('arrangement.create', draft(y!, 30_000))).arrangement;
    await sync(a);
    on('2026-11-30T18:00:00Z');
    await pay(a, x!, 20_000);
    await a.ok('arrangement.cancel', { id: uuid(), arrangementId: gone.id, reason: 'billing error corrected', approval: { userId: 'supervisor', pin: '2222' } });
    await sync(a);
    on('2027-03-01T18:00:00Z');
    await sync(b);
    expect((await b.ok('arrangement.get', { arrangementId: kept.id })).status).toBe('completed');
    expect(await b.ok('arrangement.get', { arrangementId: gone.id })).toMatchObject({ status: 'cancelled', cancelled: { reason: 'billing error corrected' } });
    expect((await hub.db.kysely.selectFrom('arrangement_breaks').selectAll().execute())).toEqual([]);
    expect((await csv('2026-11-30')).map((r) => [r[1], r[2], r[9], r[12], r[6], r[14]])).toEqual([
      ['paid', kept.number, '1', '100.00', 'completed', ''], ['paid', kept.number, '2', '100.00', 'completed', ''], ['kept', kept.number, '', '300.00', 'completed', ''],
      ['cancelled', gone.number, '', '240.00', 'cancelled', 'billing error corrected'],
    ]);
  }, 120_000);

  it('keeps both arrangements made for one account at two stations, and tells a supervisor at each', async () => {
    const account = eligibleAccounts(a)[1]!.accountNumber;
    await sync(b);
    // ST01 is cut off from the hub while ST02 makes its plan; then ST01 makes one too, not knowing.
    await syncOf(a.station).stop();
    const atB = (await b.ok('arrangement.create', draft(account, 30_000))).arrangement;
    clock.advance(60_000);
    await sync(b);
    const atA = (await a.ok('arrangement.create', draft(account, 30_000, { downPaymentCents: 7_000 }))).arrangement;
    await sync(a);
    const rows = await hub.db.kysely.selectFrom('arrangements').select(['arrangement_id', 'station_id']).orderBy('station_id').execute();
    expect(rows).toEqual([{ arrangement_id: atA.id, station_id: 'ST01' }, { arrangement_id: atB.id, station_id: 'ST02' }]);
    const xs = await hub.db.kysely.selectFrom('exceptions').select(['station_id', 'kind', 'account_number', 'detail']).orderBy('station_id').execute();
    expect(xs.map((e) => [e.station_id, e.kind, e.account_number])).toEqual([['ST01', 'duplicate_arrangement', account], ['ST02', 'duplicate_arrangement', account]]);
    expect(xs[0]!.detail).toContain(atA.number);
    expect(xs[0]!.detail).toContain(atB.number);
    // Each station's supervisor sees it; both arrangements are running, and lookup says there are two.
    expect((await a.ok('sync.exceptions', {}, 'supervisor')).map((e) => e.kind)).toEqual(['duplicate_arrangement']);
    await sync(b);
    expect((await b.ok('sync.exceptions', {}, 'supervisor')).map((e) => e.kind)).toEqual(['duplicate_arrangement']);
    expect((await a.ok('accounts.get', { accountNumber: account })).arrangement).toMatchObject({ running: 2, number: atB.number });
    // A supervisor cancels the later one; the account is on one arrangement again everywhere.
    await a.ok('arrangement.cancel', { id: uuid(), arrangementId: atA.id, reason: 'duplicate of ST02 plan', approval: { userId: 'supervisor', pin: '2222' } });
    await sync(a);
    await sync(b);
    expect((await b.ok('accounts.get', { accountNumber: account })).arrangement).toMatchObject({ running: 1, number: atB.number });
  }, 120_000);
});
