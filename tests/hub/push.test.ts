// Push: stored once by (station, seq) and event id, replays acknowledged, gaps refused with the seq
// expected, a batch applied whole or not at all, receipts applied, exceptions raised for unknown accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeHub, enrolStation, ENGINE, type TestHub } from '../helpers/hub';
import { push, receiptEvent, sessionEvent } from './events';

let hub: TestHub;
let auth: string;
beforeAll(async () => {
  hub = await makeHub();
  auth = (await enrolStation(hub, 'ST01')).auth;
});
afterAll(async () => { await hub?.cleanup(); });

const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM ${sql.table(table)}`.execute(hub.db.kysely)).rows[0]!.n);

describe(`push (${ENGINE})`, () => {
  it('stores a batch in order and answers the highest contiguous seq', async () => {
    const events = [sessionEvent('ST01', 1), receiptEvent('ST01', 2, 1), receiptEvent('ST01', 3, 2, { tender: 'card' })];
    const r = await push(hub.url, auth, events);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ackedSeq: 3, stored: 3, replayed: 0 });
    expect(await count('events')).toBe(3);
    expect(await count('receipts')).toBe(2);

    // The same batch again (a retry after a lost answer): acknowledged, nothing stored twice.
    const again = await push(hub.url, auth, events);
    expect(again.json).toEqual({ ackedSeq: 3, stored: 0, replayed: 3 });
    // Overlapping: two replays and one new event.
    const next = receiptEvent('ST01', 4, 3);
    const overlap = await push(hub.url, auth, [events[1]!, events[2]!, next]);
    expect(overlap.json).toEqual({ ackedSeq: 4, stored: 1, replayed: 2 });
    expect(await count('events')).toBe(4);
    expect(await count('receipts')).toBe(3);
  });

  it('refuses a gap with the seq it expects, and stores nothing', async () => {
    const r = await push(hub.url, auth, [receiptEvent('ST01', 7, 6)]);
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'SEQ_GAP', expectedSeq: 5 });
    expect(await count('events')).toBe(4);
  });

  it('applies a batch whole or not at all: a conflict at its end leaves its start unstored', async () => {
    const before = await count('events');
    const fresh = receiptEvent('ST01', 5, 4);
    // seq 5 is new, but its event id is one the hub already holds as seq 2 → the whole batch is refused.
    const stolen = { ...receiptEvent('ST01', 6, 5) };
    const seq2 = (await hub.db.kysely.selectFrom('events').select('event_id').where('seq', '=', 2).executeTakeFirstOrThrow()).event_id;
    stolen.eventId = seq2;
    const r = await push(hub.url, auth, [fresh, stolen]);
    expect(r.status).toBe(409);
    expect(r.json.error?.code).toBe('EVENT_ID_REUSED');
    expect(await count('events')).toBe(before);
    expect(await count('receipts')).toBe(3);
    // A replay that differs from what is stored under its seq is refused too.
    const changed = receiptEvent('ST01', 4, 3);
    const c = await push(hub.url, auth, [changed]);
    expect(c.status).toBe(409);
    expect(c.json.error?.code).toBe('SEQ_CONFLICT');
  });

  it('keeps the money of an unknown or closed account and raises an exception for the city', async () => {
    const closed = (await hub.db.kysely.selectFrom('accounts').select('account_number').where('status', '=', 'closed').limit(1).executeTakeFirstOrThrow()).account_number;
    const r = await push(hub.url, auth, [receiptEvent('ST01', 5, 4, { account: '999999-99' }), receiptEvent('ST01', 6, 5, { account: closed })]);
    expect(r.status).toBe(200);
    expect(await count('receipts')).toBe(5);
    const ex = await hub.db.kysely.selectFrom('exceptions').selectAll().orderBy('id').execute();
    expect(ex.map((e) => [e.kind, e.account_number, e.receipt_number])).toEqual([
      ['unknown_account', '999999-99', 'ST01-000004'],
      ['closed_account', closed, 'ST01-000005'],
    ]);
  });

  it('lowers the balance of a paid account, so other stations see it on their next pull', async () => {
    const before = (await hub.db.kysely.selectFrom('accounts').select(['balance_cents', 'version']).where('account_number', '=', '100001-37').executeTakeFirstOrThrow());
    const r = await push(hub.url, auth, [receiptEvent('ST01', 7, 6, { account: '100001-37', cents: 1234 })]);
    expect(r.status).toBe(200);
    const after = (await hub.db.kysely.selectFrom('accounts').select(['balance_cents', 'version']).where('account_number', '=', '100001-37').executeTakeFirstOrThrow());
    expect(after.balance_cents).toBe(before.balance_cents - 1234);
    expect(after.version).toBeGreaterThan(before.version);
  });
});
