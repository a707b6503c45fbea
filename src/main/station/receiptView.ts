// Reading receipts back: the view the UI and printer use, and the canonical record the journal holds.
import type { CardBrand, TenderKind } from '../../shared/domain';
import type { FeeInputs } from '../../shared/fees';
import { StationError } from '../../shared/errors';
import type { ReceiptView } from '../../shared/views';
import type { ReceiptLinesTable, ReceiptsTable, TendersTable } from '../db/schema';
import { catalog } from './catalogCache';
import type { Station } from './station';
import { terminalCard } from './card/terminalCard';

/** The receipt exactly as posted: what its journal row holds and `verify` compares against the tables. */
export function receiptRecord(station: Station, id: string) {
  const r = station.st.sqlGet<ReceiptsTable>('SELECT * FROM receipts WHERE id = ?', id);
  if (!r) return undefined;
  const lines = station.st.sqlAll<ReceiptLinesTable>('SELECT * FROM receipt_lines WHERE receipt_id = ? ORDER BY line_no', id);
  const tenders = station.st.sqlAll<TendersTable>('SELECT * FROM tenders WHERE receipt_id = ? ORDER BY tender_no', id);
  return {
    id: r.id, receiptNumber: r.receipt_number, stationId: r.station_id, seq: r.seq, sessionId: r.session_id, cashierId: r.cashier_id,
    businessDay: r.business_day, createdAt: r.created_at, payerName: r.payer_name,
    totalCents: r.total_cents, tenderedCents: r.tendered_cents, changeCents: r.change_cents,
    lines: lines.map((l) => ({ lineNo: l.line_no, revenueCode: l.revenue_code, accountNumber: l.account_number, amountCents: l.amount_cents, feeInputs: l.fee_inputs ? JSON.parse(l.fee_inputs) as FeeInputs : null, description: l.description })),
    tenders: tenders.map((t) => ({
      tenderNo: t.tender_no, kind: t.kind as TenderKind, amountCents: t.amount_cents, checkRouting: t.check_routing, checkAccount: t.check_account,
      checkNumber: t.check_number, micrRaw: t.micr_raw, cardBrand: t.card_brand as CardBrand | null, cardLast4: t.card_last4, cardAuth: t.card_auth, reference: t.reference,
      ...(t.card_attempt_id ? { card: terminalCard(station, t.card_attempt_id)! } : {}),
    })),
    // Issue 15: present only when the cash was rounded, as in the journal.
    ...(r.cash_rounding_cents ? { cashRoundingCents: r.cash_rounding_cents } : {}),
  } as ReceiptRecordShape;
}
/** cashRoundingCents: what the cash was rounded by (tenders − change = total + it); absent when none. */
interface ReceiptRecordShape {
  id: string; receiptNumber: string; stationId: string; seq: number; sessionId: string; cashierId: string; businessDay: string; createdAt: string; payerName: string | null;
  totalCents: number; tenderedCents: number; changeCents: number; cashRoundingCents?: number;
  lines: { lineNo: number; revenueCode: string; accountNumber: string | null; amountCents: number; feeInputs: FeeInputs | null; description: string | null }[];
  tenders: { tenderNo: number; kind: TenderKind; amountCents: number; checkRouting: string | null; checkAccount: string | null; checkNumber: string | null; micrRaw: string | null; cardBrand: CardBrand | null; cardLast4: string | null; cardAuth: string | null; reference: string | null;
    /** Paid at the counter's terminal: what the terminal said (issue 11). */
    card?: NonNullable<ReturnType<typeof terminalCard>> }[];
}
export type ReceiptRecord = NonNullable<ReturnType<typeof receiptRecord>>;

/** The view of a record just built in memory (posting) or read back (receiptView). */
export function viewFromRecord(station: Station, rec: ReceiptRecord, extra: Pick<ReceiptView, 'cashierName' | 'voided' | 'duplicate'>): ReceiptView {
  const codes = catalog(station);
  return {
    ...rec,
    ...extra,
    lines: rec.lines.map((l) => {
      const c = codes.get(l.revenueCode);
      return { ...l, nameEn: c?.nameEn ?? l.revenueCode, nameEs: c?.nameEs ?? l.revenueCode, glAccount: c?.glAccount ?? '' };
    }),
  };
}

export function receiptView(station: Station, id: string, duplicate = false): ReceiptView {
  const rec = receiptRecord(station, id);
  if (!rec) throw new StationError('RECEIPT_NOT_FOUND', { receipt: id });
  const cashier = station.st.sqlGet<{ name: string }>('SELECT name FROM users WHERE id = ?', rec.cashierId);
  const v = station.st.sqlGet<{ created_at: string; reason: string; approved_by: string }>('SELECT created_at, reason, approved_by FROM voids WHERE receipt_id = ?', id);
  return viewFromRecord(station, rec, {
    cashierName: cashier?.name ?? rec.cashierId,
    voided: v ? { at: v.created_at, reason: v.reason, approvedBy: v.approved_by } : null,
    duplicate,
  });
}

/** Looks a receipt up by its printed number through the (station_id, seq) key. */
export function receiptIdByNumber(station: Station, receiptNumber: string): string {
  const m = /^(.+)-(\d+)$/.exec(receiptNumber.trim());
  const r = m ? station.st.sqlGet<{ id: string }>('SELECT id FROM receipts WHERE station_id = ? AND seq = ?', m[1]!, Number(m[2])) : undefined;
  if (!r) throw new StationError('RECEIPT_NOT_FOUND', { receipt: receiptNumber }, 'receiptNumber');
  return r.id;
}

export function formatReceiptNumber(stationId: string, seq: number): string {
  return `${stationId}-${String(seq).padStart(6, '0')}`;
}
