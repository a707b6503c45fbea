// Issue 10, defects 3–5 and the root rule "no poison event": whatever a station or a caller sends, the hub
// answers 4xx with a reason, or stores it whole — never a 500. What a station already holds (a NUL, a lone
// surrogate) is stored and the station's later events keep flowing. Then a generated barrage of hostile
// requests over every route and every credential kind: no 500, and a refused push stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeHub, enrolStation, ENGINE, type TestHub } from '../helpers/hub';
import { body, push, receiptEvent, sessionEvent } from './events';
import { routes } from '../../src/hub/routes';
import type { WireEvent } from '../../src/shared/hubProtocol';
import { Ajv2020 } from 'ajv/dist/2020.js';

let hub: TestHub;
const auth: Record<string, string> = {};
beforeAll(async () => {
  hub = await makeHub();
  for (const s of ['H1', 'H2', 'H3', 'FZ']) {
    auth[s] = (await enrolStation(hub, s)).auth;
    expect((await push(hub.url, auth[s]!, [sessionEvent(s, 1)])).status).toBe(200);
  }
});
afterAll(async () => { await hub?.cleanup(); });

const count = async (table: string) => Number((await sql.raw<{ n: string }>(`SELECT count(*)::bigint AS n FROM ${table}`).execute(hub.db.kysely)).rows[0]!.n);
const acked = async (s: string) => Number((await hub.db.kysely.selectFrom('stations').select('acked_seq').where('station_id', '=', s).executeTakeFirstOrThrow()).acked_seq);
const admin = { authorization: () => `Bearer ${hub.adminToken}` };

describe(`hostile input (${ENGINE})`, () => {
  it("stores a NUL and a lone surrogate a station's outbox already holds, and the station's later events flow", async () => {
    const nul = receiptEvent('H1', 2, 1);
    (nul.data as { payerName: string }).payerName = 'Ann\u0000Lee';
    const lone = receiptEvent('H1', 3, 2);
    (lone.data as { payerName: string }).payerName = 'Bob \ud800 Roe';
    const r = await push(hub.url, auth.H1!, [nul, lone]);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const names = await hub.db.kysely.selectFrom('receipts').select(['receipt_number', 'payer_name']).where('station_id', '=', 'H1').orderBy('seq').execute();
    expect(names).toEqual([{ receipt_number: 'H1-000001', payer_name: 'Ann\ufffdLee' }, { receipt_number: 'H1-000002', payer_name: 'Bob \ufffd Roe' }]);
    // The event is kept exactly as the station sent it: a replay matches byte for byte.
    const replay = await push(hub.url, auth.H1!, [nul]);
    expect(replay.status).toBe(200);
    expect(replay.json.replayed).toBe(1);
    expect((await push(hub.url, auth.H1!, [receiptEvent('H1', 4, 3)])).json.ackedSeq).toBe(4);
  });

  it('a line number past the integer column is stored with an exception, not a 500', async () => {
    const big = receiptEvent('H1', 5, 4);
    (big.data as { lines: { lineNo: number }[] }).lines[0]!.lineNo = 2147483648;
    const r = await push(hub.url, auth.H1!, [big]);
    expect(r.status).toBe(200);
    const ex = await hub.db.kysely.selectFrom('exceptions').select(['kind', 'detail']).where('station_id', '=', 'H1').where('seq', '=', 5).execute();
    expect(ex.map((x) => x.kind)).toEqual(['unreadable_event']);
    expect(ex[0]!.detail).toMatch(/lineNo/);
  });

  it('refuses event data nested 200,000 deep with a 400 (no stack overflow)', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const text = `{"events":[{"eventId":"${crypto.randomUUID()}","stationId":"H1","seq":6,"kind":"x.y","at":"2026-11-20T17:00:00.000Z","data":${deep}}]}`;
    const res = await fetch(`${hub.url}/v1/sync/push`, { method: 'POST', headers: { authorization: auth.H1!, 'content-type': 'application/json' }, body: text });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/nest at most 32/);
    expect(await acked('H1')).toBe(5);
  });

  it('refuses impossible days with 400 on every endpoint that takes one', async () => {
    const dayRoutes = routes.filter((r) => r.query?.shape && 'day' in r.query.shape);
    expect(dayRoutes.length).toBeGreaterThanOrEqual(6);
    for (const r of dayRoutes) {
      for (const day of ['2026-02-30', '2026-13-01', '2025-02-29', '0000-00-00']) {
        const res = await fetch(`${hub.url}${r.path}?day=${day}`, { headers: { authorization: admin.authorization() } });
        expect(res.status, `${r.path} ${day}`).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/calendar day/);
      }
      expect((await fetch(`${hub.url}${r.path}?day=2024-02-29`, { headers: { authorization: admin.authorization() } })).status, r.path).toBe(200);
    }
  });

  it('two stations misbehaving at once leave a third station exact', async () => {
    const before = await hub.admin<{ byStation: Record<string, { receipts: number; totalCents: number }> }>('GET', '/v1/admin/totals?day=2026-11-20');
    expect(before.byStation.H3).toBeUndefined();
    const h1 = await acked('H1');
    const good: WireEvent[] = [];
    const bad1: WireEvent[] = [], bad2: WireEvent[] = [];
    for (let i = 0; i < 20; i++) {
      good.push(receiptEvent('H3', 2 + i, 1 + i, { cents: 1000 + i }));
      // H1 reuses H3's client UUIDs and holds NULs; H2 forges H3's receipt numbers.
      const x = receiptEvent('H1', h1 + 1 + i, 100 + i, { cents: 500 });
      (x.data as { id: string; payerName: string }).id = (good[i]!.data as { id: string }).id;
      (x.data as { payerName: string }).payerName = `x\u0000${i}`;
      bad1.push(x);
      const y = receiptEvent('H2', 2 + i, 1 + i, { cents: 700 });
      (y.data as { receiptNumber: string }).receiptNumber = `H3-${String(1 + i).padStart(6, '0')}`;
      bad2.push(y);
    }
    const results = await Promise.all([
      ...good.map((e) => push(hub.url, auth.H3!, [e])),
      ...bad1.map((e) => push(hub.url, auth.H1!, [e])),
      push(hub.url, auth.H2!, bad2),
    ]);
    expect(results.every((r) => r.status !== 500)).toBe(true);
    // Out-of-order single-event pushes may be told SEQ_GAP: send what is left in order, as a station does.
    for (const [s, evs] of [['H3', good], ['H1', bad1]] as const) {
      const from = await acked(s);
      const rest = evs.filter((e) => e.seq > from);
      if (rest.length) expect((await push(hub.url, auth[s]!, rest)).status).toBe(200);
    }
    expect((await push(hub.url, auth.H2!, bad2)).json.error?.code).toBe('FOREIGN_ID');
    const after = await hub.admin<{ byStation: Record<string, { receipts: number; totalCents: number }> }>('GET', '/v1/admin/totals?day=2026-11-20');
    expect(after.byStation.H3).toEqual({ receipts: 20, totalCents: good.reduce((s, e) => s + (e.data as { totalCents: number }).totalCents, 0) });
    expect(after.byStation.H1!.receipts).toBe((before.byStation.H1?.receipts ?? 0) + 20);
    expect(after.byStation.H2).toBeUndefined();
    // Whichever of the two reached the hub second for a UUID is kept under the hub's key and gets the
    // exception: one per reused id, each naming both stations.
    const clashes = await hub.db.kysely.selectFrom('exceptions').select(['detail']).where('station_id', 'in', ['H1', 'H3']).where('kind', '=', 'id_clash').execute();
    expect(clashes).toHaveLength(20);
    for (const c of clashes) expect(c.detail).toMatch(/H1[\s\S]*H3|H3[\s\S]*H1/);
  });

  it('check images: hostile hashes, offsets, sizes, bodies and content types get a 4xx with a reason, never a 500, and nothing is kept', async () => {
    const named = 'ab'.repeat(32);
    // HI names one image, so requests for it pass the "named" check and reach the chunk rules.
    auth.HI = (await enrolStation(hub, 'HI')).auth;
    const ev = { eventId: crypto.randomUUID(), stationId: 'HI', seq: 1, kind: 'check.images', at: '2026-11-20T17:00:00.000Z', data: { receiptId: 'R1', tenderNo: 1, front: named, back: null } };
    expect((await push(hub.url, auth.HI, [ev as WireEvent])).status).toBe(200);
    const hashes = [named, named.toUpperCase(), named.slice(2), named + '0', '%00'.repeat(22), '', "' OR 1=1 --", 'g'.repeat(64)];
    const nums = ['0', '1', '-1', '1.5', '1e3', '99999999999999999999', '', '%00', String(2 ** 31), '1048576', '1048577'];
    const bodies = [Buffer.alloc(0), Buffer.from('x\u0000\ud800'), Buffer.alloc(300_000)];
    const statuses: Record<number, number> = {};
    let sent = 0;
    for (const h of hashes) for (const offset of nums) for (const size of ['10', '5', '0', '-1', '1e3', '1048577', '999999999999999']) {
      const query = `?sha256=${h}&offset=${offset}&size=${size}`;
      for (const b of bodies) for (const type of ['application/octet-stream', 'application/json']) {
        const res = await fetch(`${hub.url}/v1/sync/check-images${query}`, { method: 'POST', headers: { authorization: auth.HI!, 'content-type': type }, body: new Uint8Array(b) });
        const text = await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        sent++;
        expect(res.status, `${query} ${b.length} ${type}: ${text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(/\w/);
      }
      const get = await fetch(`${hub.url}/v1/sync/check-images${query}`, { headers: { authorization: auth.HI! } });
      expect(get.status).toBeLessThan(500);
    }
    console.log(`hostile check-image requests: ${sent} sent; by status ${JSON.stringify(statuses)}`);
    expect(statuses[500]).toBeUndefined();
    // The one hash that passed every rule never hashed to its name: nothing of it is kept as complete.
    expect(await count('check_images')).toBe(0);
  }, 600_000);

  it('answers a generated barrage of hostile requests on every route and credential with no 500, and a refused push stores nothing', async () => {
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'FZ2' });
    const creds: Record<string, string | undefined> = {
      none: undefined, station: auth.FZ, admin: `Bearer ${hub.adminToken}`, enrolment: `Bearer ${code}`,
      garbage: 'Basic \u00ff\u00fe', wrongScheme: 'Digest x', bearerNul: 'Bearer a%00b',
    };
    const strings = ['', 'x'.repeat(70_000), 'a\u0000b', '\ud800', '\udfff', '\u202e', '../../etc/passwd', "' OR 1=1 --", '%00', '0', '-1', '1e309', '9'.repeat(40)];
    const numbers = [0, -1, 1.5, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308];
    const hostileValues: unknown[] = [null, true, [], {}, ...strings, ...numbers, { a: { b: { c: [[[[]]]] } } }];
    const nest = (n: number) => JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n)) as unknown;
    const bodies: string[] = [
      '', '{', 'null', '[]', '"x"', '0', '{"events":null}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}',
      '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', JSON.stringify({ events: [{}] }),
      ...hostileValues.map((v) => JSON.stringify({ value: v })), ...hostileValues.map((v) => JSON.stringify(v)),
    ];
    // Push: a real receipt with one field at a time replaced by each hostile value.
    let seq = 2;
    const receiptFields = ['id', 'receiptNumber', 'stationId', 'seq', 'sessionId', 'cashierId', 'businessDay', 'createdAt', 'payerName', 'totalCents', 'tenderedCents', 'changeCents'];
    const mutated: (() => WireEvent)[] = [];
    for (const f of receiptFields) for (const v of hostileValues) mutated.push(() => { const e = receiptEvent('FZ', seq, seq - 1); (e.data as Record<string, unknown>)[f] = v; return e; });
    for (const f of ['lineNo', 'revenueCode', 'accountNumber', 'amountCents']) for (const v of hostileValues) mutated.push(() => { const e = receiptEvent('FZ', seq, seq - 1); (e.data as { lines: Record<string, unknown>[] }).lines[0]![f] = v; return e; });
    for (const f of ['tenderNo', 'kind', 'amountCents', 'checkRouting', 'cardLast4']) for (const v of hostileValues) mutated.push(() => { const e = receiptEvent('FZ', seq, seq - 1); (e.data as { tenders: Record<string, unknown>[] }).tenders[0]![f] = v; return e; });
    for (const kind of ['session.opened', 'receipt.voided', 'receipt.offline', 'drawer.paid_in', 'closeout.counted', 'session.closed', 'session.reopened', 'check.returned', 'exception.resolved', 'deposit.created', 'deposit.prepared', 'deposit.verified', 'businessDay.closed', 'arrangement.created', 'arrangement.cancelled']) {
      for (const v of [...hostileValues, nest(30), { sessionId: 'a\u0000', id: '\ud800', depositId: 'x', receiptId: 'S-H3', arrangementId: 'y', exceptionId: 2 ** 40, note: 'n\u0000ote', userId: 'u' }]) {
        mutated.push(() => ({ eventId: crypto.randomUUID(), stationId: 'FZ', seq, kind, at: '2026-11-20T17:00:00.000Z', data: v }));
      }
    }
    for (const v of hostileValues) {
      for (const f of ['eventId', 'stationId', 'seq', 'kind', 'at']) mutated.push(() => ({ ...receiptEvent('FZ', seq, seq - 1), [f]: v }) as WireEvent);
    }

    // Every answer is checked against the hub's own OpenAPI document: its status is documented for the
    // operation, and its body has the documented shape.
    type Op = { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> };
    const doc = await (await fetch(`${hub.url}/v1/openapi.json`)).json() as { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, unknown> } };
    const ajv = new Ajv2020({ strict: false, logger: false });
    const validators = new Map<unknown, ReturnType<typeof ajv.compile>>();
    const check = (schema: Record<string, unknown>, value: unknown) => {
      const s = schema.$ref === '#/components/schemas/HubError' ? doc.components.schemas.HubError as object : schema;
      if (!validators.has(s)) validators.set(s, ajv.compile(s));
      const v = validators.get(s)!;
      return v(value) ? null : ajv.errorsText(v.errors);
    };
    const tally = { sent: 0, s500: 0, checked: 0, byStatus: {} as Record<number, number>, failures: [] as string[], undocumented: [] as string[] };
    const send = async (method: string, path: string, headers: Record<string, string>, payload?: string, route?: { path: string; method: string }) => {
      const res = await fetch(hub.url + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
      const text = await res.text();
      tally.sent++;
      if (route) {
        const op = doc.paths[route.path]?.[route.method.toLowerCase()];
        const documented = op?.responses[String(res.status)];
        const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
        const schema = documented?.content?.[type]?.schema;
        const wrong = !documented ? 'status not documented' : !schema ? `content type ${type} not documented` : type === 'application/json' ? check(schema, JSON.parse(text)) : null;
        if (wrong && tally.undocumented.length < 10) tally.undocumented.push(`${method} ${path} ${res.status}: ${wrong}`);
        tally.checked++;
      }
      tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
      if (res.status >= 500) { tally.s500++; if (tally.failures.length < 10) tally.failures.push(`${method} ${path} ${res.status} ${text.slice(0, 200)} <- ${(payload ?? '').slice(0, 120)}`); }
      if (res.status >= 400) expect(JSON.parse(text).error.message, `${method} ${path}`).toMatch(/\w/);
      return res.status;
    };
    for (const make of mutated) {
      const events = await count('events');
      const status = await send('POST', '/v1/sync/push', { authorization: auth.FZ!, 'content-type': 'application/json' }, body([make()]), { path: '/v1/sync/push', method: 'POST' });
      if (status === 200) seq++;
      else expect(await count('events'), 'a refused push stores nothing').toBe(events);
    }
    const queries = ['', '?day=2026-02-30', '?day=%00', '?day=2026-11-20&day=2026-11-21', '?cursor=-1', '?cursor=99999999999999999999', '?cursor=1e3', '?limit=0', '?limit=%00',
      '?station=%00', '?station=' + 'x'.repeat(5000), '?open=%ud800', '?station=H1%27--', '?day=2026-11-20&station=H1'];
    for (const route of routes) {
      const paths = route.path.includes('{id}') ? ['1', '0', '999999999999999', '9'.repeat(16), '-1', '%00', 'x'].map((id) => route.path.replace('{id}', id)) : [route.path];
      for (const path of paths) for (const cred of Object.values(creds)) {
        const headers: Record<string, string> = cred ? { authorization: cred } : {};
        if (route.method === 'GET') for (const q of queries) await send('GET', path + q, headers, undefined, route);
        else for (const b of bodies) for (const type of [route.body?.type ?? 'application/json', 'text/plain']) await send('POST', path, { ...headers, 'content-type': type }, b, route);
      }
    }
    for (const [m, p] of [['DELETE', '/v1/sync/push'], ['PUT', '/v1/admin/totals'], ['GET', '/v1/../v1/health'], ['GET', '/%00'], ['GET', '/v1/admin/exceptions/1/resolve'], ['POST', '/v1/openapi.json']] as const) {
      await send(m, p, { authorization: `Bearer ${hub.adminToken}` });
    }
    console.log(`hostile requests: ${tally.sent} sent, ${tally.s500} answered 500, ${tally.checked} checked against the OpenAPI document; by status ${JSON.stringify(tally.byStatus)}`);
    expect(tally.failures).toEqual([]);
    expect(tally.undocumented).toEqual([]);
    expect(tally.s500).toBe(0);
    expect(tally.sent).toBeGreaterThan(3000);
  }, 600_000);
});
