// The receipts journal over a range of days (issue 15): `export receipts-journal --from --to`, streamed row
// by row. A range is the day files' rows, day after day, under one header; days outside are left out.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { writeReceiptsJournal } from '../../../../src/main/station/endOfDay/journalStream';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { cash, check, pay } from './helpers';

let t: TestStation;
const days: string[] = [];

beforeEach(async () => {
  t = await makeStation();
  days.length = 0;
  const acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
  // Three business days: day i takes (i + 1) receipts of $10.0i cash and, on the middle day, one $30.00 check.
  for (let i = 0; i < 3; i++) {
    const s = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    days.push(s.businessDay);
    for (let k = 0; k <= i; k++) await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 1000 + i }], [cash(2000)]);
    if (i === 1) await pay(t, [{ revenueCode: 'MISC', amountCents: 3000 }, { revenueCode: 'GARB', accountNumber: acct, amountCents: 450 }], [check(3450, '77')]);
    const list = await t.ok('closeout.start', {});
    await t.ok('closeout.count', {
      id: uuid(), cash: { ...STANDARD_FLOAT, bill_1000: i + 1, bill_100: 0, coin_1: (i + 1) * i }, items: list.items.map((x) => ({ receiptNumber: x.receiptNumber, tenderNo: x.tenderNo, present: true })),
    });
    const v = await t.ok('closeout.get', { sessionId: s.id }, 'supervisor');
    if (v.session.state !== 'closed') await t.ok('closeout.approve', { id: uuid(), sessionId: s.id, reason: 'counted in the test', approval: { userId: 'supervisor', pin: '2222' } });
    t.clock.advance(24 * 3600_000);
  }
});
afterEach(() => t.cleanup());

const body = (csv: string) => csv.split('\r\n').slice(1).join('\r\n');

describe('receipts journal over a range of days', () => {
  it('is the day files one after the other, streamed in chunks, from the command line too', async () => {
    expect(new Set(days).size).toBe(3);
    const perDay = await Promise.all(days.map(async (d) => (await t.ok('export.receiptsJournal', { businessDay: d }, 'supervisor')).content));
    // 1 + (2 + 2 lines of the check receipt) + 3 receipt lines.
    expect(perDay.map((c) => c.split('\r\n').filter(Boolean).length - 1)).toEqual([1, 4, 3]);

    const chunks: string[] = [];
    const rows = writeReceiptsJournal(t.station, days[0]!, days[2]!, (c) => chunks.push(c), 200);
    expect(rows).toBe(8);
    expect(chunks.length).toBeGreaterThan(3); // small chunks: the rows went out as they were read
    const range = chunks.join('');
    expect(range).toBe(perDay[0]! + body(perDay[1]!) + body(perDay[2]!));
    expect(range.split('\r\n')[0]).toBe('business_day,entry,receipt_number,at,station,cashier,payer,line,revenue_code,gl_account,account,amount,receipt_total,tenders,change,note');
    // The middle day's check receipt: $34.50 in two lines, the tender on the first.
    expect(range).toContain(`${days[1]},receipt,ST01-000004,`);
    expect(range).toMatch(/,1,MISC,001-1900-36900,,30\.00,34\.50,check #77 34\.50,0\.00,\r\n/);
    expect(range).toMatch(/,2,GARB,403-3430-34370,\d+-\d+,4\.50,34\.50,,,\r\n/);

    // The last two days only; a range with no receipts is the header alone.
    const tail: string[] = [];
    writeReceiptsJournal(t.station, days[1]!, '2099-12-31', (c) => tail.push(c));
    expect(tail.join('')).toBe(perDay[1]! + body(perDay[2]!));
    const none: string[] = [];
    expect(writeReceiptsJournal(t.station, '2000-01-01', '2000-12-31', (c) => none.push(c))).toBe(0);
    expect(none.join('').split('\r\n').filter(Boolean)).toHaveLength(1);

    t.station.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bin = join(process.cwd(), 'bin/civictill.js');
    const out = join(t.dir, 'year.csv');
    const a = spawnSync(process.execPath, [bin, 'export', 'receipts-journal', '--db', t.path, '--from', days[0]!, '--to', days[2]!, '--out', out], { encoding: 'utf8' });
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe(`Wrote 8 rows to ${out}.\n`);
    expect(readFileSync(out, 'utf8')).toBe(range);
    const toStdout = spawnSync(process.execPath, [bin, 'export', 'receipts-journal', '--db', t.path, '--from', days[0]!, '--to', days[2]!], { encoding: 'utf8' });
    expect(toStdout.stdout).toBe(range);
    const backwards = spawnSync(process.execPath, [bin, 'export', 'receipts-journal', '--db', t.path, '--from', days[2]!, '--to', days[0]!], { encoding: 'utf8' });
    expect(backwards.status).toBe(1);
    expect(backwards.stderr).toContain(`--from ${days[2]} is after --to ${days[0]}`);
    const summary = spawnSync(process.execPath, [bin, 'export', 'daily-summary', '--db', t.path, '--from', days[0]!, '--to', days[2]!], { encoding: 'utf8' });
    expect(summary.status).toBe(1);
    expect(summary.stderr).toContain('only the receipts journal is exported over a range');
  });
});
