import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { cash, check, expectRefused, pay } from './helpers';
import { renderError, type ApiError } from '../../../../src/shared/errors';
import { depositSlipForm } from '../../../../src/hardware/forms/depositSlip';
import { slipLines } from '../../../../src/hardware/forms/plainText';
import { ctxFor } from '../../../hardware/fixtures';

let t: TestStation;
let acct: string;

beforeEach(async () => {
  t = await makeStation();
  acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
});
afterEach(() => t.cleanup());

/** One session: $150 float, $200 cash (two $100), a $60 check, a $25 money order; counted and closed. */
async function closedSession(checkNumber = '3001') {
  const sessionId = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
  await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 20000 }], [cash(20000)]);
  const c = await pay(t, [{ revenueCode: 'SEWER', accountNumber: acct, amountCents: 6000 }], [check(6000, checkNumber)]);
  const m = await pay(t, [{ revenueCode: 'MISC', amountCents: 2500 }], [{ kind: 'money_order', amountCents: 2500, reference: 'MO-1' }]);
  await t.ok('closeout.count', {
    id: uuid(), cash: { ...STANDARD_FLOAT, bill_10000: 2 },
    items: [{ receiptNumber: c.receiptNumber, tenderNo: 1, present: true }, { receiptNumber: m.receiptNumber, tenderNo: 1, present: true }],
  });
  return sessionId;
}

describe('deposit', () => {
  it('a station set up without the demo has no bank of deposit: the deposit is refused in words until an admin sets one', async () => {
    t.station.updateConfig({ depositBank: { name: '', routing: '', account: '' } }); // a new database's default (no demo bank)
    const s = await closedSession();
    await expectRefused(t, 'NO_DEPOSIT_BANK', () => t.call('deposit.create', { id: uuid(), sessionIds: [s] }, 'supervisor'));
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM deposits')!.n).toBe(0);
    const bad = await t.call('settings.update', { depositBank: { name: 'Elm County Bank', routing: '121000359', account: '55012345' } }, 'admin');
    expect(bad.ok ? null : bad.error.field).toBe('depositBank.routing');
    expect((await t.ok('settings.get', {})).depositBank).toEqual({ name: '', routing: '', account: '' });
    await t.ok('settings.update', { depositBank: { name: 'Elm County Bank', routing: '121000358', account: '55012345' } }, 'admin');
    const d = await t.ok('deposit.create', { id: uuid(), sessionIds: [s] }, 'supervisor');
    expect(d.bank).toEqual({ name: 'Elm County Bank', routing: '121000358', account: '55012345' });
  });

  it('proposes keeping the standard float back and deposits the rest, draft → prepared → verified', async () => {
    const s = await closedSession();
    const p = await t.ok('deposit.propose', { sessionIds: [s] }, 'supervisor');
    expect(p.state).toBe('proposal');
    expect(p.cash.floatKept.counts).toEqual(STANDARD_FLOAT);
    expect(p.cash.deposited.counts).toEqual({ bill_10000: 2 });
    expect(p.checks).toMatchObject({ count: 1, totalCents: 6000 });
    expect(p.checks.items[0]).toMatchObject({ checkNumber: '3001', routing: '121000358', account: '123456789', amountCents: 6000 });
    expect(p.moneyOrders).toMatchObject({ count: 1, totalCents: 2500 });
    expect(p.totalCents).toBe(20000 + 6000 + 2500);
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM deposits')!.n).toBe(0);

    const id = uuid();
    const d = await t.ok('deposit.create', { id, sessionIds: [s] }, 'supervisor');
    expect(d).toMatchObject({ id, state: 'draft', totalCents: 28500, bank: { name: 'First Riverton Bank' } });
    // the person keeps one $100 more back and ten $1 fewer: a float $90.00 over, which the supervisor accepts
    const over = { ...STANDARD_FLOAT, bill_10000: 1, bill_100: 10 };
    await expectRefused(t, 'FLOAT_NOT_TARGET', () => t.call('deposit.setFloat', { depositId: id, floatKept: over }, 'supervisor'));
    const f = await t.ok('deposit.setFloat', { depositId: id, floatKept: over, acceptFloatDifferenceCents: 9000 }, 'supervisor');
    expect(f.float).toMatchObject({ targetCents: 15000, keptCents: 24000, differenceCents: 9000, exactPossible: true, acceptedBy: { id: 'supervisor' } });
    expect(f.cash.deposited.counts).toEqual({ bill_10000: 1, bill_100: 10 });
    expect(f.totalCents).toBe(11000 + 6000 + 2500);
    await expectRefused(t, 'DEPOSIT_WRONG_STATE', () => t.call('deposit.verify', { depositId: id, bankConfirmedCents: 19500 }, 'supervisor'));
    const pr = await t.ok('deposit.prepare', { depositId: id, bagNumber: 'BAG-00417' }, 'supervisor');
    expect(pr).toMatchObject({ state: 'prepared', bagNumber: 'BAG-00417', preparedBy: { id: 'supervisor' } });
    await expectRefused(t, 'DEPOSIT_WRONG_STATE', () => t.call('deposit.setFloat', { depositId: id, floatKept: STANDARD_FLOAT }, 'supervisor'));
    await expectRefused(t, 'INVALID_INPUT', () => t.call('deposit.verify', { depositId: id } as never, 'supervisor'));
    const v = await t.ok('deposit.verify', { depositId: id, bankConfirmedCents: 19400, note: 'bank counted $1 short' }, 'supervisor');
    expect(v).toMatchObject({ state: 'verified', bankConfirmedCents: 19400, differenceCents: -100 });
    expect(() => t.station.st.sqlRun("UPDATE deposits SET difference_cents = 0 WHERE id = ?", id)).toThrow();
    const day = (await t.ok('report.dailySummary', { businessDay: '2026-11-20' }, 'supervisor'));
    expect(day.deposits).toEqual([{ id, state: 'verified', totalCents: 19500, differenceCents: -100 }]);
    expect(verifyLedger(t.station)).toMatchObject({ ok: true });
  });

  it('makes up a short denomination of the float from the largest spare pieces that fit', async () => {
    // The drawer holds ten $20 and eight $1 coins, no $10, $5 or change: $150 is kept as 7 × $20 + 8 × $1 + the coins it can.
    const s = (await t.ok('session.open', { id: uuid(), floatCounts: { bill_2000: 10, coin_100: 8 } })).id;
    await t.ok('closeout.count', { id: uuid(), cash: { bill_2000: 10, coin_100: 8 } });
    const p = await t.ok('deposit.propose', { sessionIds: [s] }, 'supervisor');
    expect(p.cash.floatKept.counts).toEqual({ bill_2000: 7, coin_100: 8 });
    expect(p.cash.floatKept.totalCents).toBe(14800); // as close to $150 as these pieces allow
    expect(p.cash.deposited.counts).toEqual({ bill_2000: 3 });
    expect(p.cash.deposited.totalCents + p.cash.floatKept.totalCents).toBe(p.cash.available.totalCents);
  });

  it('a float no choice of the pieces makes: said with its difference, refused until a supervisor accepts it, on the record and the slip', async () => {
    // Ten $20 notes: $150.00 cannot be kept back; $140.00 is the most below it.
    const s = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
    await pay(t, [{ revenueCode: 'MISC', amountCents: 5000 }], [cash(5000)]);
    await t.ok('closeout.count', { id: uuid(), cash: { bill_2000: 10 } });
    const p = await t.ok('deposit.propose', { sessionIds: [s] }, 'supervisor');
    expect(p.float).toEqual({ targetCents: 15000, keptCents: 14000, differenceCents: -1000, exactPossible: false, acceptedBy: null });
    const id = uuid();
    const refused = await t.call('deposit.create', { id, sessionIds: [s] }, 'supervisor');
    expect(refused).toMatchObject({ ok: false, error: { code: 'FLOAT_NOT_EXACT', field: 'acceptFloatDifferenceCents', params: { target: '$150.00', kept: '$140.00', difference: '-$10.00' } } });
    expect(renderError('FLOAT_NOT_EXACT', (refused as { error: ApiError }).error.params, 'es')).toContain('Un supervisor debe aceptarlo');
    // Accepting another difference than the one shown is no acceptance.
    await expectRefused(t, 'FLOAT_NOT_EXACT', () => t.call('deposit.create', { id, sessionIds: [s], acceptFloatDifferenceCents: -500 }, 'supervisor'));
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM deposits')!.n).toBe(0);
    const d = await t.ok('deposit.create', { id, sessionIds: [s], acceptFloatDifferenceCents: -1000 }, 'supervisor');
    expect(d.float).toMatchObject({ keptCents: 14000, differenceCents: -1000, acceptedBy: { id: 'supervisor' } });
    const journal = JSON.parse(t.station.st.sqlGet<{ payload: string }>("SELECT payload FROM journal WHERE kind = 'deposit.created'")!.payload) as Record<string, unknown>;
    expect(journal).toMatchObject({ floatTargetCents: 15000, floatDifferenceCents: -1000, floatExactPossible: false, floatAcceptedBy: 'supervisor' });
    const slip = slipLines(depositSlipForm(ctxFor('en', 48), d)).join(' ').replace(/\s+/g, ' ');
    expect(slip).toContain(`The float is $150.00: $10.00 short, accepted by ${d.float!.acceptedBy!.name}`);
    expect(verifyLedger(t.station)).toMatchObject({ ok: true });
    // verify finds a short float nobody accepted
    t.station.st.sqlRun('UPDATE deposits SET float_accepted_by = NULL WHERE id = ?', id);
    expect(verifyLedger(t.station).summary).toMatch(/12 \(float kept back\)/);
  });

  it('refuses an open session, a session twice, and a float the cash does not hold — writing nothing', async () => {
    const s = await closedSession();
    const open = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
    await expectRefused(t, 'DEPOSIT_SESSION_NOT_CLOSED', () => t.call('deposit.create', { id: uuid(), sessionIds: [s, open] }, 'supervisor'));
    await expectRefused(t, 'DEPOSIT_SESSION_REPEATED', () => t.call('deposit.create', { id: uuid(), sessionIds: [s, s] }, 'supervisor'));
    await expectRefused(t, 'FLOAT_EXCEEDS_CASH', () => t.call('deposit.create', { id: uuid(), sessionIds: [s], floatKept: { bill_5000: 1 } }, 'supervisor'));
    await expectRefused(t, 'FORBIDDEN', () => t.call('deposit.create', { id: uuid(), sessionIds: [s] }, 'cashier'));
    await t.ok('deposit.create', { id: uuid(), sessionIds: [s] }, 'supervisor');
    await expectRefused(t, 'DEPOSIT_SESSION_TAKEN', () => t.call('deposit.create', { id: uuid(), sessionIds: [s] }, 'supervisor'));
    await expectRefused(t, 'REOPEN_DEPOSITED', () => t.call('closeout.reopen', { id: uuid(), sessionId: s, reason: 'recount' }, 'supervisor'));
    // the database itself refuses a session in two deposits (migration 0018: a trigger, since a discarded draft frees its sessions)
    const other = uuid();
    t.station.st.sqlRun(`INSERT INTO deposits(id, station_id, bank_name, bank_routing, bank_account, state, created_by, created_at, available_counts, float_kept_counts, cash_cents, checks_cents, money_orders_cents, total_cents)
      VALUES (?, 'ST01', 'b', '1', '2', 'draft', 'admin', 'x', '{}', '{}', 0, 0, 0, 0)`, other);
    expect(() => t.station.st.sqlRun('INSERT INTO deposit_sessions(deposit_id, session_id) VALUES (?, ?)', other, s)).toThrow(/at most one deposit that is not discarded/);
  });
});
