// The logs IT reads after a day at the counter: the station's rotating file (sync, backups, devices,
// sign-ins, setup, unexpected errors with their stack) and the hub's pino JSON lines with a request ID.
// Then grepped: no demo PIN, no enrolment code or station secret, no test card number, anywhere in
// them or in the support bundle.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/dispatch';
import { allHandlers } from '../../../src/main/registry';
import { attachLog, type StationLog } from '../../../src/main/station/log/stationLog';
import { syncOf } from '../../../src/main/sync/service';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import type { Handlers } from '../../../src/main/station/handlers';
import { closeOutBalanced, postNth } from '../../helpers/dayAtCounter';
import { makeHub, type TestHub } from '../../helpers/hub';
import { makeStation, PINS, uuid, type TestStation } from '../../helpers/station';
import { FAST } from '../../helpers/syncOptions';

const TEST_CARDS = ['4111111111111111', '4242424242424242', '5555555555554444', '4111 1111 1111 1111'];
let hub: TestHub;
let t: TestStation;
let log: StationLog;
let enrolCode = '';
const hubLines: string[] = [];
const allLogText = () => [...log.file.files().map((f) => readFileSync(f, 'utf8')), hubLines.join('\n')].join('\n');

beforeAll(async () => {
  // The hub's own log lines, as the server writes them (its tests otherwise silence them).
  hub = await makeHub({ log: (l) => hubLines.push(l) });
  t = await makeStation();
  log = attachLog(t.station, join(t.dir, 'logs'), { maxBytes: 4 * 1024, keep: 3 });
  syncOf(t.station, FAST);
  enrolCode = (await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' })).code;
  await t.ok('sync.enrol', { hubUrl: hub.url, code: enrolCode }, 'admin');
  await t.ok('backup.updateSettings', { folder: join(t.dir, 'backups'), intervalMinutes: 15, keep: 2 }, 'admin');
  // The day: sign-ins (one with a wrong PIN), a drawer, payments in cash, check and card, a card number typed where it must not be.
  expect((await dispatch(t.station, 'auth.signIn', { userId: 'cashier', pin: '9999' })).ok).toBe(false);
  for (const who of ['cashier', 'supervisor', 'admin'] as const) expect((await dispatch(t.station, 'auth.signIn', { userId: who, pin: PINS[who] })).ok).toBe(true);
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  for (let i = 0; i < 60; i++) await postNth(t, i);
  const typed = await t.call('receipt.post', { id: uuid(), payerName: `Ann ${TEST_CARDS[0]}`, lines: [{ revenueCode: 'MISC', amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] });
  expect(typed.ok).toBe(false);
  await t.ok('backup.now', {}, 'admin');
  await closeOutBalanced(t);
  await t.ok('sync.now', {});
  // Something the station did not expect: its stack goes to the log, the card number in its message does not.
  const broken: Handlers = { ...allHandlers, 'station.info': () => { throw new Error(`printer said ${TEST_CARDS[1]} then died`); } };
  const r = await dispatch(t.station, 'station.info', {}, undefined, broken);
  expect(r.ok ? null : r.error.code).toBe('INTERNAL');
}, 180_000);
afterAll(async () => { await syncOf(t.station).stop(); t?.cleanup(); await hub?.cleanup(); });

describe('the logs after a day at the counter', () => {
  it('the station kept a rotating file: sync, backups, sign-ins, and the unexpected error with its stack', () => {
    const files = log.file.files();
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) expect(statSync(f).size).toBeLessThanOrEqual(4 * 1024);
    const lines = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean)).map((l) => JSON.parse(l) as { msg: string; level: string; err?: { stack: string; message: string } });
    const msgs = new Set(lines.map((l) => l.msg));
    for (const m of ['station started', 'sync.enrolled', 'sync.status', 'sync.pushed', 'directory.pulled', 'backup.run', 'auth.failed', 'auth.signedIn', 'closeout.counted']) expect(msgs, m).toContain(m);
    const err = lines.find((l) => l.msg === 'station.info failed unexpectedly');
    expect(err?.level).toBe('error');
    expect(err?.err?.stack).toContain('logs.test.ts');
    expect(err?.err?.message).toContain('[card …4242]');
  });

  it('the hub wrote one JSON line per request with its request ID, and sends the ID back', async () => {
    const reqs = hubLines.map((l) => JSON.parse(l) as { msg: string; reqId: string; path: string; status: number; service: string }).filter((l) => l.msg === 'request');
    expect(reqs.map((l) => l.path)).toEqual(expect.arrayContaining(['/v1/enrol', '/v1/sync/push', '/v1/sync/pull']));
    for (const l of reqs) expect(l.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(reqs.map((l) => l.reqId)).size).toBe(reqs.length);
    const res = await fetch(`${hub.url}/v1/health`);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => hubLines.some((l) => l.includes(res.headers.get('x-request-id')!))).toBe(true);
  });

  it('no PIN, enrolment code, secret, admin token or card number in any log, nor in the support bundle', async () => {
    const bundle = await t.ok('support.bundle', {}, 'admin');
    const parsed = JSON.parse(bundle.content) as { verify: { ok: boolean }; logs: string[]; settings: Record<string, unknown>; versions: { schema: number } };
    expect(parsed.verify.ok).toBe(true);
    expect(parsed.logs.length).toBeGreaterThan(10);
    expect(parsed.versions.schema).toBeGreaterThan(0);
    const secret = t.station.st.sqlGet<{ secret: string }>('SELECT secret FROM hub_link')!.secret;
    for (const text of [allLogText(), bundle.content]) {
      for (const pin of Object.values(PINS)) expect(text).not.toMatch(new RegExp(`(^|\\D)${pin}(\\D|$)`));
      for (const card of TEST_CARDS) expect(text).not.toContain(card);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(hub.adminToken);
      expect(text).not.toContain(enrolCode);
      expect(text).not.toContain(enrolCode.replace(/-/g, ''));
      expect(text).not.toMatch(/scrypt\$/);
    }
  });
});
