// What a session holds besides cash: its checks, money orders and other items, and its safe drops.
import type { DenominationCounts } from '../../../shared/denominations';
import type { CountableItem, DropBag } from '../../../shared/endOfDayViews';
import type { Station } from '../station';

export interface SessionItem extends CountableItem { receiptId: string }

export function countableItems(station: Station, sessionId: string): SessionItem[] {
  return station.st.sqlAll<{
    receipt_id: string; receipt_number: string; payer_name: string | null; tender_no: number; kind: 'check' | 'money_order' | 'other';
    check_routing: string | null; check_account: string | null; check_number: string | null; reference: string | null; amount_cents: number;
  }>(`SELECT r.id AS receipt_id, r.receipt_number, r.payer_name, t.tender_no, t.kind, t.check_routing, t.check_account, t.check_number, t.reference, t.amount_cents
      FROM receipts r JOIN tenders t ON t.receipt_id = r.id
      WHERE r.session_id = ? AND t.kind IN ('check', 'money_order', 'other') AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)
      ORDER BY r.seq, t.tender_no`, sessionId)
    .map((t) => ({
      receiptId: t.receipt_id, receiptNumber: t.receipt_number, tenderNo: t.tender_no, kind: t.kind, routing: t.check_routing,
      account: t.check_account, checkNumber: t.check_number, reference: t.reference, amountCents: t.amount_cents, payerName: t.payer_name,
    }));
}

export function sessionDrops(station: Station, sessionId: string): DropBag[] {
  return station.st.sqlAll<{ id: string; amount_cents: number; counts: string | null; created_at: string }>(
    "SELECT id, amount_cents, counts, created_at FROM drawer_movements WHERE session_id = ? AND kind = 'drop' ORDER BY created_at, id", sessionId)
    .map((m) => ({ movementId: m.id, amountCents: m.amount_cents, counts: m.counts ? JSON.parse(m.counts) as DenominationCounts : null, at: m.created_at }));
}
