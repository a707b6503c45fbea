// The receipts journal as a stream of CSV lines (issue 15): one day or a range of days, read row by row
// with SQLite's cursor (better-sqlite3 iterate), so a year of history never sits in memory. A range is the
// single-day files' rows day after day under one header: the same day gives the same rows either way.
import type { Station } from '../station';
import { amount, centsDecimal, csvLine } from './csv';
import { revenueCodeNames } from './aggregates';

export const JOURNAL_COLUMNS = ['business_day', 'entry', 'receipt_number', 'at', 'station', 'cashier', 'payer', 'line', 'revenue_code', 'gl_account', 'account', 'amount', 'receipt_total', 'tenders', 'change', 'note'];

interface JournalRow {
  receipt_id: string; receipt_number: string; station_id: string; cashier_id: string; created_at: string; payer_name: string | null;
  total_cents: number; change_cents: number; line_no: number; revenue_code: string; account_number: string | null; amount_cents: number;
  void_reason: string | null; voided_at: string | null;
}
interface ReturnedRow {
  receipt_number: string; recorded_at: string; station_id: string; recorded_by: string; payer_name: string | null; line_no: number; revenue_code: string;
  account_number: string | null; amount_cents: number; reason: string; check_number: string;
}
interface TenderRow { kind: string; amount_cents: number; check_number: string | null; card_brand: string | null; card_last4: string | null; reference: string | null }

/** The days from..to that hold receipts or returned checks, in order. */
function daysWithEntries(station: Station, from: string, to: string): string[] {
  return station.st.sqlAll<{ d: string }>(`SELECT business_day AS d FROM receipts WHERE business_day BETWEEN ? AND ?
    UNION SELECT business_day FROM returned_checks WHERE business_day BETWEEN ? AND ? ORDER BY 1`, from, to, from, to).map((r) => r.d);
}

/** The body lines (CRLF-terminated, no header) of the journal from..to, one receipt line or reversal each. */
export function* receiptsJournalLines(station: Station, from: string, to: string): Generator<string> {
  const st = station.st;
  const names = revenueCodeNames(station);
  const tenders = st.prepare('SELECT kind, amount_cents, check_number, card_brand, card_last4, reference FROM tenders WHERE receipt_id = ? ORDER BY tender_no');
  const tenderText = (receiptId: string) => (tenders.all(receiptId) as TenderRow[]).map((t) => {
    const detail = t.kind === 'check' ? ` #${t.check_number}` : t.kind === 'card' ? ` ${t.card_brand} ${t.card_last4}` : t.reference ? ` ${t.reference}` : '';
    return `${t.kind}${detail} ${centsDecimal(t.amount_cents)}`;
  }).join('; ');
  const receipts = st.prepare(`
    SELECT r.id AS receipt_id, r.receipt_number, r.station_id, r.cashier_id, r.created_at, r.payer_name, r.total_cents, r.change_cents,
      l.line_no, l.revenue_code, l.account_number, l.amount_cents, v.reason AS void_reason, v.created_at AS voided_at
    FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id LEFT JOIN voids v ON v.receipt_id = r.id
    WHERE r.business_day = ? ORDER BY r.station_id, r.seq, l.line_no`);
  const returned = st.prepare(`
    SELECT r.receipt_number, rc.recorded_at, r.station_id, rc.recorded_by, r.payer_name, x.line_no, x.revenue_code, x.account_number, x.amount_cents, rc.reason, t.check_number
    FROM returned_checks rc JOIN returned_check_lines x ON x.returned_check_id = rc.id JOIN receipts r ON r.id = rc.receipt_id
    JOIN tenders t ON t.receipt_id = rc.receipt_id AND t.tender_no = rc.tender_no
    WHERE rc.business_day = ? ORDER BY rc.recorded_at, rc.id, x.line_no`);
  for (const day of daysWithEntries(station, from, to)) {
    for (const r of receipts.iterate(day) as IterableIterator<JournalRow>) {
      yield csvLine([day, r.voided_at ? 'void' : 'receipt', r.receipt_number, r.created_at, r.station_id, r.cashier_id, r.payer_name, r.line_no, r.revenue_code,
        names.get(r.revenue_code)?.gl_account ?? '', r.account_number, amount(r.amount_cents), amount(r.total_cents), r.line_no === 1 ? tenderText(r.receipt_id) : '',
        r.line_no === 1 ? amount(r.change_cents) : null, r.void_reason]);
    }
    for (const x of returned.iterate(day) as IterableIterator<ReturnedRow>) {
      yield csvLine([day, 'returned_check', x.receipt_number, x.recorded_at, x.station_id, x.recorded_by, x.payer_name, x.line_no, x.revenue_code,
        names.get(x.revenue_code)?.gl_account ?? '', x.account_number, amount(-x.amount_cents), null, `check #${x.check_number}`, null, x.reason]);
    }
  }
}

/** Writes the journal from..to through `write` (a file descriptor, a socket) in chunks; returns the rows written. */
export function writeReceiptsJournal(station: Station, from: string, to: string, write: (chunk: string) => void, chunkChars = 1 << 16): number {
  let buf = csvLine(JOURNAL_COLUMNS);
  let rows = 0;
  for (const line of receiptsJournalLines(station, from, to)) {
    buf += line;
    rows++;
    if (buf.length >= chunkChars) { write(buf); buf = ''; }
  }
  if (buf) write(buf);
  return rows;
}
