// Arrangements for tests: an account that may have one, and a plan made through the dispatcher with
// its down payment taken in cash (or any tenders given).
import type { InputOf } from '../../../../src/shared/api';
import { uuid, type TestStation } from '../../../helpers/station';

export const SUPERVISOR = { userId: 'supervisor', pin: '2222' } as const;

/** Accounts of the demo city in a status the default policy allows, with at least this balance. */
export function eligibleAccounts(t: TestStation, minBalance = 20_000, status = 'shutoff_pending'): { accountNumber: string; balanceCents: number }[] {
  return t.station.st.sqlAll<{ accountNumber: string; balanceCents: number }>(
    'SELECT account_number AS accountNumber, balance_cents AS balanceCents FROM accounts WHERE status = ? AND balance_cents >= ? ORDER BY account_number', status, minBalance);
}

export type CreateInput = InputOf<'arrangement.create'>;

/** A draft for the account: the amount arranged, a down payment, n monthly instalments from a date. */
export function draft(accountNumber: string, totalCents: number, o: Partial<CreateInput> = {}): CreateInput {
  const down = o.downPaymentCents ?? Math.ceil(totalCents / 5);
  return {
    id: uuid(), accountNumber, totalCents, downPaymentCents: down, instalmentCount: 4, frequency: 'monthly', firstDue: '2026-12-20', lang: 'en',
    ...(down > 0 ? { receipt: { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber, amountCents: down }], tenders: [{ kind: 'cash', amountCents: down }] } } : {}),
    ...o,
  };
}

/** Payment on the account (cash), through receipt.post. */
export function pay(t: TestStation, accountNumber: string, cents: number, revenueCode = 'WATER') {
  return t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode, accountNumber, amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents }] });
}

/** Rows that any write would add to: nothing may change when a request is refused. */
export function counts(t: TestStation): Record<string, number> {
  const n = (table: string) => t.station.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)!.n;
  return Object.fromEntries(['arrangements', 'arrangement_instalments', 'arrangement_payments', 'receipts', 'receipt_lines', 'tenders', 'journal', 'outbox'].map((x) => [x, n(x)]));
}
