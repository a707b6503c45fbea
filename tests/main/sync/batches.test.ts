// Batches reach the real hub (PGlite, or PostgreSQL with DATABASE_URL): a mail batch and a lockbox and an
// online file sync; each item appears once in the CIS file with its date received and collection point;
// the GL journal books lockbox and online payments to their own clearing accounts and still balances;
// an unknown account in a file raises the hub's exception too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { syncOf } from '../../../src/main/sync/service';
import { b64, lockboxFile, portalCsv } from '../../helpers/batchFiles';
import { makeStation, ROUTING, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';

let hub: TestHub;
let t: TestStation;
beforeAll(async () => {
  hub = await makeHub();
  t = await makeStation();
  syncOf(t.station, FAST);
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
  await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
});
afterAll(async () => { t?.cleanup(); await hub?.cleanup(); });

describe(`batches at the hub (${ENGINE})`, () => {
  it('syncs batches; each item appears once in the CIS and GL exports, with its date received', async () => {
    const day = t.station.businessDay();
    const mail = await t.ok('batch.open', { id: uuid(), source: 'mail', controlCount: 1, controlCents: 4250 });
    const m = await t.ok('batch.addItem', { id: uuid(), batchId: mail.id, lines: [{ revenueCode: 'WATER', accountNumber: '100000-64', amountCents: 4250 }], tender: { kind: 'check', amountCents: 4250, routing: ROUTING, account: '44001234', checkNumber: '77' }, dateReceived: '2026-11-18', postmarkDate: '2026-11-16' });
    await t.ok('batch.close', { id: uuid(), batchId: mail.id });
    const lb = await t.ok('batch.import', { id: uuid(), source: 'lockbox', fileName: 'lb.txt', bankDepositCents: 3000, contentBase64: b64(lockboxFile([{ ref: 'L1', account: '100001-37', cents: 1000 }, { ref: 'L2', account: '999999-99', cents: 2000 }])) });
    const web = await t.ok('batch.import', { id: uuid(), source: 'online', fileName: 'web.csv', bankDepositCents: 1234, contentBase64: b64(portalCsv([{ ref: 'W1', account: '100002-26', amount: '12.34', method: 'ACH', date: '2026-11-20' }])) });
    // The same lockbox file again adds nothing, at the station or the hub.
    expect((await t.ok('batch.import', { id: uuid(), source: 'lockbox', fileName: 'lb-again.txt', bankDepositCents: 3000, contentBase64: b64(lockboxFile([{ ref: 'L1', account: '100001-37', cents: 1000 }, { ref: 'L2', account: '999999-99', cents: 2000 }])) })).outcome).toBe('already');
    expect(await t.ok('sync.now', {})).toMatchObject({ state: 'online', pendingCount: 0 });

    const batches = (await sql<{ batch_number: string; source: string; n: number }>`SELECT b.batch_number, b.source, (SELECT count(*)::int FROM batch_items i WHERE i.session_id = b.session_id) AS n FROM batches b ORDER BY b.batch_number`.execute(hub.db.kysely)).rows;
    expect(batches).toEqual([{ batch_number: 'ST01-B00001', source: 'mail', n: 1 }, { batch_number: 'ST01-B00002', source: 'lockbox', n: 2 }, { batch_number: 'ST01-B00003', source: 'online', n: 1 }]);

    const cis = (await hub.adminText(`/v1/admin/exports/cis-payments?day=${day}`)).trim().split('\r\n');
    const rows = cis.slice(1).map((l) => l.split(','));
    const col = (name: string) => cis[0]!.split(',').indexOf(name);
    expect(rows.map((r) => [r[col('receipt_number')], r[col('account_number')], r[col('amount')], r[col('date_received')], r[col('collection_point')]])).toEqual([
      [m.receiptNumber, '100000-64', '42.50', '2026-11-18', 'mail'],
      [lb.batch.items[0]!.receiptNumber, '100001-37', '10.00', '2026-11-19', 'lockbox'],
      [lb.batch.items[1]!.receiptNumber, '999999-99', '20.00', '2026-11-19', 'lockbox'],
      [web.batch.items[0]!.receiptNumber, '100002-26', '12.34', '2026-11-20', 'online'],
    ]);

    const gl = (await hub.adminText(`/v1/admin/exports/gl-journal?day=${day}`)).trim().split('\r\n').slice(1).map((l) => l.split(','));
    const debit = (acct: string) => gl.find((r) => `${r[1]}-${r[2]}-${r[3]}` === acct)?.[4];
    expect(debit('001-0000-10110')).toBe('42.50'); // the mail check: undeposited funds, into the counter deposit
    expect(debit('001-1010-10410')).toBe('30.00'); // lockbox clearing
    expect(debit('001-1010-10420')).toBe('12.34'); // online clearing
    const cents = (v: string | undefined) => (v ? Number(v.replace('.', '')) : 0);
    expect(gl.reduce((a, r) => a + cents(r[4]), 0)).toBe(gl.reduce((a, r) => a + cents(r[5]), 0));

    // Money for an unknown account is kept, and raises the hub's exception as well as the station's.
    const ex = (await sql<{ kind: string; account_number: string; amount_cents: number }>`SELECT kind, account_number, amount_cents::int AS amount_cents FROM exceptions WHERE kind = 'unknown_account'`.execute(hub.db.kysely)).rows;
    expect(ex).toEqual([{ kind: 'unknown_account', account_number: '999999-99', amount_cents: 2000 }]);
    const [mine] = await t.ok('batch.exceptions', {});
    expect(mine!.accountNumber).toBe('999999-99');
    // Resolved at the station: the hub's exception for that line is resolved with it.
    await t.ok('batch.resolveException', { id: uuid(), exceptionId: mine!.id, action: 'apply_to_account', accountNumber: '100003-63', note: 'digits swapped' }, 'supervisor');
    await t.ok('sync.now', {});
    const after = (await sql<{ resolved_at: string | null; note: string | null }>`SELECT resolved_at, note FROM exceptions WHERE kind = 'unknown_account'`.execute(hub.db.kysely)).rows;
    expect(after).toEqual([{ resolved_at: expect.any(String), note: 'applied to account 100003-63 at the station: digits swapped' }]);
  });
});
