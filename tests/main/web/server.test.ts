// Browser mode over real HTTP on 127.0.0.1: the launch token is checked before anything else.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../src/main/web/server';
import { makeStation, PINS, type TestStation } from '../../helpers/station';

let t: TestStation;
let web: WebServer;
beforeAll(async () => { t = await makeStation(); web = await startWebServer(t.station); });
afterAll(async () => { await web.close(); t.cleanup(); });

const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${web.port}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

it('binds 127.0.0.1 only', () => {
  const addr = web.server.address();
  expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
});

it('refuses every /api/ request without the launch token with 401, even for unknown operations', async () => {
  for (const name of ['station.info', 'auth.signIn', 'no.such.op']) {
    const r = await api(name, { input: {} });
    expect(r.status).toBe(401);
  }
  expect((await api('station.info', { input: {} }, { authorization: 'Bearer wrong' })).status).toBe(401);
  expect((await fetch(`http://127.0.0.1:${web.port}/api/events`)).status).toBe(401);
});

it('answers the contract with the token, and typed errors for bad input', async () => {
  const auth = { authorization: `Bearer ${web.token}` };
  const info = await (await api('station.info', { input: {} }, auth)).json() as { ok: boolean; value: { stationId: string } };
  expect(info.value.stationId).toBe('ST01');
  const signIn = await (await api('auth.signIn', { input: { userId: 'cashier', pin: PINS.cashier } }, auth)).json() as { value: { token: string } };
  const noSession = await (await api('session.current', { input: {} }, auth)).json() as { ok: boolean; error: { code: string } };
  expect(noSession.error.code).toBe('NOT_SIGNED_IN');
  const cur = await (await api('session.current', { input: {} }, { ...auth, 'x-civictill-session': signIn.value.token })).json() as { ok: boolean; value: unknown };
  expect(cur).toEqual({ ok: true, value: null });
  const bad = await (await api('accounts.search', { input: { query: '', limit: 5 } }, { ...auth, 'x-civictill-session': signIn.value.token })).json() as { error: { code: string; field: string } };
  expect(bad.error).toMatchObject({ code: 'INVALID_INPUT', field: 'query' });
  const notJson = await fetch(`http://127.0.0.1:${web.port}/api/station.info`, { method: 'POST', headers: auth, body: '{' });
  expect(notJson.status).toBe(400);
});

it('answers a body that is not a request with a JSON error, and serves on', async () => {
  const auth = { authorization: `Bearer ${web.token}` };
  const post = (body: string | Uint8Array<ArrayBuffer>, type = 'application/json') => fetch(`http://127.0.0.1:${web.port}/api/station.info`, { method: 'POST', headers: { ...auth, 'content-type': type }, body });
  for (const [body, status, message] of [
    ['null', 400, 'must be a JSON object'],
    ['[1]', 400, 'must be a JSON object'],
    ['"x"', 400, 'must be a JSON object'],
    ['{"input":', 400, 'not JSON'],
    [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 400, 'not UTF-8'],
  ] as const) {
    const r = await post(body);
    expect(r.status).toBe(status);
    expect(((await r.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(message) });
  }
  expect((await post('{"input":{}}', 'application/x-www-form-urlencoded')).status).toBe(415);
  expect((await post('{"input":{}}', 'text/plain;charset=UTF-8')).status).toBe(200); // what fetch sends for a string body
  const info = (await (await post('{"input":{}}')).json()) as { ok: boolean };
  expect(info.ok).toBe(true);
});

it('an amount beyond 2^53 in the JSON is too large, on its field, not a fraction of a cent', async () => {
  const auth = { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' };
  const signIn = await (await api('auth.signIn', { input: { userId: 'cashier', pin: PINS.cashier } }, auth)).json() as { value: { token: string } };
  // Written as JSON text: 9007199254740993 cannot even be held exactly by a JavaScript number.
  const body = '{"input":{"id":"7d7b9a52-51e0-4b7e-9a43-1f0c2a8b9e11","lines":[{"revenueCode":"MISC","amountCents":9007199254740993}],"tenders":[{"kind":"cash","amountCents":100}]}}';
  const r = await fetch(`http://127.0.0.1:${web.port}/api/receipt.post`, { method: 'POST', headers: { ...auth, 'x-civictill-session': signIn.value.token }, body });
  const e = ((await r.json()) as { error: { code: string; field: string; message: string } }).error;
  expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'lines.0.amountCents' });
  expect(e.message).toBe('Please correct this field: Amount is too large: check the keying.');
});
