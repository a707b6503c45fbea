// Totals over a set of receipts (a session's, a business day's), voided receipts excluded.
// `where` is a constant SQL condition on receipts `r` written by the caller; values go in params.
import type { CardBrand, TenderKind } from '../../../shared/domain';
import { TENDER_KINDS } from '../../../shared/domain';
import type { CardBrandTotal, CountAndTotal, GlAccountTotal, RevenueCodeTotal, TenderTotal } from '../../../shared/endOfDayViews';
import type { Station } from '../station';

type Param = string | number;
const LIVE = 'NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)';

export function receiptTotals(station: Station, where: string, params: Param[]): CountAndTotal & { firstNumber: string | null; lastNumber: string | null } {
  const r = station.st.sqlGet<{ n: number; total: number | null; first: string | null; last: string | null }>(
    `SELECT COUNT(*) AS n, SUM(r.total_cents) AS total, MIN(r.receipt_number) AS first, MAX(r.receipt_number) AS last FROM receipts r WHERE ${where} AND ${LIVE}`, ...params)!;
  return { count: r.n, totalCents: r.total ?? 0, firstNumber: r.first, lastNumber: r.last };
}

/** Cash rounding (issue 15) of the non-void receipts: how many were rounded and by how much in all. */
export function cashRoundingTotals(station: Station, where: string, params: Param[]): CountAndTotal {
  const r = station.st.sqlGet<{ n: number; total: number | null }>(
    `SELECT COUNT(*) AS n, SUM(r.cash_rounding_cents) AS total FROM receipts r WHERE ${where} AND ${LIVE} AND r.cash_rounding_cents <> 0`, ...params)!;
  return { count: r.n, totalCents: r.total ?? 0 };
}

export function voidTotals(station: Station, where: string, params: Param[]): CountAndTotal {
  const r = station.st.sqlGet<{ n: number; total: number | null }>(
    `SELECT COUNT(*) AS n, SUM(r.total_cents) AS total FROM receipts r JOIN voids v ON v.receipt_id = r.id WHERE ${where}`, ...params)!;
  return { count: r.n, totalCents: r.total ?? 0 };
}

export function revenueCodeNames(station: Station): Map<string, { name_en: string; name_es: string; gl_account: string }> {
  return new Map(station.st.sqlAll<{ code: string; name_en: string; name_es: string; gl_account: string }>('SELECT code, name_en, name_es, gl_account FROM revenue_codes')
    .map((c) => [c.code, c]));
}

export function toRevenueTotals(station: Station, rows: { code: string; n: number; total: number }[]): RevenueCodeTotal[] {
  const names = revenueCodeNames(station);
  return rows.map((x) => {
    const c = names.get(x.code);
    return { revenueCode: x.code, nameEn: c?.name_en ?? x.code, nameEs: c?.name_es ?? x.code, glAccount: c?.gl_account ?? '', lineCount: x.n, totalCents: x.total };
  }).sort((a, b) => a.revenueCode.localeCompare(b.revenueCode));
}

export function byRevenueCode(station: Station, where: string, params: Param[]): RevenueCodeTotal[] {
  return toRevenueTotals(station, station.st.sqlAll<{ code: string; n: number; total: number }>(
    `SELECT l.revenue_code AS code, COUNT(*) AS n, SUM(l.amount_cents) AS total FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id
     WHERE ${where} AND ${LIVE} GROUP BY l.revenue_code`, ...params));
}

export function byGlAccount(rows: RevenueCodeTotal[]): GlAccountTotal[] {
  const m = new Map<string, GlAccountTotal>();
  for (const r of rows) {
    const g = m.get(r.glAccount) ?? { glAccount: r.glAccount, revenueCodes: [], totalCents: 0 };
    g.revenueCodes.push(r.revenueCode);
    g.totalCents += r.totalCents;
    m.set(r.glAccount, g);
  }
  return [...m.values()].sort((a, b) => a.glAccount.localeCompare(b.glAccount));
}

/** Per tender kind, every kind listed (zero when unused); change comes off cash. */
export function byTender(station: Station, where: string, params: Param[]): TenderTotal[] {
  const rows = new Map(station.st.sqlAll<{ kind: TenderKind; n: number; total: number }>(
    `SELECT t.kind AS kind, COUNT(*) AS n, SUM(t.amount_cents) AS total FROM receipts r JOIN tenders t ON t.receipt_id = r.id
     WHERE ${where} AND ${LIVE} GROUP BY t.kind`, ...params).map((x) => [x.kind, x]));
  const change = station.st.sqlGet<{ c: number | null }>(`SELECT SUM(r.change_cents) AS c FROM receipts r WHERE ${where} AND ${LIVE}`, ...params)!.c ?? 0;
  return TENDER_KINDS.map((kind) => {
    const x = rows.get(kind);
    const tendered = x?.total ?? 0;
    const ch = kind === 'cash' ? change : 0;
    return { kind, count: x?.n ?? 0, tenderedCents: tendered, changeCents: ch, netCents: tendered - ch };
  });
}

export function cardsByBrand(station: Station, where: string, params: Param[]): CardBrandTotal[] {
  return station.st.sqlAll<{ brand: CardBrand; n: number; total: number }>(
    `SELECT t.card_brand AS brand, COUNT(*) AS n, SUM(t.amount_cents) AS total FROM receipts r JOIN tenders t ON t.receipt_id = r.id
     WHERE ${where} AND ${LIVE} AND t.kind = 'card' GROUP BY t.card_brand ORDER BY t.card_brand`, ...params)
    .map((x) => ({ brand: x.brand, count: x.n, totalCents: x.total }));
}
