// Payments on an account with a running arrangement, on a real station (SQLite file): the oldest open
// instalment first, a partial payment, an over-payment (the rest stays a credit), a void taking it
// back, the down payment's void ending the arrangement; each with its journal row and outbox event,
// and `verify` catching an instalment paid beyond what is due.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { draft, eligibleAccounts, pay, SUPERVISOR } from './helpers';

let t: TestStation;
let account: string;
let arrangementId: string;

const paidOf = async () => (await t.ok('arrangement.get', { arrangementId })).instalments.map((x) => [x.no, x.paidCents, x.state]);
const events = (kind: string) => t.station.st.sqlAll<{ payload: string }>('SELECT payload FROM journal WHERE kind = ? ORDER BY seq', kind).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
const outboxKinds = () => t.station.st.sqlAll<{ kind: string }>('SELECT kind FROM outbox ORDER BY seq').map((r) => r.kind);

beforeEach(async () => {
  t = await makeStation();
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  account = eligibleAccounts(t)[0]!.accountNumber;
  // $400.00 arranged: $100.00 down today, then 3 monthly instalments of $100.00.
  const r = await t.ok('arrangement.create', draft(account, 40_000, { downPaymentCents: 10_000, instalmentCount: 3, firstDue: '2026-12-20' }));
  arrangementId = r.arrangement.id;
  expect(r.arrangement.instalments.map((x) => [x.no, x.dueDate, x.amountCents])).toEqual([[0, '2026-11-20', 10_000], [1, '2026-12-20', 10_000], [2, '2027-01-20', 10_000], [3, '2027-02-20', 10_000]]);
});
afterEach(() => t.cleanup());

describe('payments on an arranged account', () => {
  it('go to the oldest open instalment first: partial, then the rest of it and part of the next', async () => {
    expect(await paidOf()).toEqual([[0, 10_000, 'paid'], [1, 0, 'open'], [2, 0, 'open'], [3, 0, 'open']]);
    const r1 = await pay(t, account, 4_000);
    expect(await paidOf()).toEqual([[0, 10_000, 'paid'], [1, 4_000, 'partial'], [2, 0, 'open'], [3, 0, 'open']]);
    expect((await t.ok('accounts.get', { accountNumber: account })).arrangement).toMatchObject({ id: arrangementId, next: { no: 1, dueDate: '2026-12-20', dueCents: 6_000, overdue: false }, running: 1 });

    await pay(t, account, 13_000);
    expect(await paidOf()).toEqual([[0, 10_000, 'paid'], [1, 10_000, 'paid'], [2, 7_000, 'partial'], [3, 0, 'open']]);
    expect(events('arrangement.paid')).toMatchObject([
      { arrangementId, receiptId: r1.id, receiptNumber: r1.receiptNumber, accountNumber: account, applications: [{ no: 1, amountCents: 4_000 }], unappliedCents: 0 },
      { arrangementId, applications: [{ no: 1, amountCents: 6_000 }, { no: 2, amountCents: 7_000 }], unappliedCents: 0 },
    ]);
    // Each application is a journal row and an outbox event for the hub, in the posting's transaction.
    expect(outboxKinds().filter((k) => k === 'arrangement.paid')).toHaveLength(2);
    expect(verifyLedger(t.station).summary).toMatch(/^OK/);
  });

  it('an over-payment completes it and the rest stays a credit on the account; later payments apply to nothing', async () => {
    const before = (await t.ok('accounts.get', { accountNumber: account })).balanceCents;
    await pay(t, account, 50_000);
    const a = await t.ok('arrangement.get', { arrangementId });
    expect(a).toMatchObject({ status: 'completed', paidCents: 40_000, remainingCents: 0, next: null });
    expect(events('arrangement.paid').at(-1)).toMatchObject({ applications: [{ no: 1, amountCents: 10_000 }, { no: 2, amountCents: 10_000 }, { no: 3, amountCents: 10_000 }], unappliedCents: 20_000 });
    const acct = await t.ok('accounts.get', { accountNumber: account });
    expect(acct.balanceCents).toBe(before - 50_000);
    expect(acct.arrangement).toBeNull();
    await pay(t, account, 1_000);
    expect(events('arrangement.paid')).toHaveLength(1);
    expect(verifyLedger(t.station).summary).toMatch(/^OK/);
  });

  it('counts every line on the account of a receipt, and only those', async () => {
    await t.ok('receipt.post', { id: uuid(), lines: [
      { revenueCode: 'WATER', accountNumber: account, amountCents: 3_000 },
      { revenueCode: 'SEWER', accountNumber: account, amountCents: 2_500 },
      { revenueCode: 'MISC', amountCents: 9_900 },
    ], tenders: [{ kind: 'cash', amountCents: 20_000 }] });
    expect(await paidOf()).toEqual([[0, 10_000, 'paid'], [1, 5_500, 'partial'], [2, 0, 'open'], [3, 0, 'open']]);
  });

  it('a void takes back what its receipt paid, instalment by instalment', async () => {
    await pay(t, account, 4_000);
    const r = await pay(t, account, 13_000);
    await t.ok('receipt.void', { id: uuid(), receiptNumber: r.receiptNumber, reason: 'keyed twice', approval: SUPERVISOR });
    expect(await paidOf()).toEqual([[0, 10_000, 'paid'], [1, 4_000, 'partial'], [2, 0, 'open'], [3, 0, 'open']]);
    expect(events('arrangement.paymentReversed')).toMatchObject([{ arrangementId, receiptId: r.id, applications: [{ no: 1, amountCents: -6_000 }, { no: 2, amountCents: -7_000 }] }]);
    expect(outboxKinds()).toContain('arrangement.paymentReversed');
    expect(verifyLedger(t.station).summary).toMatch(/^OK/);
  });

  it('voiding the down payment receipt cancels the arrangement with it', async () => {
    const down = (await t.ok('arrangement.get', { arrangementId })).downReceiptNumber!;
    await t.ok('receipt.void', { id: uuid(), receiptNumber: down, reason: 'wrong account', approval: SUPERVISOR });
    const a = await t.ok('arrangement.get', { arrangementId });
    expect(a.status).toBe('cancelled');
    expect(a.cancelled).toMatchObject({ by: { id: 'cashier' }, approvedBy: { id: 'supervisor' }, reason: `Down payment receipt ${down} voided: wrong account` });
    expect((await t.ok('accounts.get', { accountNumber: account })).arrangement).toBeNull();
    expect(outboxKinds()).toContain('arrangement.cancelled');
    expect(verifyLedger(t.station).summary).toMatch(/^OK/);
  });

  it('verify finds an instalment paid beyond what is due, and instalments that do not add up', async () => {
    expect(verifyLedger(t.station).ok).toBe(true);
    const down = t.station.st.sqlGet<{ id: string }>('SELECT down_receipt_id AS id FROM arrangements WHERE id = ?', arrangementId)!.id;
    t.station.st.sqlRun("INSERT INTO arrangement_payments(arrangement_id, receipt_id, instalment_no, amount_cents, cause, ref, created_at) VALUES (?, ?, 1, 10001, 'payment', ?, ?)", arrangementId, down, down, t.station.nowIso());
    const r = verifyLedger(t.station);
    expect(r.ok).toBe(false);
    expect(r.summary).toContain('11 (payments applied never exceed what is due)');
    expect(r.summary).toContain('10001 applied to an instalment of 10000');

    const t2 = await makeStation();
    try {
      await t2.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
      const a2 = eligibleAccounts(t2)[0]!.accountNumber;
      const made = await t2.ok('arrangement.create', draft(a2, 40_000, { downPaymentCents: 10_000, instalmentCount: 3 }));
      t2.station.st.sqlRun("INSERT INTO arrangement_instalments(arrangement_id, instalment_no, due_date, amount_cents) VALUES (?, 4, '2027-03-20', 1)", made.arrangement.id);
      expect(verifyLedger(t2.station).summary).toContain('the instalments add up to 40001, the amount arranged is 40000');
    } finally {
      t2.cleanup();
    }
  });
});
