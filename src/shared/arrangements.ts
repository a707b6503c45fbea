// Payment arrangements (DOMAIN.md "Payment arrangement"): the words, the record every side shares, and
// how payments meet instalments. Integer cents only; the schedule itself is made at the station
// (src/main/station/arrangements/schedule.ts).
import { addDays } from './calendar';

export const FREQUENCIES = ['weekly', 'biweekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** active: running and holding the shut-off; completed: kept to the end; broken: decided at the hub. */
export const ARRANGEMENT_STATUSES = ['active', 'completed', 'broken', 'cancelled'] as const;
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];

/** Policy limits a supervisor's PIN and a reason may set aside for one arrangement. */
export const ARRANGEMENT_LIMITS = ['instalments', 'downPayment', 'span', 'status', 'recentlyBroken'] as const;
export type ArrangementLimit = (typeof ARRANGEMENT_LIMITS)[number];

export interface InstalmentRecord {
  /** 0 is the down payment, taken at the counter when the arrangement is made. */
  no: number;
  dueDate: string;
  amountCents: number;
}

/** The arrangement as made: what the `arrangement.created` event carries and the hub keeps. */
export interface ArrangementRecord {
  id: string;
  number: string;
  stationId: string;
  accountNumber: string;
  createdAt: string;
  businessDay: string;
  createdBy: string;
  /** The amount arranged: the down payment and the instalments add up to it. */
  totalCents: number;
  downPaymentCents: number;
  downReceiptId: string | null;
  downReceiptNumber: string | null;
  frequency: Frequency;
  instalmentCount: number;
  firstDue: string;
  /** Days past its due date an instalment may stay unpaid before the arrangement is broken. */
  graceDays: number;
  timeZone: string;
  lang: 'en' | 'es';
  payerName: string | null;
  terms: string;
  approvedBy: string | null;
  overrideReason: string | null;
  overrides: ArrangementLimit[];
  instalments: InstalmentRecord[];
}

/** The last day an instalment may be paid before the arrangement breaks. */
export const deadlineOf = (dueDate: string, graceDays: number): string => addDays(dueDate, graceDays);

/**
 * What has been paid on each instalment, oldest first, from the amount paid on the arrangement so far
 * (capped at what is due: an over-payment stays a credit on the account, not on the plan).
 */
export function paidByInstalment(amounts: readonly number[], paidCents: number): number[] {
  let left = Math.max(0, paidCents);
  return amounts.map((a) => {
    const p = Math.min(a, left);
    left -= p;
    return p;
  });
}

export interface PaymentOnPlan { amountCents: number }

/**
 * Each payment's share of each instalment, taken in order: the running total (clamped between nothing
 * and the amount arranged) fills the instalments oldest first, and a negative payment (a returned check)
 * takes back from the newest filled. Shares of one payment add up to what of it the plan could take.
 */
export function allocate(instalments: readonly { no: number; amountCents: number }[], payments: readonly PaymentOnPlan[]): { shares: { no: number; amountCents: number }[]; unappliedCents: number }[] {
  const amounts = instalments.map((x) => x.amountCents);
  const total = amounts.reduce((s, a) => s + a, 0);
  const bounds: number[] = [];
  let c = 0;
  for (const a of amounts) { bounds.push(c); c += a; }
  let raw = 0, before = 0;
  return payments.map((p) => {
    raw += p.amountCents;
    const after = Math.min(total, Math.max(0, raw));
    const lo = Math.min(before, after), hi = Math.max(before, after), sign = after >= before ? 1 : -1;
    const shares: { no: number; amountCents: number }[] = [];
    amounts.forEach((a, i) => {
      const overlap = Math.min(hi, bounds[i]! + a) - Math.max(lo, bounds[i]!);
      if (overlap > 0) shares.push({ no: instalments[i]!.no, amountCents: sign * overlap });
    });
    const unappliedCents = p.amountCents - (after - before);
    before = after;
    return { shares, unappliedCents };
  });
}

/** The next instalment with something still to pay on it. */
export interface NextInstalment {
  no: number;
  dueDate: string;
  /** What is still to pay on it (all of it, or the rest after a partial payment). */
  dueCents: number;
  /** Past its due date (within the grace days: not broken yet). */
  overdue: boolean;
}

/** What the account directory shows of an account's running arrangement ("on arrangement"). */
export interface ArrangementSummary {
  id: string;
  number: string;
  next: NextInstalment | null;
  /** Running arrangements on the account: more than one is a hub exception for a supervisor. */
  running: number;
}
