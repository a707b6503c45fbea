// The directory pull: a first full pull shows progress and leaves search working (bulk-indexed pages),
// deltas bring changed names, balances, statuses and new fee schedules (by effective date), and a
// page is applied whole or not at all with its cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncOf } from '../../../src/main/sync/service';
import { applyDirectoryPage } from '../../../src/main/sync/apply';
import { getNumber } from '../../../src/main/sync/state';
import type { SyncStatusView } from '../../../src/shared/contract/sync';
import { makeStation, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';

let hub: TestHub;
let t: TestStation;
const header = 'account_number,name,service_address,status,balance\n';
const extra = Array.from({ length: 1500 }, (_, i) => `N${String(i).padStart(5, '0')}-01,Quillon ${i} Farrow,${i} Zephyr Loop,active,${i}.25`).join('\n');

beforeAll(async () => {
  hub = await makeHub();
  await hub.admin('POST', '/v1/admin/directory/accounts', header + extra, 'text/csv');
  t = await makeStation();
  syncOf(t.station, { ...FAST, pullPage: 600 });
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
  await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
});
afterAll(async () => { t?.cleanup(); await hub?.cleanup(); });

describe(`directory pull (${ENGINE})`, () => {
  it('pulls the whole directory in pages, showing progress, with search working on every page', async () => {
    const trigger = t.station.st.sqlGet<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'accounts_fts_ai'")!.sql;
    const seen: number[] = [];
    const onStatus = (s: SyncStatusView) => { if (s.directory.progress !== null) seen.push(s.directory.progress); };
    t.station.events.on('sync.status', onStatus);
    const s = await t.ok('sync.now', {});
    t.station.events.off('sync.status', onStatus);
    expect(s.directory).toMatchObject({ complete: true, progress: null });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.every((p) => p > 0 && p <= 1)).toBe(true);

    expect(t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM accounts WHERE account_number LIKE 'N%'")!.n).toBe(1500);
    // Substring search goes through the trigram index: names from the first and the last page are found.
    expect((await t.ok('accounts.search', { query: 'llon 7 Far', limit: 5 })).map((a) => a.accountNumber)).toEqual(['N00007-01']);
    expect((await t.ok('accounts.search', { query: 'llon 1499 Far', limit: 5 })).map((a) => a.accountNumber)).toEqual(['N01499-01']);
    expect(t.station.st.sqlGet<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'accounts_fts_ai'")!.sql).toBe(trigger);
    expect(t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM accounts_fts WHERE accounts_fts MATCH 'Quillon'")!.n).toBe(1500);
  });

  it('brings changes: a new name is searchable, the old is gone; balances, statuses and new fee schedules arrive', async () => {
    await hub.admin('POST', '/v1/admin/directory/accounts', `${header}N00001-01,Marguerite Okonkwo,1 Zephyr Loop,closed,0.00\nN00002-01,Quillon 2 Farrow,2 Zephyr Loop,active,99.99\n`, 'text/csv');
    const cursor = getNumber(t.station.st, 'directory_cursor');
    await hub.admin('POST', '/v1/admin/directory/revenue-codes', [{
      code: 'BLIC', nameEn: 'Business licence', nameEs: 'Licencia comercial', gl: '001-1310-32110', category: 'licence', requiresAccount: false,
      schedules: [{ from: '2027-01-01', rule: { type: 'fixed', amountCents: 9900 } }],
    }]);
    await t.ok('sync.now', {});
    expect(getNumber(t.station.st, 'directory_cursor')).toBeGreaterThan(cursor);
    expect((await t.ok('accounts.search', { query: 'Okonkwo', limit: 5 })).map((a) => a.accountNumber)).toEqual(['N00001-01']);
    expect(await t.ok('accounts.search', { query: 'Quillon 1 Farrow', limit: 5 })).toEqual([]);
    expect(await t.ok('accounts.get', { accountNumber: 'N00001-01' })).toMatchObject({ status: 'closed', directoryBalanceCents: 0 });
    expect((await t.ok('accounts.get', { accountNumber: 'N00002-01' })).directoryBalanceCents).toBe(9999);
    expect((await t.ok('fees.quote', { revenueCode: 'BLIC', inputs: {}, asOf: '2027-02-01' })).amountCents).toBe(9900);
    expect((await t.ok('fees.quote', { revenueCode: 'BLIC', inputs: { quantity: 12 }, asOf: '2026-06-01' })).amountCents).toBe(15000);
  });

  it('applies a page whole or not at all, with its cursor', async () => {
    const cursor = getNumber(t.station.st, 'directory_cursor');
    const count = t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM accounts')!.n;
    // A page whose last row cannot be written (a schedule for a code neither here nor in the page).
    const bad = {
      cursor: cursor + 3, latest: cursor + 3, more: false, revenueCodes: [], users: [],
      accounts: [{ accountNumber: 'Z-1', name: 'Half Written', serviceAddress: '1 Nowhere', status: 'active' as const, balanceCents: 1, cashOnlyUntil: null }],
      feeSchedules: [{ revenueCode: 'NOPE', from: '2027-01-01', rule: { type: 'open' as const } }],
    };
    expect(() => applyDirectoryPage(t.station, bad, t.station.nowIso())).toThrow();
    expect(getNumber(t.station.st, 'directory_cursor')).toBe(cursor);
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM accounts')!.n).toBe(count);
  });
});
