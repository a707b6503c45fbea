// Duplicate presentment across stations (issue 16): the same check, same amount, taken at two stations is
// kept (the money was taken) and raises a duplicate_check exception for the city; a different check
// number, another amount, or the same station does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHub, enrolStation, ENGINE, type TestHub } from '../helpers/hub';
import { push, receiptEvent, sessionEvent } from './events';
import type { WireEvent } from '../../src/shared/hubProtocol';

let hub: TestHub;
let a1: string, a2: string;
beforeAll(async () => {
  hub = await makeHub();
  a1 = (await enrolStation(hub, 'ST01')).auth;
  a2 = (await enrolStation(hub, 'ST02')).auth;
});
afterAll(async () => { await hub?.cleanup(); });

function withCheck(e: WireEvent, checkNumber: string): WireEvent {
  const d = e.data as { tenders: { checkNumber: string | null }[] };
  d.tenders[0]!.checkNumber = checkNumber;
  return e;
}

describe(`duplicate checks at the hub (${ENGINE})`, () => {
  it('raises an exception when another station took the same check for the same amount', async () => {
    expect((await push(hub.url, a1, [sessionEvent('ST01', 1), withCheck(receiptEvent('ST01', 2, 1, { tender: 'check', cents: 5000 }), '7001')])).status).toBe(200);
    const r = await push(hub.url, a2, [sessionEvent('ST02', 1),
      withCheck(receiptEvent('ST02', 2, 1, { tender: 'check', cents: 5000 }), '7001'),
      withCheck(receiptEvent('ST02', 3, 2, { tender: 'check', cents: 5000 }), '7002'),
      withCheck(receiptEvent('ST02', 4, 3, { tender: 'check', cents: 5001 }), '7001')]);
    expect(r.status).toBe(200);
    const ex = await hub.db.kysely.selectFrom('exceptions').select(['kind', 'receipt_number', 'station_id', 'detail']).where('kind', '=', 'duplicate_check').execute();
    expect(ex.map((e) => [e.station_id, e.receipt_number])).toEqual([['ST02', 'ST02-000001']]);
    expect(ex[0]!.detail).toContain('ST01-000001');
    expect(Number((await hub.db.kysely.selectFrom('receipts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(4);
  });
});
