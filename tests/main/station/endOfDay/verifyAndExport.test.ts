import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { cash, check, pay } from './helpers';

let t: TestStation;
let sessionId: string;

beforeEach(async () => {
  t = await makeStation();
  const acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
  sessionId = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
  await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 2000 }], [cash(2000)]);
  const c = await pay(t, [{ revenueCode: 'MISC', amountCents: 3000 }], [check(3000, '42')]);
  await t.ok('closeout.count', { id: uuid(), cash: { ...STANDARD_FLOAT, bill_2000: 3 }, items: [{ receiptNumber: c.receiptNumber, tenderNo: 1, present: true }] });
  await t.ok('deposit.create', { id: uuid(), sessionIds: [sessionId] }, 'supervisor');
});
afterEach(() => t.cleanup());

/** Changes a row behind the station's back, the way someone with the database file could. */
function tamper(table: string, sql: string, ...params: (string | number)[]): void {
  const db = t.station.db.sqlite;
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").all(table) as { name: string; sql: string }[];
  for (const tr of triggers) db.exec(`DROP TRIGGER ${tr.name}`);
  db.prepare(sql).run(...params);
  for (const tr of triggers) db.exec(tr.sql);
}

describe('civictill verify: invariants 2–5', () => {
  it('holds on an honest ledger', () => {
    expect(verifyLedger(t.station).summary).toMatch(/^OK: .*1 close-outs, 1 counts, 1 deposits, 0 returned checks/);
  });

  it('finds an expected cash that no longer matches the rows (2)', () => {
    tamper('session_counts', "UPDATE session_counts SET expected = json_set(expected, '$.cashCents', 19000)");
    expect(verifyLedger(t.station).finding?.invariant).toMatch(/^2 /);
  });

  it('finds a check total that no longer matches the rows (3)', () => {
    tamper('session_counts', "UPDATE session_counts SET expected = json_set(expected, '$.checks.totalCents', 2000)");
    expect(verifyLedger(t.station).finding?.invariant).toMatch(/^3 /);
  });

  it('finds a counted figure changed after the count (4)', () => {
    tamper('session_count_lines', "UPDATE session_count_lines SET counted_cents = counted_cents + 500, over_short_cents = over_short_cents + 500 WHERE tender = 'cash'");
    expect(verifyLedger(t.station).finding?.invariant).toMatch(/^4 /);
  });

  it('finds deposit cash that is not the counted cash less the float kept (5)', () => {
    tamper('deposits', 'UPDATE deposits SET cash_cents = cash_cents - 2000, total_cents = total_cents - 2000');
    expect(verifyLedger(t.station).finding?.invariant).toMatch(/^5 /);
  });
});

describe('civictill export', () => {
  it('writes the daily summary and the receipts journal as CSV from the command line', () => {
    t.station.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bin = join(process.cwd(), 'bin/civictill.js');
    const out = join(t.dir, 'day.csv');
    const a = spawnSync(process.execPath, [bin, 'export', 'daily-summary', '--db', t.path, '--day', '2026-11-20', '--out', out], { encoding: 'utf8' });
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(/^Wrote \d+ rows to /);
    expect(readFileSync(out, 'utf8')).toContain('2026-11-20,collections_total,,,,2,50.00\r\n');
    const b = spawnSync(process.execPath, [bin, 'export', 'receipts-journal', '--db', t.path, '--day', '2026-11-20'], { encoding: 'utf8' });
    expect(b.stdout.split('\r\n').filter(Boolean)).toHaveLength(3);
    const bad = spawnSync(process.execPath, [bin, 'export', 'daily-summary', '--db', t.path, '--day', '20-11-2026'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--day must be a business day as YYYY-MM-DD');
  });
});
