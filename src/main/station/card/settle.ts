// Ending an approved charge: the receipt of its sale posted (once: the receipt's client UUID and the
// tender's UNIQUE attempt make a second posting impossible), or the charge reversed at the terminal.
import type { ReceiptView, UserView } from '../../../shared/views';
import type { PaymentTerminal } from '../../../hardware/terminal/terminal';
import { StationError } from '../../../shared/errors';
import { receiptView, viewFromRecord } from '../receiptView';
import { writeReceipt, type PostReceiptInput } from '../receipts';
import type { Station } from '../station';
import { appendResult, approvalOf, attemptRow, results, stateOf, type AttemptRow } from './attempts';

function cashierOf(station: Station, id: string): UserView {
  const u = station.st.sqlGet<{ id: string; name: string; role: UserView['role'] }>('SELECT id, name, role FROM users WHERE id = ?', id)!;
  return { id: u.id, name: u.name, role: u.role };
}

/** The sale as written with the attempt, each terminal tender at the amount its attempt was approved for. */
function saleOf(station: Station, row: AttemptRow): PostReceiptInput | null {
  const sale = JSON.parse(row.sale) as PostReceiptInput;
  const tenders = [];
  for (const t of sale.tenders) {
    if (t.kind === 'card' && t.attemptId) {
      const other = attemptRow(station, t.attemptId);
      const rs = other ? results(station, other.id) : [];
      const a = approvalOf(rs);
      if (!a || stateOf(rs) !== 'approved') return null; // a card of the sale not (or no longer) approved
      tenders.push({ ...t, amountCents: a.approvedCents });
    } else tenders.push(t);
  }
  return { ...sale, tenders };
}

/**
 * Posts the sale of an approved attempt when its tenders cover the total. Null when they do not (a
 * partial approval, or the first card of two): the attempt is held for the sale at the till.
 */
export function postIfCovered(station: Station, row: AttemptRow): ReceiptView | null {
  const existing = station.st.sqlGet<{ id: string }>('SELECT id FROM receipts WHERE id = ?', row.receipt_id);
  if (existing) return null;
  const sale = saleOf(station, row);
  if (!sale) return null;
  const user = cashierOf(station, row.cashier_id);
  try {
    const { rec } = station.commit(() => writeReceipt(station, user, sale));
    return viewFromRecord(station, rec, { cashierName: user.name, voided: null, duplicate: false });
  } catch (e) {
    if (e instanceof StationError && e.code === 'TENDER_SHORT') return null;
    throw e;
  }
}

export function postedReceipt(station: Station, receiptId: string): ReceiptView | null {
  return station.st.sqlGet('SELECT 1 FROM receipts WHERE id = ?', receiptId) ? receiptView(station, receiptId) : null;
}

/** Reverses an approved charge at the terminal; a refusal is recorded (once) and left for a person. */
export async function reverseAttempt(station: Station, terminal: PaymentTerminal, row: AttemptRow, userId: string | null): Promise<boolean> {
  const rs = results(station, row.id);
  const a = approvalOf(rs);
  if (!a || stateOf(rs) !== 'approved') return stateOf(rs) === 'reversed';
  const r = await terminal.reverse(a.transactionId, a.transactionTime);
  station.commit(() => {
    if (r.reversed) appendResult(station, row.id, 'reversed', { userId, reason: null });
    else if (!rs.some((x) => x.state === 'reversal_refused')) appendResult(station, row.id, 'reversal_refused', { userId, reason: r.reason });
  });
  return r.reversed;
}
