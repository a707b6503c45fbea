// What a batch holds against its control figures: counted from its receipts (voids excluded), never
// from a running total, so the figures on screen are the ledger's.
import type { BatchItemView, BatchListItem, BatchView } from '../../../shared/contract/batches';
import type { BatchClosuresTable, BatchesTable, DrawerSessionsTable } from '../../db/schema';
import { person, personOrNull } from '../endOfDay/common';
import { depositOfSession } from '../endOfDay/closeoutView';
import type { Station } from '../station';
import { loadBatch } from './open';

export function enteredFigures(station: Station, sessionId: string): { count: number; cents: number } {
  const r = station.st.sqlGet<{ n: number; c: number | null }>(`SELECT COUNT(*) AS n, SUM(r.total_cents) AS c FROM batch_items i JOIN receipts r ON r.id = i.receipt_id
    WHERE i.session_id = ? AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)`, sessionId)!;
  return { count: r.n, cents: r.c ?? 0 };
}

export function batchItems(station: Station, sessionId: string, receiptId?: string): BatchItemView[] {
  const rows = station.st.sqlAll<{
    item_no: number; receipt_id: string; receipt_number: string; payer_name: string | null; total_cents: number; tender_detail: BatchItemView['tender'];
    check_number: string | null; reference: string | null; date_received: string; postmark_date: string | null; source_ref: string | null; file_line: number | null;
    entered_by: string; voided: number; accounts: string | null;
  }>(`SELECT i.item_no, i.receipt_id, r.receipt_number, r.payer_name, r.total_cents, i.tender_detail, t.check_number, t.reference, i.date_received, i.postmark_date,
        i.source_ref, i.file_line, i.entered_by, EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id) AS voided,
        (SELECT group_concat(l.account_number, ' ') FROM receipt_lines l WHERE l.receipt_id = r.id AND l.account_number IS NOT NULL) AS accounts
      FROM batch_items i JOIN receipts r ON r.id = i.receipt_id JOIN tenders t ON t.receipt_id = r.id AND t.tender_no = 1
      WHERE i.session_id = ? ${receiptId ? 'AND i.receipt_id = ?' : ''} ORDER BY i.item_no`, ...(receiptId ? [sessionId, receiptId] : [sessionId]));
  const names = new Map<string, { id: string; name: string }>();
  return rows.map((x) => ({
    itemNo: x.item_no, receiptId: x.receipt_id, receiptNumber: x.receipt_number, accountNumbers: x.accounts ? [...new Set(x.accounts.split(' '))] : [],
    payerName: x.payer_name, amountCents: x.total_cents, tender: x.tender_detail, checkNumber: x.check_number, reference: x.reference,
    dateReceived: x.date_received, postmarkDate: x.postmark_date, sourceRef: x.source_ref, fileLine: x.file_line,
    enteredBy: names.get(x.entered_by) ?? (names.set(x.entered_by, person(station, x.entered_by)), names.get(x.entered_by)!), voided: x.voided === 1,
  }));
}

export function batchViewOf(station: Station, session: DrawerSessionsTable, batch: BatchesTable): BatchView {
  const entered = enteredFigures(station, session.id);
  const difference = { count: entered.count - batch.control_count, cents: entered.cents - batch.control_cents };
  const c = station.st.sqlGet<BatchClosuresTable>('SELECT * FROM batch_closures WHERE session_id = ?', session.id);
  const file = batch.file_id ? station.st.sqlGet<{ file_name: string }>('SELECT file_name FROM batch_files WHERE id = ?', batch.file_id) : undefined;
  const openExceptions = station.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM batch_exceptions e JOIN batch_items i ON i.receipt_id = e.receipt_id
    WHERE i.session_id = ? AND NOT EXISTS (SELECT 1 FROM batch_exception_resolutions x WHERE x.exception_id = e.id)`, session.id)!.n;
  return {
    id: session.id, batchNumber: batch.batch_number, source: batch.source, state: session.state === 'closed' ? 'closed' : 'open', businessDay: session.business_day,
    openedBy: person(station, batch.opened_by), openedAt: batch.opened_at,
    control: { count: batch.control_count, cents: batch.control_cents }, entered, difference,
    balanced: difference.count === 0 && difference.cents === 0,
    bankDepositCents: batch.bank_deposit_cents, bankDifferenceCents: batch.bank_deposit_cents === null ? null : batch.bank_deposit_cents - entered.cents,
    fileName: file?.file_name ?? null,
    items: batchItems(station, session.id),
    closure: c ? { at: c.closed_at, by: person(station, c.closed_by), approvedBy: personOrNull(station, c.approved_by), reason: c.reason, differenceCount: c.difference_count, differenceCents: c.difference_cents } : null,
    depositable: batch.source === 'mail' || batch.source === 'drop_box',
    depositId: depositOfSession(station, session.id),
    openExceptions,
  };
}

export function batchView(station: Station, id: string): BatchView {
  const { session, batch } = loadBatch(station, id);
  return batchViewOf(station, session, batch);
}

export function listBatches(station: Station, q: { state?: 'open' | 'closed' | undefined; limit: number }): BatchListItem[] {
  const rows = station.st.sqlAll<BatchesTable & { state: string; business_day: string }>(`SELECT b.*, s.state, s.business_day FROM batches b JOIN drawer_sessions s ON s.id = b.session_id
    WHERE b.station_id = ? ${q.state === 'open' ? "AND s.state <> 'closed'" : q.state === 'closed' ? "AND s.state = 'closed'" : ''} ORDER BY b.opened_at DESC, b.batch_number DESC LIMIT ?`, station.stationId, q.limit);
  return rows.map((b) => {
    const entered = enteredFigures(station, b.session_id);
    return {
      id: b.session_id, batchNumber: b.batch_number, source: b.source, state: b.state === 'closed' ? 'closed' as const : 'open' as const, businessDay: b.business_day,
      control: { count: b.control_count, cents: b.control_cents }, entered, balanced: entered.count === b.control_count && entered.cents === b.control_cents,
    };
  });
}
