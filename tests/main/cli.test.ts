// The `civictill` command as an installer or IT person runs it: real processes, real database files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/civictill.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'civictill-cli-'));
const civictill = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const demoDb = join(dir, 'demo.db');
let demoOut = '';

beforeAll(() => {
  const r = civictill('demo', '--db', demoDb);
  expect(r.status, r.stderr).toBe(0);
  demoOut = r.stdout;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('civictill demo', () => {
  it('creates the demo city: revenue codes with GL and both languages, 10,000 accounts, three users with PINs printed once', () => {
    const db = new Database(demoDb, { readonly: true });
    try {
      const codes = db.prepare('SELECT code, gl_account, name_en, name_es FROM revenue_codes').all() as { code: string; gl_account: string; name_en: string; name_es: string }[];
      expect(codes.length).toBeGreaterThanOrEqual(8);
      for (const c of ['WATER', 'SEWER', 'GARB', 'BLIC', 'BPRM', 'LID', 'UDEP', 'NSF']) expect(codes.map((x) => x.code)).toContain(c);
      for (const c of codes) {
        expect(c.gl_account).toMatch(/^\d{3}-\d{4}-\d{5}$/);
        expect(c.name_es).not.toBe(c.name_en);
      }
      const blic = db.prepare("SELECT rule FROM fee_schedules WHERE revenue_code = 'BLIC' ORDER BY effective_from DESC").get() as { rule: string };
      expect(JSON.parse(blic.rule).type).toBe('tiered');
      expect((db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n).toBe(10_000);
      const statuses = db.prepare('SELECT status, COUNT(*) AS n FROM accounts GROUP BY status').all() as { status: string; n: number }[];
      expect(statuses.map((s) => s.status).sort()).toEqual(['active', 'closed', 'delinquent', 'final', 'shutoff_pending']);
      const users = db.prepare('SELECT id, role, pin_hash FROM users ORDER BY id').all() as { id: string; role: string; pin_hash: string }[];
      expect(users.map((u) => u.role).sort()).toEqual(['admin', 'cashier', 'supervisor']);
      for (const u of users) {
        const pin = new RegExp(`${u.id}\\s+PIN (\\d+)`).exec(demoOut)?.[1];
        expect(pin).toMatch(/^\d{6}$/);
        expect(u.pin_hash).toMatch(/^scrypt\$/);
        expect(u.pin_hash).not.toContain(pin!);
      }
    } finally { db.close(); }
  });

  it('refuses to overwrite an existing database', () => {
    const r = civictill('demo', '--db', demoDb);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('already exists');
  });
});

describe('civictill import-accounts', () => {
  it('imports a CIS export with quoted fields, credits and cash-only dates', () => {
    const csv = join(dir, 'good.csv');
    writeFileSync(csv, 'account_number,name,service_address,status,balance,cash_only_until\n'
      + '900001-01,"Okafor, Chinedu",12 Elm St,active,123.45,\n'
      + '900002-01,Jane Q. Public,"400 Main St, Unit 2",delinquent,-12.00,2027-05-01\n');
    const r = civictill('import-accounts', csv, '--db', demoDb);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Imported 2 accounts');
    const db = new Database(demoDb, { readonly: true });
    const a = db.prepare("SELECT * FROM accounts WHERE account_number = '900002-01'").get() as { balance_cents: number; cash_only_until: string; service_address: string };
    db.close();
    expect(a.balance_cents).toBe(-1200);
    expect(a.cash_only_until).toBe('2027-05-01');
    expect(a.service_address).toBe('400 Main St, Unit 2');
  });

  it.each([
    ['a balance with fractions of a cent', '900010-01,A,1 A St,active,1.005\n', 'line 3: balance "1.005"'],
    ['an unknown status', '900010-01,A,1 A St,sleeping,1.00\n', 'line 3: status "sleeping"'],
    ['a duplicated account', '900001-01,A,1 A St,active,1.00\n', 'line 3: account 900001-01 appears twice (first on line 2)'],
    ['a missing name', '900010-01,,1 A St,active,1.00\n', 'line 3: account 900010-01 has no name'],
    ['a short row', '900010-01,A\n', 'line 3'],
  ])('stops at %s with its line number and imports nothing', (_what, badRow, message) => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'account_number,name,service_address,status,balance\n900001-01,Valid Person,5 Oak Ave,active,10.00\n' + badRow + '900011-01,Also Valid,6 Oak Ave,active,2.00\n');
    const db = new Database(demoDb, { readonly: true });
    const before = db.prepare("SELECT name FROM accounts WHERE account_number = '900001-01'").get();
    const count = db.prepare('SELECT COUNT(*) AS n FROM accounts').get();
    db.close();
    const r = civictill('import-accounts', csv, '--db', demoDb);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Nothing was imported');
    const after = new Database(demoDb, { readonly: true });
    expect(after.prepare("SELECT name FROM accounts WHERE account_number = '900001-01'").get()).toEqual(before);
    expect(after.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual(count);
    after.close();
  });

  it('names a missing column', () => {
    const csv = join(dir, 'nocol.csv');
    writeFileSync(csv, 'account_number,name,status,balance\n1-1,A,active,1.00\n');
    const r = civictill('import-accounts', csv, '--db', demoDb);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing column "service_address"');
  });
});

describe('civictill verify', () => {
  it('passes with a one-line summary, then names the journal row edited behind the app’s back', () => {
    const ok = civictill('verify', '--db', demoDb);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(ok.stdout).toMatch(/^OK: \d+ journal rows/);

    const db = new Database(demoDb);
    db.exec('DROP TRIGGER journal_no_update');
    db.exec("UPDATE journal SET payload = json_set(payload, '$.accounts', 1) WHERE seq = 2");
    db.exec("CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only: write a correcting row'); END");
    db.close();
    const bad = civictill('verify', '--db', demoDb);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/invariant 7 .* at journal seq 2 /);
  });

  it('says what is wrong when the database does not exist', () => {
    const r = civictill('verify', '--db', join(dir, 'nope.db'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no such database');
  });
});
