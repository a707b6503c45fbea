// Draft deposits edited before they are prepared (issue 15): sessions added and removed (the draft is
// replaced by a new one, the old one discarded and naming it), a draft discarded with a reason. Nothing is
// deleted: every deposit row, session link and item stays, each change is journaled, and verify holds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { cash, check, expectRefused, pay } from './helpers';

let t: TestStation;
let acct: string;

beforeEach(async () => {
  t = await makeStation();
  acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
});
afterEach(() => t.cleanup());

/** One session: $150 float, $200 cash (two $100), a $60 check, a $25 money order; counted and closed. */
async function closedSession(checkNumber: string) {
  const sessionId = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
  await pay(t, [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 20000 }], [cash(20000)]);
  const c = await pay(t, [{ revenueCode: 'SEWER', accountNumber: acct, amountCents: 6000 }], [check(6000, checkNumber)]);
  const m = await pay(t, [{ revenueCode: 'MISC', amountCents: 2500 }], [{ kind: 'money_order', amountCents: 2500, reference: `MO-${checkNumber}` }]);
  const v = await t.ok('closeout.count', {
    id: uuid(), cash: { ...STANDARD_FLOAT, bill_10000: 2 },
    items: [{ receiptNumber: c.receiptNumber, tenderNo: 1, present: true }, { receiptNumber: m.receiptNumber, tenderNo: 1, present: true }],
  });
  expect(v.session.state).toBe('closed');
  return sessionId;
}

const count = (t: TestStation, table: string) => t.station.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)!.n;
const journalKinds = (t: TestStation) => t.station.st.sqlAll<{ kind: string }>("SELECT kind FROM journal WHERE kind LIKE 'deposit.%' ORDER BY seq").map((r) => r.kind);

describe('draft deposit edits', () => {
  it('adds and removes sessions, discards a draft, and keeps every row', async () => {
    const a = await closedSession('3001');
    const b = await closedSession('3002');

    // A alone: $200 cash (its $350 counted less the $150 float) + $60 check + $25 money order = $285.00.
    const d1 = await t.ok('deposit.create', { id: uuid(), sessionIds: [a] }, 'supervisor');
    expect(d1).toMatchObject({ state: 'draft', totalCents: 28500, replaces: null, discarded: null });

    // B added: $700 counted less one $150 float (one station) = $550 cash, $120 of checks, $50 of money orders: $720.00.
    const id2 = uuid();
    const d2 = await t.ok('deposit.changeSessions', { id: id2, depositId: d1.id!, sessionIds: [a, b], reason: 'afternoon drawer added' }, 'supervisor');
    expect(d2).toMatchObject({ id: id2, state: 'draft', replaces: d1.id, totalCents: 72000, checks: { count: 2, totalCents: 12000 }, moneyOrders: { count: 2, totalCents: 5000 } });
    expect(d2.cash.deposited.totalCents).toBe(55000);
    expect(d2.sessions.map((s) => s.id).sort()).toEqual([a, b].sort());
    const old = await t.ok('deposit.get', { depositId: d1.id! }, 'supervisor');
    expect(old).toMatchObject({ state: 'discarded', totalCents: 28500, discarded: { by: { id: 'supervisor' }, reason: 'afternoon drawer added', replacedBy: id2 } });
    // The same request again returns the same draft and writes nothing.
    const journalBefore = count(t, 'journal');
    expect((await t.ok('deposit.changeSessions', { id: id2, depositId: d1.id!, sessionIds: [a, b], reason: 'afternoon drawer added' }, 'supervisor')).id).toBe(id2);
    expect(count(t, 'journal')).toBe(journalBefore);

    // A session held by a live draft cannot go into another deposit; a discarded draft takes no change.
    await expectRefused(t, 'DEPOSIT_SESSION_TAKEN', () => t.call('deposit.create', { id: uuid(), sessionIds: [a] }, 'supervisor'));
    await expectRefused(t, 'DEPOSIT_DISCARDED', () => t.call('deposit.prepare', { depositId: d1.id!, bagNumber: 'BAG-1' }, 'supervisor'));
    await expectRefused(t, 'DEPOSIT_DISCARDED', () => t.call('deposit.setFloat', { depositId: d1.id!, floatKept: STANDARD_FLOAT }, 'supervisor'));
    await expectRefused(t, 'DEPOSIT_SESSIONS_UNCHANGED', () => t.call('deposit.changeSessions', { id: uuid(), depositId: id2, sessionIds: [b, a], reason: 'no change at all' }, 'supervisor'));

    // A removed: back to B's $285.00.
    const d3 = await t.ok('deposit.changeSessions', { id: uuid(), depositId: id2, sessionIds: [b], reason: 'morning drawer goes tomorrow' }, 'supervisor');
    expect(d3).toMatchObject({ state: 'draft', replaces: id2, totalCents: 28500, checks: { count: 1, totalCents: 6000 } });
    expect((await t.ok('closeout.list', { undeposited: true }, 'supervisor')).map((s) => s.session.id)).toEqual([a]);

    // Discarded: both sessions free again.
    const gone = await t.ok('deposit.discard', { depositId: d3.id!, reason: 'recount the checks first' }, 'supervisor');
    expect(gone).toMatchObject({ state: 'discarded', discarded: { reason: 'recount the checks first', replacedBy: null } });
    expect((await t.ok('closeout.list', { undeposited: true }, 'supervisor')).map((s) => s.session.id).sort()).toEqual([a, b].sort());
    expect((await t.ok('deposit.list', { state: 'discarded' }, 'supervisor')).map((d) => d.id).sort()).toEqual([d1.id, id2, d3.id].sort());
    expect(await t.ok('deposit.list', { state: 'draft' }, 'supervisor')).toEqual([]);
    await expectRefused(t, 'INVALID_INPUT', () => t.call('deposit.discard', { depositId: d1.id!, reason: '' }, 'supervisor'));

    // The deposit that goes to the bank: both sessions, $720.00; once prepared it can no longer be discarded.
    const d4 = await t.ok('deposit.create', { id: uuid(), sessionIds: [a, b] }, 'supervisor');
    expect(d4.totalCents).toBe(72000);
    await t.ok('deposit.prepare', { depositId: d4.id!, bagNumber: 'BAG-00900' }, 'supervisor');
    await expectRefused(t, 'DEPOSIT_WRONG_STATE', () => t.call('deposit.discard', { depositId: d4.id!, reason: 'too late for this' }, 'supervisor'));

    // Nothing deleted: four deposits, their 1 + 2 + 1 + 2 session links and 2 + 4 + 2 + 4 items, three discards.
    expect(count(t, 'deposits')).toBe(4);
    expect(count(t, 'deposit_sessions')).toBe(6);
    expect(count(t, 'deposit_items')).toBe(12);
    expect(count(t, 'deposit_discards')).toBe(3);
    expect(journalKinds(t)).toEqual(['deposit.created', 'deposit.discarded', 'deposit.created', 'deposit.discarded', 'deposit.created', 'deposit.discarded', 'deposit.created', 'deposit.prepared']);
    expect(verifyLedger(t.station)).toMatchObject({ ok: true });

    // The database itself refuses to rewrite history.
    expect(() => t.station.st.sqlRun('DELETE FROM deposit_discards')).toThrow(/append-only/);
    expect(() => t.station.st.sqlRun("UPDATE deposit_discards SET reason = 'x'")).toThrow(/append-only/);
    expect(() => t.station.st.sqlRun('UPDATE deposits SET float_kept_counts = float_kept_counts WHERE id = ?', d1.id)).toThrow(/discarded deposit does not change/);
    expect(() => t.station.st.sqlRun('INSERT INTO deposit_sessions(deposit_id, session_id) VALUES (?, ?)', d1.id, a)).toThrow(/at most one deposit/);
  });
});
