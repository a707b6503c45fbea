// Making an arrangement on a real station: the plan and its down-payment receipt in one transaction,
// idempotent by its client UUID; bad input refused on its field with nothing written; a supervisor's
// override recorded; one running arrangement per account; the policy an admin sets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, ROUTING, uuid, type TestStation } from '../../../helpers/station';
import { counts, draft, eligibleAccounts, SUPERVISOR, type CreateInput } from './helpers';

let t: TestStation;
let accounts: string[];
beforeAll(async () => {
  t = await makeStation({ accounts: 400 });
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  accounts = eligibleAccounts(t).map((a) => a.accountNumber);
});
afterAll(() => t.cleanup());

let next = 0;
const fresh = () => accounts[next++]!;

/** Refused on this field with this code, and nothing at all written. */
async function refused(input: CreateInput, code: string, field: string | undefined, as: 'cashier' | 'supervisor' = 'cashier') {
  const before = counts(t);
  const r = await t.call('arrangement.create', input, as);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (r.ok) return;
  expect([r.error.code, r.error.field]).toEqual([code, field]);
  expect(counts(t)).toEqual(before);
  return r.error;
}

describe('making an arrangement', () => {
  it('posts the down payment as an ordinary receipt with the plan, in any tender, once however often sent', async () => {
    const a = fresh();
    const input = draft(a, 60_000, {
      downPaymentCents: 12_000, instalmentCount: 6, frequency: 'biweekly', firstDue: '2026-12-04', lang: 'es', payerName: 'Ana López',
      receipt: { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: a, amountCents: 12_000 }, { revenueCode: 'MISC', amountCents: 500 }],
        tenders: [{ kind: 'check', amountCents: 12_500, routing: ROUTING, account: '12345678', checkNumber: '501' }] },
    });
    const r = await t.ok('arrangement.create', input);
    expect(r.receipt).toMatchObject({ totalCents: 12_500, tenders: [{ kind: 'check', amountCents: 12_500 }] });
    expect(r.arrangement).toMatchObject({
      number: 'ST01-PA00001', accountNumber: a, totalCents: 60_000, downPaymentCents: 12_000, downReceiptNumber: r.receipt!.receiptNumber, status: 'active',
      paidCents: 12_000, lang: 'es', payerName: 'Ana López', frequency: 'biweekly', graceDays: 10, approvedBy: null, overrides: [],
    });
    expect(r.arrangement.terms).toMatch(/^Me comprometo/);
    expect(r.arrangement.instalments.map((x) => x.dueDate)).toEqual(['2026-11-20', '2026-12-04', '2026-12-18', '2027-01-01', '2027-01-15', '2027-01-29', '2027-02-12']);
    expect(r.arrangement.instalments.slice(1).map((x) => x.amountCents)).toEqual([8000, 8000, 8000, 8000, 8000, 8000]);
    // The receipt first, then the arrangement, in the same transaction (consecutive outbox events).
    const out = t.station.st.sqlAll<{ kind: string }>('SELECT kind FROM outbox ORDER BY seq').map((x) => x.kind);
    expect(out.slice(-2)).toEqual(['receipt.posted', 'arrangement.created']);

    const before = counts(t);
    const again = await t.ok('arrangement.create', input);
    expect(again.arrangement.id).toBe(r.arrangement.id);
    expect(again.receipt!.receiptNumber).toBe(r.receipt!.receiptNumber);
    expect(counts(t)).toEqual(before);
    // The same key for another plan is a misuse of it.
    await refused({ ...input, instalmentCount: 5 }, 'IDEMPOTENCY_CONFLICT', undefined);
    expect(verifyLedger(t.station).summary).toMatch(/^OK/);
  });

  it('refuses a second running arrangement on the account', async () => {
    const a = fresh();
    const first = await t.ok('arrangement.create', draft(a, 30_000));
    const e = await refused(draft(a, 20_000), 'ARRANGEMENT_EXISTS', 'accountNumber');
    expect(e?.params).toMatchObject({ number: first.arrangement.number });
    // A quote says the same, before any money is taken.
    const q = await t.call('arrangement.quote', { accountNumber: a, totalCents: 20_000, downPaymentCents: 4_000, instalmentCount: 3, frequency: 'monthly', firstDue: '2026-12-20', lang: 'en' });
    expect(q.ok ? '' : q.error.code).toBe('ARRANGEMENT_EXISTS');
  });

  it('refuses bad input on its field and writes nothing', async () => {
    const a = fresh();
    await refused(draft(a, 30_000, { downPaymentCents: 1_000 }), 'ARRANGEMENT_LIMIT_DOWN_PAYMENT', 'downPaymentCents');
    await refused(draft(a, 30_000, { amounts: [6_000, 6_000, 6_000, 5_999] }), 'INSTALMENTS_DONT_ADD_UP', 'amounts');
    await refused(draft(a, 30_000, { firstDue: '2026-11-20' }), 'ARRANGEMENT_FIRST_DUE_PAST', 'firstDue');
    await refused(draft(a, 30_000, { firstDue: '2026-10-01' }), 'ARRANGEMENT_FIRST_DUE_PAST', 'firstDue');
    await refused(draft(a, 30_000, { firstDue: '2026-02-30' }), 'INVALID_INPUT', 'firstDue');
    await refused(draft(a, 30_000, { instalmentCount: 0 }), 'INVALID_INPUT', 'instalmentCount');
    await refused(draft(a, 30_000, { totalCents: 12.5 }), 'INVALID_INPUT', 'totalCents');
    // The receipt must take exactly the down payment on the account.
    const d = draft(a, 30_000, { downPaymentCents: 6_000 });
    d.receipt!.lines[0]!.amountCents = 5_000;
    d.receipt!.tenders[0]!.amountCents = 5_000;
    await refused(d, 'ARRANGEMENT_DOWN_PAYMENT_RECEIPT', 'downPaymentCents');
    const { receipt: _none, ...noReceipt } = draft(a, 30_000);
    await refused(noReceipt, 'ARRANGEMENT_DOWN_PAYMENT_MISSING', 'receipt');
    // A receipt of the down payment that does not cover the total due is refused as a receipt is.
    const short = draft(a, 30_000);
    short.receipt!.tenders[0]!.amountCents = 100;
    await refused(short, 'TENDER_SHORT', 'receipt.tenders');
    for (const status of ['closed', 'final']) {
      const shut = t.station.st.sqlGet<{ a: string }>('SELECT account_number AS a FROM accounts WHERE status = ? LIMIT 1', status)!.a;
      await refused(draft(shut, 30_000), 'ARRANGEMENT_ACCOUNT_CLOSED', 'accountNumber');
    }
    await refused(draft('999999-99', 30_000), 'UNKNOWN_ACCOUNT', 'accountNumber');
  });

  it('beyond a limit a supervisor’s PIN and a reason allow it, and both are recorded', async () => {
    const a = fresh();
    const input = draft(a, 30_000, { downPaymentCents: 1_000, instalmentCount: 18 });
    await refused(input, 'ARRANGEMENT_LIMIT_INSTALMENTS', 'instalmentCount');
    await refused({ ...input, approval: SUPERVISOR }, 'REASON_REQUIRED', 'overrideReason');
    // A wrong PIN is counted against the supervisor (journaled), and nothing else is written.
    const before = counts(t);
    const wrong = await t.call('arrangement.create', { ...input, approval: { ...SUPERVISOR, pin: '9999' }, overrideReason: 'hardship letter on file' });
    expect(wrong.ok ? '' : wrong.error.code).toBe('WRONG_PIN');
    expect(counts(t)).toEqual({ ...before, journal: before.journal! + 1 });
    expect(t.station.st.sqlGet<{ kind: string }>('SELECT kind FROM journal ORDER BY seq DESC LIMIT 1')!.kind).toBe('auth.failed');
    await refused({ ...input, approval: { userId: 'cashier', pin: '1111' }, overrideReason: 'hardship letter on file' }, 'APPROVER_IS_SELF', 'approval.userId');
    const r = await t.ok('arrangement.create', { ...input, approval: SUPERVISOR, overrideReason: 'hardship letter on file' });
    expect(r.arrangement).toMatchObject({ approvedBy: { id: 'supervisor', name: 'Sam Supervisor' }, overrideReason: 'hardship letter on file' });
    expect(r.arrangement.overrides.sort()).toEqual(['downPayment', 'instalments', 'span']);
    const row = t.station.st.sqlGet<{ approved_by: string; override_reason: string; overrides: string }>('SELECT approved_by, override_reason, overrides FROM arrangements WHERE id = ?', r.arrangement.id)!;
    expect(row).toMatchObject({ approved_by: 'supervisor', override_reason: 'hardship letter on file' });
    const journal = JSON.parse(t.station.st.sqlGet<{ payload: string }>("SELECT payload FROM journal WHERE kind = 'arrangement.created' AND ref = ?", r.arrangement.id)!.payload) as Record<string, unknown>;
    expect(journal).toMatchObject({ approvedBy: 'supervisor', overrideReason: 'hardship letter on file' });
  });

  it('an account in a status the policy does not allow needs the override; an admin changes the policy', async () => {
    const active = eligibleAccounts(t, 20_000, 'active')[0]!.accountNumber;
    await refused(draft(active, 30_000), 'ARRANGEMENT_LIMIT_STATUS', 'accountNumber');
    expect((await t.call('arrangement.updatePolicy', { allowedStatuses: ['active', 'delinquent', 'shutoff_pending'] }, 'supervisor')).ok).toBe(false);
    const bad = await t.call('arrangement.updatePolicy', { allowedStatuses: ['final'] }, 'admin');
    expect(bad.ok ? '' : bad.error.field).toBe('allowedStatuses');
    const p = await t.ok('arrangement.updatePolicy', { allowedStatuses: ['active', 'delinquent', 'shutoff_pending'], maxInstalments: 24, minDownPaymentPercent: '12.5' }, 'admin');
    expect(p).toMatchObject({ maxInstalments: 24, minDownPaymentPercent: '12.5', minDownPaymentFloorCents: 2500 });
    const q = await t.ok('arrangement.quote', { accountNumber: active, totalCents: 30_000, downPaymentCents: 3_000, instalmentCount: 20, frequency: 'weekly', firstDue: '2026-11-27', lang: 'en' });
    expect(q.minDownPaymentCents).toBe(3_750);
    expect(q.exceeded.map((x) => x.limit)).toEqual(['downPayment']);
    expect(q.instalments).toHaveLength(21);
    await t.ok('arrangement.create', draft(active, 30_000, { downPaymentCents: 3_750 }));
    await t.ok('arrangement.updatePolicy', { allowedStatuses: ['delinquent', 'shutoff_pending'], maxInstalments: 12, minDownPaymentPercent: '10' }, 'admin');
  });

  it('a supervisor cancels a running arrangement with a reason; a new one may then be made', async () => {
    const a = fresh();
    const made = await t.ok('arrangement.create', draft(a, 30_000));
    const id = uuid();
    const noReason = await t.call('arrangement.cancel', { id, arrangementId: made.arrangement.id, reason: '', approval: SUPERVISOR });
    expect(noReason.ok ? '' : noReason.error.field).toBe('reason');
    const c = await t.ok('arrangement.cancel', { id, arrangementId: made.arrangement.id, reason: 'customer moved out', approval: SUPERVISOR });
    expect(c).toMatchObject({ status: 'cancelled', cancelled: { reason: 'customer moved out', approvedBy: { id: 'supervisor' } }, next: null });
    await t.ok('arrangement.cancel', { id, arrangementId: made.arrangement.id, reason: 'customer moved out', approval: SUPERVISOR });
    const twice = await t.call('arrangement.cancel', { id: uuid(), arrangementId: made.arrangement.id, reason: 'again', approval: SUPERVISOR });
    expect(twice.ok ? '' : twice.error.code).toBe('ARRANGEMENT_NOT_RUNNING');
    expect(t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'arrangement.cancelled'")!.n).toBe(1);
    await t.ok('arrangement.create', draft(a, 30_000));
    expect((await t.ok('arrangement.forAccount', { accountNumber: a })).map((x) => x.status)).toEqual(['active', 'cancelled']);
    expect(verifyLedger(t.station).summary).toMatch(/^OK/);
  });

  it('with no down payment under a policy that asks none, no receipt is taken', async () => {
    await t.ok('arrangement.updatePolicy', { minDownPaymentPercent: '0', minDownPaymentFloorCents: 0 }, 'admin');
    try {
      const a = fresh();
      const before = counts(t).receipts;
      const r = await t.ok('arrangement.create', draft(a, 30_000, { downPaymentCents: 0 }));
      expect(r.receipt).toBeNull();
      expect(r.arrangement.instalments.map((x) => x.no)).toEqual([1, 2, 3, 4]);
      expect(counts(t).receipts).toBe(before);
    } finally {
      await t.ok('arrangement.updatePolicy', { minDownPaymentPercent: '10', minDownPaymentFloorCents: 2500 }, 'admin');
    }
  });
});
