// CSV exports of a business day: the daily summary and the receipts journal. The same day gives
// the same file (rows in a fixed order), so an export can be regenerated and compared.
import type { CsvExport } from '../../../shared/endOfDayViews';
import type { Station } from '../station';
import { amount, toCsv } from './csv';
import { dailySummary } from './dailySummary';
import { writeReceiptsJournal } from './journalStream';

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
  if (c.cashRounding.count) rows.push([day, 'cash_rounding', '', 'cash rounded to 5 cents', '', c.cashRounding.count, amount(c.cashRounding.totalCents)]);
  for (const r of s.returnedChecks.byRevenueCode) rows.push([day, 'returned_check', r.revenueCode, r.nameEn, r.glAccount, r.lineCount, amount(-r.totalCents)]);
  rows.push([day, 'returned_checks_total', '', '', '', s.returnedChecks.count, amount(-s.returnedChecks.totalCents)]);
  rows.push([day, 'returned_check_fees', '', 'charged to accounts', '', s.returnedChecks.count, amount(s.returnedChecks.feesCents)]);
  for (const r of s.net.byRevenueCode) rows.push([day, 'net_revenue_code', r.revenueCode, r.nameEn, r.glAccount, null, amount(r.totalCents)]);
  rows.push([day, 'net_total', '', '', '', null, amount(s.net.totalCents)]);
  rows.push([day, 'over_short_total', '', '', '', s.closeouts.sessions.length, amount(s.closeouts.overShortCents)]);
  return { filename: `daily-summary-${station.stationId}-${day}.csv`, mimeType: 'text/csv', rows: rows.length, content: toCsv(['business_day', 'section', 'key', 'name', 'gl_account', 'count', 'amount'], rows) };
}

/** One row per receipt line of the day (voided receipts marked), then the day's returned-check reversals. */
export function receiptsJournalCsv(station: Station, day: string): CsvExport {
  const chunks: string[] = [];
  const rows = writeReceiptsJournal(station, day, day, (c) => chunks.push(c));
  return { filename: `receipts-journal-${station.stationId}-${day}.csv`, mimeType: 'text/csv', rows, content: chunks.join('') };
}
