// A full card number in free text is refused wherever text comes in (issue 17, defect 5): the
// station's and the hub's CIS account import (all or nothing, line named), the hub's catalogue and
// user imports, and text the hub already holds (from before it checked) is stored at the station
// masked to its last four digits and without control characters — the journal says how many fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importAccounts, ImportError } from '../../../src/main/station/importAccounts';
import { syncOf } from '../../../src/main/sync/service';
import { CARD_NUMBER_MESSAGE, CONTROL_MESSAGE } from '../../../src/shared/text';
import { makeStation, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';

const header = 'account_number,name,service_address,status,balance\n';
let hub: TestHub;
let t: TestStation;
beforeAll(async () => {
  hub = await makeHub();
  t = await makeStation({ accounts: 10 });
  syncOf(t.station, FAST);
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
  await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
});
afterAll(async () => { t?.cleanup(); await hub?.cleanup(); });

const accountCount = () => t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM accounts')!.n;

describe('the CIS account export at the station (import-accounts)', () => {
  it('refuses a card number in a name or an address, naming the line; nothing is imported', () => {
    const before = accountCount();
    for (const [csv, line, column] of [
      [`${header}C-1,Ann Lee,1 Main St,active,1.00\nC-2,Bob 4111 1111 1111 1111,2 Main St,active,2.00\n`, 3, 'name'],
      [`${header}C-3,Cy Do,card 5500-0000-0000-0004,active,0.00\n`, 2, 'service_address'],
    ] as const) {
      let err: unknown;
      try { importAccounts(t.station, csv, 'cis.csv'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).line).toBe(line);
      expect((err as ImportError).message).toContain(`${column} holds a card number. ${CARD_NUMBER_MESSAGE}`);
    }
    expect(accountCount()).toBe(before);
  });

  it('refuses a control character, and folds line breaks in a quoted field into spaces', () => {
    expect(() => importAccounts(t.station, `${header}C-4,Dee\x1bp Ray,4 Main St,active,0.00\n`, 'cis.csv')).toThrow(/line 2: account C-4: name has a control character/);
    expect(importAccounts(t.station, `${header}C-5,"Eve\nMoss",5 Main St,active,0.00\n`, 'cis.csv')).toBe(1);
    expect(t.station.st.sqlGet<{ name: string }>("SELECT name FROM accounts WHERE account_number = 'C-5'")!.name).toBe('Eve Moss');
  });
});

describe(`the hub's imports (${ENGINE})`, () => {
  const status = async (path: string, body: unknown, type = 'application/json') => {
    const r = await fetch(hub.url + path, { method: 'POST', headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: r.status, text: await r.text() };
  };

  it('refuses a card number in an account import, a revenue code name and a user name', async () => {
    const a = await status('/v1/admin/directory/accounts', `${header}H-1,Gus 4111111111111111,1 Elm St,active,0.00\n`, 'text/csv');
    expect(a.status).toBe(422);
    expect(a.text).toContain(CARD_NUMBER_MESSAGE);
    const c = await status('/v1/admin/directory/revenue-codes', [{ code: 'ZZ', nameEn: 'Fee 4111 1111 1111 1111', nameEs: 'Cargo', gl: '001-1310-32110', category: 'fee', requiresAccount: false }]);
    expect(c.status).toBe(400);
    expect(c.text).toContain(CARD_NUMBER_MESSAGE);
    const u = await status('/v1/admin/directory/users', [{ id: 'kim', name: 'Kim\x1bp Park', role: 'cashier', pin: '4321' }]);
    expect(u.status).toBe(400);
    expect(u.text).toContain(CONTROL_MESSAGE);
    const rows = await hub.db.kysely.selectFrom('accounts').select('account_number').where('account_number', '=', 'H-1').execute();
    expect(rows).toEqual([]);
  });
});

describe(`text the hub already holds (${ENGINE})`, () => {
  it('is stored at the station masked to the last four digits, one line, without control characters', async () => {
    // Rows from before the hub checked its imports, written straight into its table (PostgreSQL takes no NUL).
    const at = new Date().toISOString();
    await sql`INSERT INTO accounts (account_number, name, service_address, status, balance_cents, cash_only_until, version, updated_at)
      VALUES ('L-1', ${'Ann\x1bp\x02Lee 4111 1111 1111 1111'}, ${'1 Old Rd\r\nApt 2'}, 'active', 1200, NULL, nextval('directory_version'), ${at})`.execute(hub.db.kysely);
    await t.ok('sync.now', {});
    const row = t.station.st.sqlGet<{ name: string; service_address: string }>("SELECT name, service_address FROM accounts WHERE account_number = 'L-1'")!;
    expect(row).toEqual({ name: 'Ann?p?Lee **** **** **** 1111', service_address: '1 Old Rd Apt 2' });
    const pulled = t.station.st.sqlAll<{ payload: string }>("SELECT payload FROM journal WHERE kind = 'directory.pulled' ORDER BY seq").map((j) => JSON.parse(j.payload) as { cleanedFields?: number });
    expect(pulled.some((p) => p.cleanedFields === 2)).toBe(true);
    expect(t.station.st.sqlAll<{ payload: string }>('SELECT payload FROM journal').some((j) => j.payload.includes('4111 1111 1111 1111'))).toBe(false);
    expect((await t.ok('accounts.search', { query: 'Ann?p?Lee', limit: 5 })).map((a) => a.accountNumber)).toEqual(['L-1']);
  });
});
