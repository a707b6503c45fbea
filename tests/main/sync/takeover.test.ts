// A station PC died: its ledger restored from a backup onto a new PC takes the station ID over at the
// hub (PGlite, or PostgreSQL with DATABASE_URL). From an older backup the hub refuses unless an admin
// allowed the rewind; then it keeps every event, raises one exception for the seqs the backup lacks,
// and the station carries on after them: no event or receipt is lost, doubled or mis-matched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { Station } from '../../../src/main/station/station';
import { verifyLedger } from '../../../src/main/station/verify';
import { runBackup } from '../../../src/main/station/backup/run';
import { restoreLedger } from '../../../src/main/station/backup/restore';
import { syncOf } from '../../../src/main/sync/service';
import { makeStation, signedIn, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';

let hub: TestHub;
let a: TestStation;
let b: TestStation | null = null;
let folder: string;
let newPc: string;
beforeEach(async () => {
  hub = await makeHub();
  a = await makeStation();
  syncOf(a.station, FAST);
  folder = mkdtempSync(join(tmpdir(), 'civictill-share-'));
  newPc = mkdtempSync(join(tmpdir(), 'civictill-newpc-'));
  await a.ok('backup.updateSettings', { folder, intervalMinutes: 15, keep: 10 }, 'admin');
});
afterEach(async () => {
  try { a.station.close(); } catch { /* closed by the test: the PC died */ }
  b?.cleanup(); b = null;
  rmSync(a.dir, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
  await hub.cleanup();
});

const code = async (opts: { allowRewind?: boolean } = {}) => (await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01', ...opts })).code;
const pay = (t: TestStation, cents: number) => t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents }] });

async function restoreOntoNewPc(backup: string): Promise<TestStation> {
  const path = join(newPc, 'civictill.db');
  await restoreLedger(backup, path);
  const station = await Station.open(path, a.clock);
  const t = await signedIn(station, newPc, path, a.clock);
  syncOf(t.station, FAST);
  return t;
}

async function hubEvents() {
  return hub.db.kysely.selectFrom('events').select(['seq', 'event_id', 'kind', 'payload']).where('station_id', '=', 'ST01').orderBy('seq').execute();
}

describe(`a replaced PC takes its station over (${ENGINE})`, () => {
  it('from an older backup: refused until allowed, then nothing lost, doubled or mis-matched', async () => {
    await a.ok('sync.enrol', { hubUrl: hub.url, code: await code() }, 'admin');
    await a.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    for (const c of [1000, 2000, 3000]) await pay(a, c);
    expect((await a.ok('sync.now', {})).pendingCount).toBe(0);
    const backup = await runBackup(a.station, 'manual');
    expect(backup.ok).toBe(true);
    // Two more payments reach the hub after the last backup; then the PC dies.
    const lost = [await pay(a, 4000), await pay(a, 5000)];
    expect((await a.ok('sync.now', {})).pendingCount).toBe(0);
    const before = await hubEvents();
    a.station.close();

    b = await restoreOntoNewPc(backup.file!);
    const restored = b;
    expect(verifyLedger(restored.station).ok).toBe(true);
    // The backup holds no secret: the restored ledger is not linked until it takes the station over.
    expect((await restored.ok('sync.status', {})).state).toBe('not_enrolled');

    // A plain code would rewind what the hub acknowledged: refused in words, the code left unspent.
    const plain = await code();
    const refused = await restored.call('sync.enrol', { hubUrl: hub.url, code: plain }, 'admin');
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'HUB_TAKEOVER_REWIND', field: 'code' });
    expect(refused.ok ? '' : refused.error.message).toMatch(/--allow-rewind/);
    expect((await hubEvents()).length).toBe(before.length);
    const unspent = await hub.db.kysely.selectFrom('enrolment_codes').select('used_at').where('used_at', 'is', null).execute();
    expect(unspent).toHaveLength(1);

    // The admin confirms: a code that allows the rewind.
    await restored.ok('sync.enrol', { hubUrl: hub.url, code: await code({ allowRewind: true }) }, 'admin');
    const localLast = restored.station.st.sqlGet<{ s: number }>("SELECT MAX(seq) AS s FROM outbox WHERE kind <> 'sync.takeover'")!.s;
    const takeover = restored.station.st.sqlGet<{ seq: number }>("SELECT seq FROM outbox WHERE kind = 'sync.takeover'")!;
    expect(takeover.seq).toBe(before[before.length - 1]!.seq + 1);

    // New payments at the new PC: numbered after the hub's last receipt, sent after the hub's last seq.
    const fresh = [await pay(restored, 600), await pay(restored, 700)];
    expect(fresh.map((r) => r.receiptNumber)).toEqual(['ST01-000006', 'ST01-000007']);
    const s = await restored.ok('sync.now', {});
    expect(s).toMatchObject({ state: 'online', pendingCount: 0 });

    const after = await hubEvents();
    // Every event the hub had is kept as it was; then the takeover and the new ones, no seq twice.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1));
    expect(new Set(after.map((e) => e.event_id)).size).toBe(after.length);
    const outbox = restored.station.st.sqlAll<{ seq: number; payload: string }>('SELECT seq, payload FROM outbox WHERE seq > ? ORDER BY seq', localLast);
    expect(after.slice(before.length).map((e) => e.payload)).toEqual(outbox.map((o) => o.payload));
    const receipts = await hub.db.kysely.selectFrom('receipts').select(['receipt_number', 'total_cents']).where('station_id', '=', 'ST01').orderBy('seq').execute();
    expect(receipts.map((r) => r.receipt_number)).toEqual(['ST01-000001', 'ST01-000002', 'ST01-000003', 'ST01-000004', 'ST01-000005', 'ST01-000006', 'ST01-000007']);
    expect(receipts.map((r) => r.total_cents)).toEqual([1000, 2000, 3000, 4000, 5000, 600, 700]);

    // One exception names what the hub has and the restored ledger does not, and reaches the station.
    const [x, ...more] = await hub.db.kysely.selectFrom('exceptions').selectAll().where('kind', '=', 'missing_at_station').execute();
    expect(more).toEqual([]);
    expect(x).toMatchObject({ station_id: 'ST01', seq: localLast + 1, amount_cents: 9000 });
    expect(x!.detail).toContain(`${lost[0]!.receiptNumber} to ${lost[1]!.receiptNumber}`);
    expect(x!.detail).toContain(`seq ${localLast + 1}–${before[before.length - 1]!.seq}`);
    const [onStation] = await restored.ok('sync.exceptions', {}, 'supervisor');
    expect(onStation).toMatchObject({ kind: 'missing_at_station', amountCents: 9000, resolvedAt: null });

    // The restored ledger still proves itself: the one gap in its receipt numbers is the takeover's.
    const report = verifyLedger(restored.station);
    expect(report.summary).toMatch(/^OK: .*1 takeovers/);
    // The old PC's secret stopped working at the takeover.
    expect(await hub.db.kysely.selectFrom('station_takeovers').select(['station_last_seq', 'hub_acked_seq', 'rewound']).execute())
      .toEqual([{ station_last_seq: localLast, hub_acked_seq: before[before.length - 1]!.seq, rewound: true }]);
  }, 120_000);

  it('from a backup newer than the hub (the station was offline): no rewind, it sends what the hub lacks', async () => {
    await a.ok('sync.enrol', { hubUrl: hub.url, code: await code() }, 'admin');
    await a.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    await pay(a, 1000);
    await a.ok('sync.now', {});
    const acked = (await hubEvents()).length;
    await hub.stop();
    const offline = [await pay(a, 2000), await pay(a, 3000)];
    const backup = await runBackup(a.station, 'manual');
    a.station.close();
    await hub.start();

    b = await restoreOntoNewPc(backup.file!);
    await b.ok('sync.enrol', { hubUrl: hub.url, code: await code() }, 'admin');
    expect(await b.ok('sync.now', {})).toMatchObject({ state: 'online', pendingCount: 0 });
    const events = await hubEvents();
    const outbox = b.station.st.sqlAll<{ payload: string }>('SELECT payload FROM outbox ORDER BY seq');
    expect(events.map((e) => e.payload)).toEqual(outbox.map((o) => o.payload));
    expect(events.length).toBeGreaterThan(acked);
    const numbers = (await hub.db.kysely.selectFrom('receipts').select('receipt_number').orderBy('seq').execute()).map((r) => r.receipt_number);
    expect(numbers).toEqual(['ST01-000001', ...offline.map((r) => r.receiptNumber)]);
    expect(await hub.db.kysely.selectFrom('exceptions').selectAll().execute()).toEqual([]);
    expect(b.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM station_takeovers')!.n).toBe(0);
  }, 120_000);

  it('refuses a ledger that is not the station’s history, whatever the code allows', async () => {
    await a.ok('sync.enrol', { hubUrl: hub.url, code: await code() }, 'admin');
    await a.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    for (const c of [1000, 2000]) await pay(a, c);
    await a.ok('sync.now', {});
    // Another counter's database, also calling itself ST01, with a payment of its own.
    const other = await makeStation();
    try {
      await other.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
      await pay(other, 999);
      const r = await other.call('sync.enrol', { hubUrl: hub.url, code: await code({ allowRewind: true }) }, 'admin');
      expect(r.ok ? null : r.error).toMatchObject({ code: 'HUB_HISTORY_MISMATCH', field: 'code' });
      expect(await hub.db.kysely.selectFrom('station_takeovers').selectAll().execute()).toEqual([]);
    } finally { other.cleanup(); }
  }, 120_000);
});
