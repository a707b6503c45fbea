// `civictill setup` as an install script runs it: real processes, a real hub, real files; then `verify`.
// Each refusal has its exit code and changes nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REVENUE_CODES } from '../../../src/main/station/demoData';
import { closedPort } from '../../helpers/closedPort';
import { makeHub, type TestHub } from '../../helpers/hub';

const bin = fileURLToPath(new URL('../../../bin/civictill.js', import.meta.url));
const run = promisify(execFile);
const civictill = (...args: string[]) => run(process.execPath, [bin, ...args], { timeout: 120_000 }).then(
  (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

let hub: TestHub;
let dir: string;
const count = (db: string, table: string) => {
  const d = new Database(db, { readonly: true });
  try { return (d.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n; } finally { d.close(); }
};

beforeAll(async () => {
  hub = await makeHub();
  await hub.admin('POST', '/v1/admin/directory/users', [{ id: 'maria', name: 'María Ortega', role: 'cashier', pin: '482913' }, { id: 'it', name: 'City IT', role: 'admin', pin: '771942' }]);
  await hub.admin('POST', '/v1/admin/city', { name: 'City of Fairview', address: '1 Civic Plaza, Fairview', timeZone: 'America/Denver' });
  dir = mkdtempSync(join(tmpdir(), 'civictill-setup-cli-'));
}, 120_000);
afterAll(async () => { rmSync(dir, { recursive: true, force: true }); await hub?.cleanup(); });

describe('civictill setup --hub --code', () => {
  it('sets a new station up from the code alone, then refuses the used code, and a set-up database', async () => {
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST04' });
    const db = join(dir, 'st04.db');
    const r = await civictill('setup', '--db', db, '--hub', hub.url, '--code', code);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('as station ST04 (City of Fairview)');
    expect(r.stdout).toMatch(/2 users, \d+ revenue codes, 200 accounts/);
    expect(count(db, 'accounts')).toBe(200);
    const v = await civictill('verify', '--db', db);
    expect(v.code, v.stderr).toBe(0);
    const d = new Database(db, { readonly: true });
    const settings = Object.fromEntries((d.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map((x) => [x.key, JSON.parse(x.value)]));
    d.close();
    expect(settings).toMatchObject({ stationId: 'ST04', cityName: 'City of Fairview', timeZone: 'America/Denver', setupPending: false });

    const again = await civictill('setup', '--db', db, '--hub', hub.url, '--code', code);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('already set up');
    const used = await civictill('setup', '--db', join(dir, 'other.db'), '--hub', hub.url, '--code', code);
    expect(used.code).toBe(4);
    expect(used.stderr).toContain('already used');
    expect(count(join(dir, 'other.db'), 'users')).toBe(0);
  }, 120_000);

  it('says which way it failed: a code the hub does not know, an expired one, a hub that is not there, bad arguments', async () => {
    const db = join(dir, 'refused.db');
    const unknown = await civictill('setup', '--db', db, '--hub', hub.url, '--code', 'ABCD-EFGH-JKMN');
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('does not know this enrolment code');
    // An hour's code, an hour and a minute later (the hub's own clock).
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST05', ttlHours: 1 });
    await hub.db.kysely.updateTable('enrolment_codes').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('station_id', '=', 'ST05').execute();
    const expired = await civictill('setup', '--db', db, '--hub', hub.url, '--code', code);
    expect(expired.code).toBe(4);
    expect(expired.stderr).toContain('expired');
    const gone = await civictill('setup', '--db', db, '--hub', `http://127.0.0.1:${await closedPort()}`, '--code', code);
    expect(gone.code).toBe(5);
    expect(gone.stderr).toContain('cannot be reached');
    const half = await civictill('setup', '--db', db, '--hub', hub.url);
    expect(half.code).toBe(2);
    const unknownFlag = await civictill('setup', '--db', db, '--frobnicate', 'x');
    expect(unknownFlag.code).toBe(2);
    for (const t of ['users', 'revenue_codes', 'accounts', 'hub_link']) expect(count(db, t), t).toBe(0);
  }, 120_000);
});

describe('civictill setup, stand-alone', () => {
  it('makes the first admin, the city and the catalogue, and the accounts; refuses a bad catalogue with its line, importing nothing', async () => {
    const db = join(dir, 'alone.db');
    const pinFile = join(dir, 'pin.txt');
    writeFileSync(pinFile, '90817263\n');
    const catalog = join(dir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify(DEMO_REVENUE_CODES, null, 2));
    const accounts = join(dir, 'accounts.csv');
    writeFileSync(accounts, 'account_number,name,service_address,status,balance\n100001-01,Ann Lee,1 Oak St,active,12.34\n100002-01,Bo Diaz,2 Elm St,delinquent,0.00\n');
    const bad = join(dir, 'bad.json');
    const broken = JSON.stringify(DEMO_REVENUE_CODES, null, 2).split('\n');
    const glLine = broken.findIndex((l) => l.includes('"gl"'));
    broken[glLine] = broken[glLine]!.replace(/"gl": "[^"]*"/, '"gl": "not-a-gl"');
    writeFileSync(bad, broken.join('\n'));
    const base = ['setup', '--db', db, '--admin', 'pat', '--admin-name', 'Pat Admin', '--pin-file', pinFile, '--city', 'Town of Elm', '--station', 'ST01', '--time-zone', 'America/Chicago'];

    const refused = await civictill(...base, '--catalog', bad, '--accounts', accounts);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain(`at line ${glLine + 1}`);
    expect(refused.stderr).toContain('Nothing was imported');
    for (const t of ['users', 'revenue_codes', 'accounts']) expect(count(db, t), t).toBe(0);

    const missing = await civictill(...base, '--catalog', join(dir, 'nope.json'));
    expect(missing.code).toBe(6);
    expect(missing.stderr).toContain('no such file');

    const short = join(dir, 'short.txt');
    writeFileSync(short, '1234\n');
    const shortPin = await civictill(...base.map((x) => (x === pinFile ? short : x)), '--catalog', catalog);
    expect(shortPin.code).toBe(2);
    expect(shortPin.stderr).toContain('6 to 8 digits');

    const ok = await civictill(...base, '--catalog', catalog, '--accounts', accounts);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Station ST01 of Town of Elm is set up on its own: admin pat, ${DEMO_REVENUE_CODES.length} revenue codes`);
    expect(count(db, 'accounts')).toBe(2);
    expect((await civictill('verify', '--db', db)).code).toBe(0);
    const again = await civictill(...base, '--catalog', catalog);
    expect(again.code).toBe(3);
  }, 120_000);
});
