// A returned check reaches the city: the hub puts the payment back on the account with the fee, flags
// the payer cash-only for every station (another station then refuses that payer's check), and the
// day's exports carry the reversal and the fee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { syncOf } from '../../../src/main/sync/service';
import { makeStation, ROUTING, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';

let hub: TestHub;
const stations: TestStation[] = [];
beforeAll(async () => {
  hub = await makeHub();
  for (const id of ['ST01', 'ST02']) {
    const t = await makeStation();
    t.station.updateConfig({ stationId: id });
    syncOf(t.station, FAST);
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: id });
    await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    stations.push(t);
  }
});
afterAll(async () => { for (const t of stations) t.cleanup(); await hub?.cleanup(); });

describe(`returned checks at the hub (${ENGINE})`, () => {
  it('reverses the payment, charges the fee, and makes the payer cash-only at every station', async () => {
    const [a, b] = stations as [TestStation, TestStation];
    const acct = '100002-26';
    const before = (await hub.db.kysely.selectFrom('accounts').select('balance_cents').where('account_number', '=', acct).executeTakeFirstOrThrow()).balance_cents;
    const r = await a.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 6400 }], tenders: [{ kind: 'check', amountCents: 6400, routing: ROUTING, account: '55501234', checkNumber: '3141' }] });
    await a.ok('sync.now', {});
    expect((await hub.db.kysely.selectFrom('accounts').select('balance_cents').where('account_number', '=', acct).executeTakeFirstOrThrow()).balance_cents).toBe(before - 6400);

    const returned = await a.ok('returnedCheck.record', { id: uuid(), receiptNumber: r.receiptNumber, tenderNo: 1, reason: 'nsf' }, 'supervisor');
    await a.ok('sync.now', {});
    const row = await hub.db.kysely.selectFrom('accounts').select(['balance_cents', 'cash_only_until']).where('account_number', '=', acct).executeTakeFirstOrThrow();
    expect(row.balance_cents).toBe(before + 3000); // the payment back on the account, and the $30 fee
    expect(returned.flagged.accountNumbers).toEqual([acct]);
    expect(row.cash_only_until).toBe(a.station.st.sqlGet<{ u: string }>('SELECT until AS u FROM cash_only_flags WHERE account_number = ?', acct)!.u);

    // Station B never saw the check; after its next sync it refuses a check from that payer.
    await b.ok('sync.now', {});
    expect((await b.ok('accounts.get', { accountNumber: acct })).cashOnlyUntil).toBe(row.cash_only_until);
    const refused = await b.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 1000 }], tenders: [{ kind: 'check', amountCents: 1000, routing: ROUTING, account: '99988877', checkNumber: '12' }] });
    expect(refused.ok ? '' : refused.error.code).toBe('CASH_ONLY_PAYER');

    const day = r.businessDay;
    const cis = (await hub.adminText(`/v1/admin/exports/cis-payments?day=${day}`)).trim().split('\r\n');
    const at = a.station.nowIso();
    expect(cis.slice(-2)).toEqual([
      `${day},reversal,ST01,${r.receiptNumber},1,${acct},WATER,401-3410-34340,-64.00,${at},N,${day},counter`,
      `${day},fee,ST01,${r.receiptNumber},0,${acct},NSF,001-1410-36990,30.00,${at},N,${day},counter`,
    ]);
    const gl = (await hub.adminText(`/v1/admin/exports/gl-journal?day=${day}`)).trim().split('\r\n').slice(1).map((l) => l.split(','));
    const cents = (x: string) => (x ? Number(x.replace('.', '').replace('-', '')) : 0);
    expect(gl.reduce((s, l) => s + cents(l[4]!), 0)).toBe(gl.reduce((s, l) => s + cents(l[5]!), 0));
    expect(gl.filter((l) => l[6]!.startsWith('Returned checks')).map((l) => l.slice(1, 6).join(','))).toEqual(['401,3410,34340,64.00,', '001,0000,10110,,64.00']);
  });
});
