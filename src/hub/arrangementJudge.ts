// Kept or broken, on the hub's own figures: every station's payments on the account since the
// arrangement was made (its down-payment receipt included, voided receipts left out, returned checks
// taken back), applied oldest instalment first. An instalment not paid in full by its due date plus the
// grace days breaks the arrangement, and a break is final. Pure: the review (arrangementReview.ts)
// loads the rows and writes what this decides.
import { addDays } from '../shared/calendar';
import { deadlineOf, type ArrangementStatus } from '../shared/arrangements';

export interface HubArrangement {
  id: string; number: string; accountNumber: string; createdAt: string; downReceiptId: string | null; graceDays: number; timeZone: string;
  totalCents: number; instalments: { no: number; dueDate: string; amountCents: number }[];
}

/** A payment on the account (a returned check is a negative one, with the receipt it had paid). */
export interface HubPayment { receiptId: string; receiptNumber: string; businessDay: string; at: string; amountCents: number; eventId: string }

export interface Ended { cancelledAt: string | null; brokenOn: string | null }

export interface Judgement {
  status: ArrangementStatus;
  paidCents: number;
  /** Due date + grace days of the first instalment not yet paid in full (null when none is left). */
  nextDeadline: string | null;
  /** A new break, decided now. */
  breaks: { instalmentNo: number; dueDate: string; brokenOn: string; missedCents: number } | null;
  /** Broken before, yet on the payments known now the instalment was paid in time (a late-arriving payment). */
  paidInTimeAfterAll: boolean;
}

const byTime = (a: HubPayment, b: HubPayment) => (a.businessDay < b.businessDay ? -1 : a.businessDay > b.businessDay ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : a.receiptId < b.receiptId ? -1 : a.receiptId > b.receiptId ? 1 : 0);

/**
 * The account's payments that count for this arrangement: its own down payment, and receipts taken after
 * it was made that are not another arrangement's down payment; returned checks follow the receipt they paid.
 */
export function paymentsFor(a: HubArrangement, account: HubPayment[], otherDownReceipts: ReadonlySet<string>): HubPayment[] {
  const counted = new Set(account.filter((p) => p.amountCents > 0 && (p.receiptId === a.downReceiptId || (p.at > a.createdAt && !otherDownReceipts.has(p.receiptId)))).map((p) => p.receiptId));
  return account.filter((p) => counted.has(p.receiptId)).sort(byTime);
}

function paidThrough(payments: HubPayment[], day: string | null, total: number): number {
  let s = 0;
  for (const p of payments) if (day === null || p.businessDay <= day) s += p.amountCents;
  return Math.min(total, Math.max(0, s));
}

/** The first instalment not paid in full by its deadline, among those whose deadline is before `today`. */
function firstMissed(a: HubArrangement, payments: HubPayment[], today: string): Judgement['breaks'] {
  let cum = 0;
  for (const x of a.instalments) {
    cum += x.amountCents;
    const deadline = deadlineOf(x.dueDate, a.graceDays);
    if (deadline >= today) return null;
    const paid = paidThrough(payments, deadline, a.totalCents);
    if (paid < cum) return { instalmentNo: x.no, dueDate: x.dueDate, brokenOn: addDays(deadline, 1), missedCents: cum - paid };
  }
  return null;
}

export function judge(a: HubArrangement, payments: HubPayment[], ended: Ended, today: string): Judgement {
  // Payments after the end of the arrangement (a cancellation, or the day it broke) are not its own.
  const inWindow = payments.filter((p) => (!ended.cancelledAt || p.at <= ended.cancelledAt) && (!ended.brokenOn || p.businessDay < ended.brokenOn));
  const paidCents = paidThrough(inWindow, null, a.totalCents);
  let cum = 0, nextDeadline: string | null = null;
  for (const x of a.instalments) {
    cum += x.amountCents;
    if (paidCents < cum) { nextDeadline = deadlineOf(x.dueDate, a.graceDays); break; }
  }
  const base = { paidCents, nextDeadline, breaks: null, paidInTimeAfterAll: false };
  if (ended.brokenOn) {
    const again = firstMissed(a, payments, ended.brokenOn);
    return { ...base, status: 'broken', nextDeadline: null, paidInTimeAfterAll: again === null };
  }
  if (ended.cancelledAt) return { ...base, status: 'cancelled', nextDeadline: null };
  const breaks = firstMissed(a, inWindow, today);
  if (breaks) return { ...base, status: 'broken', nextDeadline: null, breaks };
  return { ...base, status: paidCents >= a.totalCents ? 'completed' : 'active' };
}
