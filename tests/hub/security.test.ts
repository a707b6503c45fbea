// Security: credentials first; a station pushes only its own events and reads only its own exceptions;
// an enrolment code works once; malformed, oversized and out-of-order requests get a 4xx with a reason
// and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeHub, enrolStation, ENGINE, type TestHub } from '../helpers/hub';
import { body, push, receiptEvent, sessionEvent } from './events';

let hub: TestHub;
let a: string, b: string;
beforeAll(async () => {
  hub = await makeHub();
  a = (await enrolStation(hub, 'STA')).auth;
  b = (await enrolStation(hub, 'STB')).auth;
  expect((await push(hub.url, a, [sessionEvent('STA', 1)])).status).toBe(200);
  // STB takes a payment for an unknown account: an exception of STB's.
  expect((await push(hub.url, b, [sessionEvent('STB', 1), receiptEvent('STB', 2, 1, { account: '999999-99' })])).status).toBe(200);
});
afterAll(async () => { await hub?.cleanup(); });

/** Everything a refused request could have touched. */
async function snapshot() {
  const q = async (text: string) => (await sql.raw<{ n: number }>(text).execute(hub.db.kysely)).rows[0]!.n;
  return {
    events: await q('SELECT count(*)::bigint AS n FROM events'), receipts: await q('SELECT count(*)::bigint AS n FROM receipts'),
    exceptions: await q('SELECT count(*)::bigint AS n FROM exceptions'), acked: await q('SELECT sum(acked_seq)::bigint AS n FROM stations'),
    codes: await q('SELECT count(*)::bigint AS n FROM enrolment_codes WHERE used_at IS NULL'),
  };
}

async function call(method: string, path: string, headers: Record<string, string> = {}, payload?: string) {
  const res = await fetch(hub.url + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  return { status: res.status, text, error: (text.startsWith('{') ? (JSON.parse(text) as { error?: { code: string; message: string } }).error : undefined) };
}

describe(`hub security (${ENGINE})`, () => {
  it('answers health and the OpenAPI document without credentials, and nothing else', async () => {
    expect((await call('GET', '/v1/health')).status).toBe(200);
    const doc = JSON.parse((await call('GET', '/v1/openapi.json')).text) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/sync/push', '/v1/sync/pull', '/v1/sync/exceptions', '/v1/enrol', '/v1/admin/exports/gl-journal']));
    // The schemas are the ones the hub validates with (generated from the same zod definitions).
    const push = (doc.paths['/v1/sync/push'] as { post: { security: unknown[]; requestBody: { content: Record<string, { schema: { properties: { events: { maxItems: number; items: { required: string[] } } } } }> } } }).post;
    expect(push.security).toEqual([{ station: [] }]);
    const events = push.requestBody.content['application/json']!.schema.properties.events;
    expect(events.maxItems).toBe(1000);
    expect(events.items.required).toEqual(expect.arrayContaining(['eventId', 'stationId', 'seq', 'kind', 'at']));
    // Complete (issue 10): the document itself, the refusals each operation can give, and {id} as the router takes it.
    type Ops = Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string; required?: boolean; schema: { pattern?: string } }[] }>>;
    const paths = doc.paths as Ops;
    expect(paths['/v1/openapi.json']?.get).toBeDefined();
    expect(Object.keys(paths['/v1/admin/directory/accounts']!.post!.responses)).toContain('422');
    expect(Object.keys(paths['/v1/admin/exceptions/{id}/resolve']!.post!.responses)).toEqual(expect.arrayContaining(['404', '409']));
    expect(paths['/v1/admin/exceptions/{id}/resolve']!.post!.parameters!.find((p) => p.in === 'path')!.schema.pattern).toBe('^[0-9]{1,15}$');
    for (const [p, param] of [['/v1/sync/pull', 'cursor'], ['/v1/sync/exceptions', 'cursor'], ['/v1/admin/totals', 'day']] as const) {
      expect(Object.keys(paths[p]!.get!.responses), p).toEqual(expect.arrayContaining(['400', '404', '405']));
      expect(paths[p]!.get!.parameters!.map((x) => x.name), p).toContain(param);
    }
    expect(paths['/v1/admin/totals']!.get!.parameters!.find((x) => x.name === 'day')!.required).toBe(true);
    expect(paths['/v1/sync/pull']!.get!.parameters!.find((x) => x.name === 'cursor')!.required).toBe(false);
    expect(Object.keys(paths['/v1/sync/push']!.post!.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '409', '413', '415']));
    for (const [m, p] of [['POST', '/v1/sync/push'], ['GET', '/v1/sync/pull'], ['GET', '/v1/sync/exceptions'], ['GET', '/v1/admin/exceptions'], ['POST', '/v1/admin/enrolment-codes'], ['GET', '/v1/admin/exports/cis-payments?day=2026-11-20']] as const) {
      const r = await call(m, p);
      expect(r.status, `${m} ${p}`).toBe(401);
      expect(r.error?.message).toMatch(/credentials|token/);
    }
  });

  it('checks credentials before reading the body: a bad secret with a huge body is a 401, not a 413', async () => {
    const wrong = 'Basic ' + Buffer.from('STA:not-the-secret').toString('base64');
    const before = await snapshot();
    const r = await call('POST', '/v1/sync/push', { authorization: wrong, 'content-type': 'application/json' }, 'x'.repeat(5 * 1024 * 1024));
    expect(r.status).toBe(401);
    expect(await snapshot()).toEqual(before);
    // A station's secret is not the admin token.
    const secretA = Buffer.from(a.slice(6), 'base64').toString().split(':')[1]!;
    expect((await call('GET', '/v1/admin/exceptions', { authorization: `Bearer ${secretA}` })).status).toBe(401);
  });

  it('will not let a station push as another', async () => {
    const before = await snapshot();
    const r = await push(hub.url, a, [receiptEvent('STB', 3, 2)]);
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('FOREIGN_EVENT');
    expect(r.json.error?.message).toContain('STB');
    expect(await snapshot()).toEqual(before);
  });

  it("will not show a station another station's exceptions", async () => {
    const mine = await call('GET', '/v1/sync/exceptions?cursor=0', { authorization: b });
    expect((JSON.parse(mine.text) as { exceptions: unknown[] }).exceptions).toHaveLength(1);
    const theirs = await call('GET', '/v1/sync/exceptions?cursor=0', { authorization: a });
    expect(JSON.parse(theirs.text)).toEqual({ cursor: 0, exceptions: [] });
    // Nor resolve one: STA's resolution of STB's exception is stored as STA's event and changes nothing.
    const id = (await hub.db.kysely.selectFrom('exceptions').select('id').executeTakeFirstOrThrow()).id;
    const r = await push(hub.url, a, [{ eventId: crypto.randomUUID(), stationId: 'STA', seq: 2, kind: 'exception.resolved', at: new Date().toISOString(), data: { exceptionId: id, note: 'not mine to resolve', userId: 'supervisor' } }]);
    expect(r.status).toBe(200);
    expect((await hub.db.kysely.selectFrom('exceptions').select('resolved_at').where('id', '=', id).executeTakeFirstOrThrow()).resolved_at).toBeNull();
  });

  it('will not take a spent enrolment code again, nor a code made for another station', async () => {
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'STC' });
    const enrolWith = (stationId: string) => call('POST', '/v1/enrol', { authorization: `Bearer ${code}`, 'content-type': 'application/json' }, JSON.stringify({ stationId }));
    const wrong = await enrolWith('STA');
    expect(wrong.status).toBe(403);
    expect(wrong.error?.message).toContain('STC');
    const first = await enrolWith('STC');
    expect(first.status).toBe(200);
    const before = await snapshot();
    const again = await enrolWith('STC');
    expect(again.status).toBe(401);
    expect(again.error?.message).toMatch(/already used/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses malformed, oversized and out-of-order pushes with a reason, changing nothing', async () => {
    const before = await snapshot();
    const json = { authorization: a, 'content-type': 'application/json' };
    const cases: [string, Awaited<ReturnType<typeof call>>, number, RegExp][] = [
      ['not JSON', await call('POST', '/v1/sync/push', json, '{"events": ['), 400, /not JSON/],
      ['wrong type', await call('POST', '/v1/sync/push', { authorization: a, 'content-type': 'text/plain' }, body([receiptEvent('STA', 2, 1)])), 415, /application\/json/],
      ['no events', await call('POST', '/v1/sync/push', json, '{"events":[]}'), 400, /at least one/],
      ['bad event id', await call('POST', '/v1/sync/push', json, body([{ ...receiptEvent('STA', 3, 1), eventId: 'nope' }])), 400, /eventId/],
      ['negative seq', await call('POST', '/v1/sync/push', json, body([{ ...receiptEvent('STA', 3, 1), seq: -1 }])), 400, /seq/],
      ['extra field', await call('POST', '/v1/sync/push', json, JSON.stringify({ events: [receiptEvent('STA', 3, 1)], station: 'STB' })), 400, /station/],
      ['too many', await call('POST', '/v1/sync/push', json, body(Array.from({ length: 1001 }, (_, i) => receiptEvent('STA', 3 + i, 1 + i)))), 400, /at most 1000/],
      ['oversized', await call('POST', '/v1/sync/push', json, JSON.stringify({ events: [{ ...receiptEvent('STA', 3, 1), data: 'x'.repeat(4 * 1024 * 1024) }] })), 413, /most this endpoint takes/],
      ['out of order', await call('POST', '/v1/sync/push', json, body([receiptEvent('STA', 4, 2), receiptEvent('STA', 3, 1)])), 400, /station order/],
      ['gap inside', await call('POST', '/v1/sync/push', json, body([receiptEvent('STA', 3, 1), receiptEvent('STA', 5, 2)])), 400, /station order/],
      ['gap at the hub', await call('POST', '/v1/sync/push', json, body([receiptEvent('STA', 9, 1)])), 409, /send from seq 3/],
      ['bad cursor', await call('GET', '/v1/sync/pull?cursor=-1', { authorization: a }), 400, /cursor/],
      ['bad limit', await call('GET', '/v1/sync/pull?limit=999999', { authorization: a }), 400, /limit/],
      ['bad day', await call('GET', '/v1/admin/exports/gl-journal?day=yesterday', { authorization: `Bearer ${hub.adminToken}` }), 400, /YYYY-MM-DD/],
      ['unknown path', await call('GET', '/v1/sync/everything', { authorization: a }), 404, /openapi/],
    ];
    for (const [name, r, status, reason] of cases) {
      expect(r.status, name).toBe(status);
      expect(r.error?.message, name).toMatch(reason);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a bad directory import line by line, importing nothing', async () => {
    const before = await hub.db.kysely.selectFrom('accounts').select(sql<number>`count(*)::bigint`.as('n')).executeTakeFirstOrThrow();
    const csv = 'account_number,name,service_address,status,balance\n900000-01,New Person,1 Main St,active,10.00\n900000-02,Other,2 Main St,sleeping,1.00\n';
    const res = await fetch(`${hub.url}/v1/admin/directory/accounts`, { method: 'POST', headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^line 3: status "sleeping".*Nothing was imported/);
    expect(await hub.db.kysely.selectFrom('accounts').select(sql<number>`count(*)::bigint`.as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });
});
