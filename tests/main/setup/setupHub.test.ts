// First-run enrolment against a real hub, in process: the guesses the hub allows, an answer lost on the
// way (asked again with the same request: enrolled, nothing doubled), and a hub that goes away while the
// directory arrives (sign-in waits; it carries on where it stopped). A new database names no demo city.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/dispatch';
import { Station } from '../../../src/main/station/station';
import { m0015_no_demo_defaults } from '../../../migrations/0015_no_demo_defaults';
import { syncOf } from '../../../src/main/sync/service';
import { GUESS_LIMIT } from '../../../src/hub/auth';
import { makeHub, type TestHub } from '../../helpers/hub';
import { FaultProxy } from '../../helpers/faultProxy';
import { FAST } from '../../helpers/syncOptions';
import { makeStation } from '../../helpers/station';

let hub: TestHub;
let now = Date.now();
const open: { station: Station; dir: string }[] = [];
async function emptyStation(): Promise<Station> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-setup-'));
  const station = await Station.open(join(dir, 'new.db'));
  syncOf(station, FAST);
  open.push({ station, dir });
  return station;
}
const code = async (stationId: string) => (await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId })).code;
const count = (s: Station, t: string) => s.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`)!.n;

beforeAll(async () => {
  hub = await makeHub({ now: () => new Date(now) });
  await hub.admin('POST', '/v1/admin/directory/users', [{ id: 'maria', name: 'María Ortega', role: 'cashier', pin: '482913' }]);
}, 120_000);
afterEach(async () => { for (const o of open.splice(0)) { await syncOf(o.station).stop(); o.station.close(); rmSync(o.dir, { recursive: true, force: true }); } });
afterAll(async () => { await hub?.cleanup(); });

describe('first-run enrolment', () => {
  it('limits wrong guesses: after the limit even the right code waits, and nothing is written', async () => {
    const station = await emptyStation();
    const right = await code('ST11');
    for (let i = 0; i < GUESS_LIMIT; i++) {
      const r = await dispatch(station, 'setup.enrol', { hubUrl: hub.url, code: `ABCD-EFGH-JK${String(i).padStart(2, '2').replace(/[01]/g, '2')}` });
      expect(r.ok ? null : r.error.code).toBe('ENROL_CODE_UNKNOWN');
    }
    const blocked = await dispatch(station, 'setup.enrol', { hubUrl: hub.url, code: right });
    expect(blocked.ok ? null : blocked.error.code).toBe('ENROL_TOO_MANY');
    expect(count(station, 'hub_link') + count(station, 'users')).toBe(0);
    // A quarter of an hour later (the hub's clock), the right code works.
    now += 16 * 60_000;
    const ok = await dispatch(station, 'setup.enrol', { hubUrl: hub.url, code: right });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    expect(station.stationId).toBe('ST11');
  }, 60_000);

  it('an answer lost on the way is asked for again with the same request: enrolled once, with a secret that works', async () => {
    const station = await emptyStation();
    const proxy = new FaultProxy({ host: '127.0.0.1', port: hub.port }, { drop: 0, delay: 0, duplicate: 0, cutRequest: 0, cutResponse: 1, maxDelayMs: 0, dropHoldMs: 0 });
    const port = await proxy.listen();
    try {
      const c = await code('ST12');
      const lost = await dispatch(station, 'setup.enrol', { hubUrl: `http://127.0.0.1:${port}`, code: c });
      expect(lost.ok ? null : lost.error.code).toBe('HUB_UNREACHABLE');
      // The hub spent the code; the station has nothing.
      expect((await hub.db.kysely.selectFrom('enrolment_codes').select('used_at').where('station_id', '=', 'ST12').executeTakeFirstOrThrow()).used_at).not.toBeNull();
      expect(count(station, 'hub_link')).toBe(0);
      proxy.faulty = false;
      const again = await dispatch(station, 'setup.enrol', { hubUrl: `http://127.0.0.1:${port}`, code: c });
      expect(again.ok, JSON.stringify(again)).toBe(true);
      const s = await syncOf(station).syncNow();
      expect(s.state).toBe('online');
      expect(station.config.setupPending).toBe(false);
      expect((await dispatch(station, 'auth.signIn', { userId: 'maria', pin: '482913' })).ok).toBe(true);
      // Another station with the same code is still refused: only the request that spent it may ask again.
      const other = await emptyStation();
      const r = await dispatch(other, 'setup.enrol', { hubUrl: hub.url, code: c });
      expect(r.ok ? null : r.error.code).toBe('ENROL_CODE_USED');
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('a hub that goes away while the directory arrives: sign-in waits, and it carries on where it stopped', async () => {
    const station = await emptyStation();
    const c = await code('ST13');
    let stopped: Promise<void> | null = null;
    station.events.on('directory.pulled', () => { stopped ??= hub.stop(); });
    const first = await dispatch(station, 'setup.enrol', { hubUrl: hub.url, code: c });
    expect(first.ok && first.value.state).toBe('fetching');
    await expect.poll(() => stopped).not.toBeNull();
    await stopped;
    const offline = await syncOf(station).syncNow();
    expect(offline.state).toBe('offline');
    expect(offline.directory.complete).toBe(false);
    const status = await dispatch(station, 'setup.status', {});
    expect(status.ok && status.value).toMatchObject({ needed: true, state: 'fetching', stationId: 'ST13' });
    expect(status.ok && status.value.lastError?.code).toBe('sync.unreachable');
    const refused = await dispatch(station, 'auth.signIn', { userId: 'maria', pin: '482913' });
    expect(refused.ok ? null : refused.error.code).toBe('SETUP_UNFINISHED');
    const partial = count(station, 'accounts');
    expect(partial).toBeLessThan(200);
    await hub.start();
    // The screen reloaded and asks again with the same code: it carries on, the code is not needed again.
    const resumed = await dispatch(station, 'setup.enrol', { hubUrl: hub.url, code: c });
    expect(resumed.ok).toBe(true);
    await expect.poll(() => station.config.setupPending, { timeout: 20_000 }).toBe(false);
    expect(count(station, 'accounts')).toBe(200);
    expect((await dispatch(station, 'auth.signIn', { userId: 'maria', pin: '482913' })).ok).toBe(true);
  }, 60_000);
});

describe('a station set up on its own enrols later', () => {
  it('keeps everything it posted (sent to the hub), and takes the hub\'s catalogue and users beside its own', async () => {
    const station = await emptyStation();
    const dir = open[open.length - 1]!.dir;
    const catalog = join(dir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify([{ code: 'PARK', nameEn: 'Parking', nameEs: 'Estacionamiento', gl: '001-2000-30100', category: 'fee', requiresAccount: false, schedules: [{ from: '2026-01-01', rule: { type: 'fixed', amountCents: 2500 } }] }]));
    const made = await dispatch(station, 'setup.standAlone', {
      adminId: 'pat', adminName: 'Pat Admin', pin: '5550123', pinAgain: '5550123', cityName: 'Town of Elm', cityAddress: '', stationId: 'EL01', timeZone: 'America/Chicago', catalogFile: catalog,
    });
    expect(made.ok, JSON.stringify(made)).toBe(true);
    const signIn = await dispatch(station, 'auth.signIn', { userId: 'pat', pin: '5550123' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const token = signIn.value.token;
    const as = <N extends Parameters<typeof dispatch>[1]>(name: N, input: Parameters<typeof dispatch<N>>[2]) => dispatch(station, name, input, token);
    expect((await as('session.open', { id: randomUUID(), floatCounts: STANDARD_FLOAT })).ok).toBe(true);
    const paid = await as('receipt.post', { id: randomUUID(), lines: [{ revenueCode: 'PARK', amountCents: 2500 }], tenders: [{ kind: 'cash', amountCents: 2500 }] });
    expect(paid.ok, JSON.stringify(paid)).toBe(true);
    // Setup is over for it: the code-only path is refused; the admin enrols it on the Sync screen.
    const c = await code('EL01');
    const setupAgain = await dispatch(station, 'setup.enrol', { hubUrl: hub.url, code: c });
    expect(setupAgain.ok ? null : setupAgain.error.code).toBe('SETUP_DONE');
    expect((await as('sync.enrol', { hubUrl: hub.url, code: c })).ok).toBe(true);
    const s = await syncOf(station).syncNow();
    expect(s.pendingCount).toBe(0);
    expect(s.directory.complete).toBe(true);
    const atHub = await hub.db.kysely.selectFrom('events').select(['kind']).where('station_id', '=', 'EL01').execute();
    expect(atHub.map((e) => e.kind)).toContain('receipt.posted');
    expect(station.st.sqlAll<{ id: string }>('SELECT id FROM users ORDER BY id').map((u) => u.id)).toEqual(['maria', 'pat']);
    expect(count(station, 'revenue_codes')).toBeGreaterThan(1);
    expect(station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM revenue_codes WHERE code = 'PARK'")!.n).toBe(1);
    expect(count(station, 'receipts')).toBe(1);
    expect((await dispatch(station, 'auth.signIn', { userId: 'maria', pin: '482913' })).ok).toBe(true);
  }, 60_000);
});

describe('no demo data in a real station', () => {
  it('a new database names no demo city anywhere; a demo database keeps its city through migration 0015', async () => {
    const station = await emptyStation();
    const info = await dispatch(station, 'station.info', {});
    expect(info.ok && info.value.cityName).toBe('');
    expect(station.config.depositBank).toEqual({ name: '', routing: '', account: '' });
    station.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(station.db.sqlite.name).toString('latin1')).not.toMatch(/Riverton/);
    // A demo database from before 0015 held the city only through the old defaults.
    const demo = await makeStation({ accounts: 1 });
    try {
      demo.station.st.sqlRun("DELETE FROM settings WHERE key IN ('cityName', 'cityAddress', 'depositBank')");
      await m0015_no_demo_defaults.up(demo.station.kysely as never);
      demo.station.config = { ...demo.station.config, ...Object.fromEntries(demo.station.st.sqlAll<{ key: string; value: string }>('SELECT key, value FROM settings').map((r) => [r.key, JSON.parse(r.value)])) };
      expect(demo.station.config).toMatchObject({ cityName: 'City of Riverton', depositBank: { name: 'First Riverton Bank' } });
    } finally {
      demo.cleanup();
    }
  });
});
