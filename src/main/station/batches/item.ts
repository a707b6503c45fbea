// One payment of a batch: a receipt in the batch's session (no drawer, no change), with where it came
// from, when it was received and its postmark. Money for an unknown or closed account is kept and raises
// an exception to resolve; it is never refused.
import { randomUUID } from 'node:crypto';
import type { BatchItemsTable, BatchesTable, DrawerSessionsTable } from '../../db/schema';
import { localDate } from '../../../shared/calendar';
import { StationError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import type { UserView } from '../../../shared/views';
import type { BatchItemView } from '../../../shared/contract/batches';
import { writeReceipt, type PostReceiptInput } from '../receipts';
import type { Station } from '../station';

export interface ItemInput {
  id: string;
  lines: PostReceiptInput['lines'];
  tender: PostReceiptInput['tenders'][number];
  dateReceived: string;
  postmarkDate?: string | undefined;
  payerName?: string | undefined;
  /** A receipt printed for this item (to mail back); by default a batch prints none. */
  printReceipt?: boolean | undefined;
}

export interface ItemOrigin {
  tenderDetail: BatchItemsTable['tender_detail']; sourceRef?: string; fileLine?: number;
  /** Already in the bank (a file): a cash-only payer's check cannot be handed back, so it is not refused. */
  inBank?: boolean;
}

/** Checks of a keyed item that the receipt itself does not make: dates and tender. */
export function checkItem(station: Station, batch: BatchesTable, input: ItemInput): void {
  const today = localDate(station.clock.now(), station.config.timeZone);
  if (input.dateReceived > today) throw new StationError('DATE_RECEIVED_FUTURE', { date: input.dateReceived }, 'dateReceived');
  if (input.postmarkDate && input.postmarkDate > input.dateReceived) {
    throw new StationError('POSTMARK_AFTER_RECEIVED', { postmark: input.postmarkDate, received: input.dateReceived }, 'postmarkDate');
  }
  if ((batch.source === 'mail' || batch.source === 'drop_box') && input.tender.kind !== 'check' && input.tender.kind !== 'money_order') {
    throw new StationError('BATCH_TENDER_NOT_ALLOWED', {}, 'tender.kind');
  }
}

/** Writes one item inside the caller's transaction. A replay of the same id returns what was written. */
export interface Written { receiptId: string; replay: boolean; item?: BatchItemView }

export function writeItem(station: Station, user: UserView, session: DrawerSessionsTable, batch: BatchesTable, input: ItemInput, origin: ItemOrigin): Written {
  const done = station.st.sqlGet<{ session_id: string }>('SELECT session_id FROM batch_items WHERE receipt_id = ?', input.id);
  if (done) {
    if (done.session_id !== session.id) throw new StationError('IDEMPOTENCY_CONFLICT');
    return { receiptId: input.id, replay: true };
  }
  if (session.state !== 'open') throw new StationError('BATCH_CLOSED', { batch: batch.batch_number }, 'batchId');
  const kind = input.tender.kind === 'money_order' ? 'money order' : input.tender.kind === 'other' ? 'payment' : input.tender.kind;
  const mismatch = (tendered: number, total: number) => new StationError('BATCH_AMOUNT_MISMATCH', { kind, tendered: formatCents(tendered), total: formatCents(total) }, 'tender.amountCents');
  // A batch gives no change: the check is for what it pays (said before the receipt's own tender checks).
  const keyed = input.lines.every((l) => l.amountCents !== undefined) ? input.lines.reduce((a, l) => a + (l.amountCents ?? 0), 0) : null;
  if (keyed !== null && keyed !== input.tender.amountCents) throw mismatch(input.tender.amountCents, keyed);
  let rec;
  try {
    rec = writeReceipt(station, user, {
      id: input.id, lines: input.lines, tenders: [input.tender], ...(input.payerName ? { payerName: input.payerName } : {}),
    }, { session, keepUnknownAccounts: true, skipCashOnly: origin.inBank ?? false, skipDuplicateChecks: origin.inBank ?? false }).rec;
  } catch (e) {
    // The item has one tender, named `tender` in the batch's input.
    if (e instanceof StationError && e.field?.startsWith('tenders')) throw new StationError(e.code, e.params, e.field.replace(/^tenders(\.0)?/, 'tender'));
    throw e;
  }
  if (rec.changeCents !== 0) throw mismatch(rec.tenderedCents, rec.totalCents);
  const itemNo = station.st.sqlGet<{ n: number }>('SELECT COALESCE(MAX(item_no), 0) AS n FROM batch_items WHERE session_id = ?', session.id)!.n + 1;
  station.st.sqlRun(`INSERT INTO batch_items(receipt_id, session_id, item_no, collection_point, date_received, postmark_date, tender_detail, source_ref, file_line, entered_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, rec.id, session.id, itemNo, batch.source, input.dateReceived, input.postmarkDate ?? null, origin.tenderDetail,
  origin.sourceRef ?? null, origin.fileLine ?? null, user.id);
  station.record('batch.item', rec.id, {
    receiptId: rec.id, receiptNumber: rec.receiptNumber, sessionId: session.id, batchNumber: batch.batch_number, itemNo, collectionPoint: batch.source,
    dateReceived: input.dateReceived, postmarkDate: input.postmarkDate ?? null, tenderDetail: origin.tenderDetail, sourceRef: origin.sourceRef ?? null,
    amountCents: rec.totalCents, businessDay: rec.businessDay, enteredBy: user.id, printReceipt: input.printReceipt ?? false,
  }, rec.createdAt);
  for (const l of rec.lines) {
    if (!l.accountNumber) continue;
    const acct = station.st.sqlGet<{ status: string }>('SELECT status FROM accounts WHERE account_number = ?', l.accountNumber);
    const kind = !acct ? 'unknown_account' : acct.status === 'closed' || acct.status === 'final' ? 'closed_account' : null;
    if (!kind) continue;
    const id = randomUUID();
    station.st.sqlRun('INSERT INTO batch_exceptions(id, receipt_id, line_no, account_number, kind, amount_cents, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      id, rec.id, l.lineNo, l.accountNumber, kind, l.amountCents, rec.createdAt);
    station.record('batch.exception', id, { exceptionId: id, receiptId: rec.id, receiptNumber: rec.receiptNumber, lineNo: l.lineNo, accountNumber: l.accountNumber, kind, amountCents: l.amountCents }, rec.createdAt);
  }
  const t = rec.tenders[0]!;
  return {
    receiptId: rec.id, replay: false,
    // The view from what was just written (no read back): the posting's answer stays fast.
    item: {
      itemNo, receiptNumber: rec.receiptNumber, receiptId: rec.id, accountNumbers: [...new Set(rec.lines.map((l) => l.accountNumber).filter((a): a is string => a !== null))],
      payerName: rec.payerName, amountCents: rec.totalCents, tender: origin.tenderDetail, checkNumber: t.checkNumber, reference: t.reference,
      dateReceived: input.dateReceived, postmarkDate: input.postmarkDate ?? null, sourceRef: origin.sourceRef ?? null, fileLine: origin.fileLine ?? null,
      enteredBy: { id: user.id, name: user.name }, voided: false,
    },
  };
}
