// A supervisor cancels a running arrangement, with a reason: a new row, the arrangement stays.
// Voiding the receipt of a down payment cancels its arrangement in the same transaction: no plan is
// left standing on a down payment that was never taken.
import { randomUUID } from 'node:crypto';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';
import { findRecord, standingOf, type Standing } from './standing';

function writeCancellation(station: Station, s: Standing, c: { id: string; userId: string; approvedBy: string; reason: string; at: string }): void {
  station.st.run(station.kysely.insertInto('arrangement_cancellations').values({
    id: c.id, arrangement_id: s.record.id, user_id: c.userId, approved_by: c.approvedBy, reason: c.reason, created_at: c.at,
  }));
  station.record('arrangement.cancelled', c.id, {
    cancellationId: c.id, arrangementId: s.record.id, arrangementNumber: s.record.number, accountNumber: s.record.accountNumber,
    userId: c.userId, approvedBy: c.approvedBy, reason: c.reason, businessDay: station.businessDay(new Date(c.at)),
  }, c.at);
}

export function cancelArrangement(station: Station, user: UserView, input: { id: string; arrangementId: string; reason: string }, approver: UserView): string {
  station.commit(() => {
    const again = station.st.get<{ arrangement_id: string }>(station.kysely.selectFrom('arrangement_cancellations').select('arrangement_id').where('id', '=', input.id));
    if (again) {
      if (again.arrangement_id !== input.arrangementId) throw new StationError('IDEMPOTENCY_CONFLICT');
      return;
    }
    const found = findRecord(station, input.arrangementId);
    if (!found) throw new StationError('ARRANGEMENT_NOT_FOUND', { id: input.arrangementId }, 'arrangementId');
    const s = standingOf(station, found.record, found.madeHere);
    if (s.status !== 'active') throw new StationError('ARRANGEMENT_NOT_RUNNING', { number: s.record.number, status: s.status }, 'arrangementId');
    writeCancellation(station, s, { id: input.id, userId: user.id, approvedBy: approver.id, reason: input.reason, at: station.nowIso() });
  });
  return input.arrangementId;
}

/** Inside the void's transaction: the arrangement this receipt was the down payment of ends with it. */
export function cancelForVoidedDownPayment(station: Station, receiptId: string, v: { receiptNumber: string; userId: string; approvedBy: string; reason: string; at: string }): void {
  const rows = station.st.all<{ id: string }>(station.kysely.selectFrom('arrangements').select('id').where('down_receipt_id', '=', receiptId));
  for (const r of rows) {
    const found = findRecord(station, r.id)!;
    const s = standingOf(station, found.record, true);
    if (s.status === 'cancelled' || s.status === 'broken') continue;
    writeCancellation(station, s, { id: randomUUID(), userId: v.userId, approvedBy: v.approvedBy, reason: `Down payment receipt ${v.receiptNumber} voided: ${v.reason}`, at: v.at });
  }
}
