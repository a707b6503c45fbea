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
