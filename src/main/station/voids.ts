// Void (a reversing record; the receipt stays) and reprint (logged; the copy says DUPLICATE).
import { StationError } from '../../shared/errors';
import type { ReceiptView, UserView } from '../../shared/views';
import type { DrawerSessionsTable, VoidsTable } from '../db/schema';
import { receiptIdByNumber, receiptView } from './receiptView';
import type { Station } from './station';
import { reverseReceipt } from './arrangements/applyPayment';
import { cancelForVoidedDownPayment } from './arrangements/cancel';

export function voidReceipt(station: Station, user: UserView, input: { id: string; receiptNumber: string; reason: string }, approver: UserView): ReceiptView {
  const receiptId = receiptIdByNumber(station, input.receiptNumber);
  const again = station.st.sqlGet<VoidsTable>('SELECT * FROM voids WHERE id = ?', input.id);
  if (again) {
    if (again.receipt_id !== receiptId) throw new StationError('IDEMPOTENCY_CONFLICT');
    return receiptView(station, receiptId);
  }
  station.commit(() => {
    if (station.st.sqlGet('SELECT 1 FROM voids WHERE receipt_id = ?', receiptId)) throw new StationError('RECEIPT_ALREADY_VOID', { receipt: input.receiptNumber }, 'receiptNumber');
    const session = station.st.sqlGet<DrawerSessionsTable>('SELECT s.* FROM drawer_sessions s JOIN receipts r ON r.session_id = s.id WHERE r.id = ?', receiptId)!;
    if (session.state !== 'open' || session.station_id !== station.stationId) {
      throw new StationError('VOID_CLOSED_SESSION', { receipt: input.receiptNumber }, 'receiptNumber');
    }
    const at = station.nowIso();
    station.st.sqlRun('INSERT INTO voids(id, receipt_id, session_id, user_id, approved_by, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      input.id, receiptId, session.id, user.id, approver.id, input.reason, at);
    station.record('receipt.voided', input.id, { voidId: input.id, receiptId, receiptNumber: input.receiptNumber, sessionId: session.id, stationId: station.stationId, userId: user.id, approvedBy: approver.id, reason: input.reason }, at);
    // What it paid on arrangements is taken back; a down payment voided ends its arrangement.
    reverseReceipt(station, receiptId, input.id, at);
    cancelForVoidedDownPayment(station, receiptId, { receiptNumber: input.receiptNumber, userId: user.id, approvedBy: approver.id, reason: input.reason, at });
  });
  return receiptView(station, receiptId);
}

export function reprintReceipt(station: Station, user: UserView, input: { id: string; receiptNumber: string }): ReceiptView {
  const receiptId = receiptIdByNumber(station, input.receiptNumber);
  if (!station.st.sqlGet('SELECT 1 FROM reprints WHERE id = ?', input.id)) {
    station.commit(() => {
      const at = station.nowIso();
      station.st.sqlRun('INSERT INTO reprints(id, receipt_id, user_id, created_at) VALUES (?, ?, ?, ?)', input.id, receiptId, user.id, at);
      station.record('receipt.reprinted', input.id, { reprintId: input.id, receiptId, receiptNumber: input.receiptNumber, userId: user.id }, at, { sync: false });
    });
  }
  return receiptView(station, receiptId, true);
}
