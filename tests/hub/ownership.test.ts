// Issue 10, defects 1 and 2: a station speaks only for itself. A receipt number of another station is
// refused (403 FOREIGN_ID) and the other station keeps syncing; a client UUID another station already
// used is stored under a hub-side key with an exception naming both, and no balance moves without a receipt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeHub, enrolStation, ENGINE, type TestHub } from '../helpers/hub';
import { push, receiptEvent, sessionEvent } from './events';

let hub: TestHub;
let accts: string[] = [];
const auth: Record<string, string> = {};
beforeAll(async () => {
  hub = await makeHub();
  for (const s of ['SA', 'SB', 'SX', 'SY']) {
    auth[s] = (await enrolStation(hub, s)).auth;
    expect((await push(hub.url, auth[s]!, [sessionEvent(s, 1)])).status).toBe(200);
  }
  accts = (await hub.db.kysely.selectFrom('accounts').select('account_number').where('status', '=', 'active').where('account_number', '<>', '100000-64').orderBy('account_number').limit(2).execute()).map((a) => a.account_number);
});
afterAll(async () => { await hub?.cleanup(); });

const balance = async (account: string) => Number((await hub.db.kysely.selectFrom('accounts').select('balance_cents').where('account_number', '=', account).executeTakeFirstOrThrow()).balance_cents);
const acked = async (s: string) => Number((await hub.db.kysely.selectFrom('stations').select('acked_seq').where('station_id', '=', s).executeTakeFirstOrThrow()).acked_seq);

describe(`a station speaks only for itself (${ENGINE})`, () => {
  it("refuses a receipt numbered as another station's (403 FOREIGN_ID); that station's real receipt then syncs", async () => {
    const forged = receiptEvent('SA', 2, 1);
    (forged.data as { receiptNumber: string }).receiptNumber = 'SB-000001';
    const r = await push(hub.url, auth.SA!, [forged]);
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('FOREIGN_ID');
    expect(r.json.error?.message).toContain('SB-000001');
    expect(await acked('SA')).toBe(1);
    const real = await push(hub.url, auth.SB!, [receiptEvent('SB', 2, 1)]);
    expect(real.status).toBe(200);
    expect(real.json.ackedSeq).toBe(2);
    const row = await hub.db.kysely.selectFrom('receipts').select(['station_id']).where('receipt_number', '=', 'SB-000001').executeTakeFirstOrThrow();
    expect(row.station_id).toBe('SB');
  });

  it("refuses a drawer movement or a close-out in another station's session", async () => {
    const move = { eventId: crypto.randomUUID(), stationId: 'SA', seq: 2, kind: 'drawer.paid_in', at: '2026-11-20T17:00:00.000Z',
      data: { id: crypto.randomUUID(), sessionId: 'S-SB', kind: 'paid_in', amountCents: 500, businessDay: '2026-11-20', createdAt: '2026-11-20T17:00:00.000Z' } };
    const r = await push(hub.url, auth.SA!, [move]);
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('FOREIGN_ID');
    expect(r.json.error?.message).toMatch(/session S-SB .*SB/);
    const receipt = receiptEvent('SA', 2, 1);
    (receipt.data as { sessionId: string }).sessionId = 'S-SB';
    expect((await push(hub.url, auth.SA!, [receipt])).json.error?.code).toBe('FOREIGN_ID');
    expect(await acked('SA')).toBe(1);
  });

  it("keeps a receipt that reuses another station's client UUID, under a hub-side key, with an exception naming both", async () => {
    const account = accts[0]!;
    const before = await balance(account);
    const y = receiptEvent('SY', 2, 1, { account, cents: 1000 });
    expect((await push(hub.url, auth.SY!, [y])).status).toBe(200);
    const x = receiptEvent('SX', 2, 1, { account, cents: 1000 });
    (x.data as { id: string }).id = (y.data as { id: string }).id;
    const r = await push(hub.url, auth.SX!, [x]);
    expect(r.status).toBe(200);
    // Both payments are held, each once; the balance moved by exactly the two receipts.
    const rows = await hub.db.kysely.selectFrom('receipts').select(['receipt_id', 'station_id', 'receipt_number']).where('receipt_number', 'in', ['SX-000001', 'SY-000001']).orderBy('receipt_number').execute();
    expect(rows.map((q) => q.station_id)).toEqual(['SX', 'SY']);
    expect(rows[0]!.receipt_id).not.toBe(rows[1]!.receipt_id);
    expect(await balance(account)).toBe(before - 2000);
    const cis = await hub.adminText('/v1/admin/exports/cis-payments?day=2026-11-20');
    expect(cis.split('\n').filter((l) => l.includes(account))).toHaveLength(2);
    const ex = await hub.db.kysely.selectFrom('exceptions').selectAll().where('station_id', '=', 'SX').where('kind', '=', 'id_clash').execute();
    expect(ex).toHaveLength(1);
    expect(ex[0]!.detail).toMatch(/SX/);
    expect(ex[0]!.detail).toMatch(/SY/);
    // SX voids its own receipt by the client id it knows: its receipt (under the hub's key) is voided, SY's stands.
    const v = { eventId: crypto.randomUUID(), stationId: 'SX', seq: 3, kind: 'receipt.voided', at: '2026-11-20T18:00:00.000Z',
      data: { voidId: crypto.randomUUID(), receiptId: (y.data as { id: string }).id, receiptNumber: 'SX-000001', userId: 'sup', approvedBy: 'sup', reason: 'wrong account' } };
    expect((await push(hub.url, auth.SX!, [v])).status).toBe(200);
    expect(await balance(account)).toBe(before - 1000);
    const voided = await sql<{ n: string }>`SELECT r.receipt_number AS n FROM voids v JOIN receipts r ON r.receipt_id = v.receipt_id`.execute(hub.db.kysely);
    expect(voided.rows.map((q) => q.n)).toEqual(['SX-000001']);
  });

  it('a station repeating its own id in a later event: stored, not applied twice, an exception says so', async () => {
    const account = accts[1]!;
    const before = await balance(account);
    const first = receiptEvent('SY', 3, 2, { account, cents: 700 });
    const again = receiptEvent('SY', 4, 3, { account, cents: 700 });
    (again.data as { id: string }).id = (first.data as { id: string }).id;
    const r = await push(hub.url, auth.SY!, [first, again]);
    expect(r.status).toBe(200);
    expect(r.json.ackedSeq).toBe(4);
    expect(await balance(account)).toBe(before - 700);
    const ex = await hub.db.kysely.selectFrom('exceptions').select(['kind', 'seq']).where('station_id', '=', 'SY').where('kind', '=', 'duplicate_id').execute();
    expect(ex).toEqual([{ kind: 'duplicate_id', seq: 4 }]);
  });
});
