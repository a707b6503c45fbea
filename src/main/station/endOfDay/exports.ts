// CSV exports of a business day: the daily summary and the receipts journal. The same day gives
// the same file (rows in a fixed order), so an export can be regenerated and compared.
import type { CsvExport } from '../../../shared/endOfDayViews';
import type { Station } from '../station';
import { amount, centsDecimal, toCsv } from './csv';
import { dailySummary } from './dailySummary';
import { revenueCodeNames } from './aggregates';

export function dailySummaryCsv(station: Station, day: string): CsvExport {
  const s = dailySummary(station, day);
  const rows: (string | number | null | ReturnType<typeof amount>)[][] = [];
  const c = s.collections;
  for (const r of c.byRevenueCode) rows.push([day, 'revenue_code', r.revenueCode, r.nameEn, r.glAccount, r.lineCount, amount(r.totalCents)]);
  for (const g of c.byGlAccount) rows.push([day, 'gl_account', g.glAccount, g.revenueCodes.join(' '), g.glAccount, null, amount(g.totalCents)]);
  for (const x of c.byTender) rows.push([day, 'tender', x.kind, x.kind === 'cash' ? 'net of change' : '', '', x.count, amount(x.netCents)]);
  for (const b of c.cardsByBrand) rows.push([day, 'card_brand', b.brand, '', '', b.count, amount(b.totalCents)]);
  for (const k of c.byCashier) rows.push([day, 'cashier', k.cashier.id, k.cashier.name, '', k.receiptCount, amount(k.totalCents)]);
  for (const k of c.byCashier) rows.push([day, 'cashier_over_short', k.cashier.id, k.cashier.name, '', k.sessionCount, amount(k.overShortCents)]);
  for (const p of c.byCollectionPoint) rows.push([day, 'collection_point', p.point, '', '', p.count, amount(p.totalCents)]);
  rows.push([day, 'voids', '', '', '', c.voids.count, amount(c.voids.totalCents)]);
  rows.push([day, 'collections_total', '', '', '', c.receipts.count, amount(c.totalCents)]);
  for (const r of s.returnedChecks.byRevenueCode) rows.push([day, 'returned_check', r.revenueCode, r.nameEn, r.glAccount, r.lineCount, amount(-r.totalCents)]);
  rows.push([day, 'returned_checks_total', '', '', '', s.returnedChecks.count, amount(-s.returnedChecks.totalCents)]);
  rows.push([day, 'returned_check_fees', '', 'charged to accounts', '', s.returnedChecks.count, amount(s.returnedChecks.feesCents)]);
  for (const r of s.net.byRevenueCode) rows.push([day, 'net_revenue_code', r.revenueCode, r.nameEn, r.glAccount, null, amount(r.totalCents)]);
  rows.push([day, 'net_total', '', '', '', null, amount(s.net.totalCents)]);
  rows.push([day, 'over_short_total', '', '', '', s.closeouts.sessions.length, amount(s.closeouts.overShortCents)]);
  return { filename: `daily-summary-${station.stationId}-${day}.csv`, mimeType: 'text/csv', rows: rows.length, content: toCsv(['business_day', 'section', 'key', 'name', 'gl_account', 'count', 'amount'], rows) };
}

interface JournalRow {
  receipt_id: string; receipt_number: string; station_id: string; session_id: string; cashier_id: string; created_at: string; payer_name: string | null;
  total_cents: number; change_cents: number; line_no: number; revenue_code: string; account_number: string | null; amount_cents: number;
  void_reason: string | null; voided_at: string | null;
}

/** One row per receipt line of the day (voided receipts marked), then the day's returned-check reversals. */
export function receiptsJournalCsv(station: Station, day: string): CsvExport {
  const st = station.st;
  const names = revenueCodeNames(station);
  const tenders = new Map<string, string>();
  for (const t of st.sqlAll<{ receipt_id: string; kind: string; amount_cents: number; check_number: string | null; card_brand: string | null; card_last4: string | null; reference: string | null }>(
    `SELECT t.receipt_id, t.kind, t.amount_cents, t.check_number, t.card_brand, t.card_last4, t.reference FROM tenders t JOIN receipts r ON r.id = t.receipt_id
     WHERE r.business_day = ? ORDER BY t.receipt_id, t.tender_no`, day)) {
    const detail = t.kind === 'check' ? ` #${t.check_number}` : t.kind === 'card' ? ` ${t.card_brand} ${t.card_last4}` : t.reference ? ` ${t.reference}` : '';
    const text = `${t.kind}${detail} ${centsDecimal(t.amount_cents)}`;
    tenders.set(t.receipt_id, tenders.has(t.receipt_id) ? `${tenders.get(t.receipt_id)}; ${text}` : text);
  }
  const rows: (string | number | null | ReturnType<typeof amount>)[][] = [];
  for (const r of st.sqlAll<JournalRow>(`
    SELECT r.id AS receipt_id, r.receipt_number, r.station_id, r.session_id, r.cashier_id, r.created_at, r.payer_name, r.total_cents, r.change_cents,
      l.line_no, l.revenue_code, l.account_number, l.amount_cents, v.reason AS void_reason, v.created_at AS voided_at
    FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id LEFT JOIN voids v ON v.receipt_id = r.id
    WHERE r.business_day = ? ORDER BY r.station_id, r.seq, l.line_no`, day)) {
    rows.push([day, r.voided_at ? 'void' : 'receipt', r.receipt_number, r.created_at, r.station_id, r.cashier_id, r.payer_name, r.line_no, r.revenue_code,
      names.get(r.revenue_code)?.gl_account ?? '', r.account_number, amount(r.amount_cents), amount(r.total_cents), r.line_no === 1 ? tenders.get(r.receipt_id) ?? '' : '',
      r.line_no === 1 ? amount(r.change_cents) : null, r.void_reason]);
  }
  for (const x of st.sqlAll<{ id: string; receipt_number: string; recorded_at: string; station_id: string; recorded_by: string; payer_name: string | null; line_no: number; revenue_code: string; account_number: string | null; amount_cents: number; reason: string; check_number: string }>(`
    SELECT rc.id, r.receipt_number, rc.recorded_at, r.station_id, rc.recorded_by, r.payer_name, x.line_no, x.revenue_code, x.account_number, x.amount_cents, rc.reason, t.check_number
    FROM returned_checks rc JOIN returned_check_lines x ON x.returned_check_id = rc.id JOIN receipts r ON r.id = rc.receipt_id
    JOIN tenders t ON t.receipt_id = rc.receipt_id AND t.tender_no = rc.tender_no
    WHERE rc.business_day = ? ORDER BY rc.recorded_at, rc.id, x.line_no`, day)) {
    rows.push([day, 'returned_check', x.receipt_number, x.recorded_at, x.station_id, x.recorded_by, x.payer_name, x.line_no, x.revenue_code,
      names.get(x.revenue_code)?.gl_account ?? '', x.account_number, amount(-x.amount_cents), null, `check #${x.check_number}`, null, x.reason]);
  }
  return {
    filename: `receipts-journal-${station.stationId}-${day}.csv`, mimeType: 'text/csv', rows: rows.length,
    content: toCsv(['business_day', 'entry', 'receipt_number', 'at', 'station', 'cashier', 'payer', 'line', 'revenue_code', 'gl_account', 'account', 'amount', 'receipt_total', 'tenders', 'change', 'note'], rows),
  };
}
