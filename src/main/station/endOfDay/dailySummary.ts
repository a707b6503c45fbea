// The daily summary: the day's receipts by revenue code, GL account, tender and cashier (equal to the
// sum of the day's close-outs), with the returned checks recorded that day shown apart and netted.
import type { CashierTotal, CloseoutSummaryLine, CollectionPointTotal, DailySummary, RevenueCodeTotal } from '../../../shared/endOfDayViews';
import type { SessionState } from '../../../shared/domain';
import type { Station } from '../station';
import { byGlAccount, byRevenueCode, byTender, cardsByBrand, cashRoundingTotals, receiptTotals, toRevenueTotals, voidTotals } from './aggregates';
import { person } from './common';
import { businessDayView } from './businessDays';
import { listReturnedChecks } from './returnedChecks';
import type { DepositRow } from './rows';

const LIVE = 'NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)';

function closeoutLines(station: Station, day: string): CloseoutSummaryLine[] {
  const st = station.st;
  const totals = new Map(st.sqlAll<{ session_id: string; n: number; total: number }>(
    `SELECT r.session_id, COUNT(*) AS n, SUM(r.total_cents) AS total FROM receipts r WHERE r.business_day = ? AND ${LIVE} GROUP BY r.session_id`, day)
    .map((x) => [x.session_id, x]));
  const sessions = st.sqlAll<{ id: string; station_id: string; cashier_id: string; state: SessionState; business_day: string }>(
    `SELECT s.id, s.station_id, s.cashier_id, s.state, s.business_day FROM drawer_sessions s WHERE s.business_day = ?
     UNION SELECT s.id, s.station_id, s.cashier_id, s.state, s.business_day FROM drawer_sessions s WHERE s.id IN (SELECT DISTINCT r.session_id FROM receipts r WHERE r.business_day = ?)
     ORDER BY 2, 1`, day, day);
  const latest = st.prepare('SELECT over_short_cents AS o FROM session_counts WHERE session_id = ? ORDER BY seq DESC LIMIT 1');
  const daysOf = st.prepare('SELECT DISTINCT business_day AS d FROM receipts WHERE session_id = ? ORDER BY 1');
  return sessions.map((s) => {
    const t = totals.get(s.id);
    const c = s.state === 'open' ? undefined : latest.get(s.id) as { o: number } | undefined;
    // A session past the cut-off (issue 15): its receipts count on each of their days, its over/short on its own day only.
    const days = [...new Set([s.business_day, ...(daysOf.all(s.id) as { d: string }[]).map((r) => r.d)])].sort();
    const split = days.length > 1 ? { days, overShortOn: s.business_day } : null;
    const overShort = c && (!split || day === s.business_day) ? c.o : null;
    return { sessionId: s.id, stationId: s.station_id, cashier: person(station, s.cashier_id), state: s.state, receiptCount: t?.n ?? 0, totalCents: t?.total ?? 0, overShortCents: overShort, split };
  });
}

const POINTS = ['counter', 'mail', 'drop_box', 'lockbox', 'online'] as const;

/** The day's receipts by where they came from; a receipt with no batch item came over the counter. */
function byCollectionPoint(station: Station, day: string): CollectionPointTotal[] {
  const rows = new Map(station.st.sqlAll<{ point: CollectionPointTotal['point']; n: number; total: number }>(
    `SELECT COALESCE(i.collection_point, 'counter') AS point, COUNT(*) AS n, SUM(r.total_cents) AS total FROM receipts r
     LEFT JOIN batch_items i ON i.receipt_id = r.id WHERE r.business_day = ? AND ${LIVE} GROUP BY 1`, day).map((x) => [x.point, x]));
  return POINTS.filter((p) => rows.has(p)).map((p) => ({ point: p, count: rows.get(p)!.n, totalCents: rows.get(p)!.total }));
}

function byCashier(lines: CloseoutSummaryLine[]): CashierTotal[] {
  const m = new Map<string, CashierTotal>();
  for (const l of lines) {
    const c = m.get(l.cashier.id) ?? { cashier: l.cashier, sessionCount: 0, receiptCount: 0, totalCents: 0, overShortCents: 0 };
    c.sessionCount++;
    c.receiptCount += l.receiptCount;
    c.totalCents += l.totalCents;
    c.overShortCents += l.overShortCents ?? 0;
    m.set(l.cashier.id, c);
  }
  return [...m.values()].sort((a, b) => a.cashier.name.localeCompare(b.cashier.name) || a.cashier.id.localeCompare(b.cashier.id));
}

function netOf(collected: RevenueCodeTotal[], returned: RevenueCodeTotal[]): RevenueCodeTotal[] {
  const m = new Map(collected.map((r) => [r.revenueCode, { ...r }]));
  for (const r of returned) {
    const x = m.get(r.revenueCode) ?? { ...r, lineCount: 0, totalCents: 0 };
    x.totalCents -= r.totalCents;
    m.set(r.revenueCode, x);
  }
  return [...m.values()].sort((a, b) => a.revenueCode.localeCompare(b.revenueCode));
}

export function dailySummary(station: Station, day: string): DailySummary {
  const st = station.st;
  const where = 'r.business_day = ?';
  const params = [day];
  const receipts = receiptTotals(station, where, params);
  const revenue = byRevenueCode(station, where, params);
  const closeouts = closeoutLines(station, day);
  const moves = new Map(st.sqlAll<{ kind: string; n: number; total: number }>(
    'SELECT m.kind, COUNT(*) AS n, SUM(m.amount_cents) AS total FROM drawer_movements m JOIN drawer_sessions s ON s.id = m.session_id WHERE s.business_day = ? GROUP BY m.kind', day)
    .map((x) => [x.kind, x]));
  const returned = listReturnedChecks(station, day, day, 10_000);
  const returnedByCode = toRevenueTotals(station, st.sqlAll<{ code: string; n: number; total: number }>(
    `SELECT x.revenue_code AS code, COUNT(*) AS n, SUM(x.amount_cents) AS total FROM returned_check_lines x JOIN returned_checks rc ON rc.id = x.returned_check_id
     WHERE rc.business_day = ? GROUP BY x.revenue_code`, day));
  const returnedTotal = returned.reduce((a, r) => a + r.check.amountCents, 0);
  const net = netOf(revenue, returnedByCode);
  const deposits = st.sqlAll<DepositRow>(`SELECT DISTINCT d.* FROM deposits d JOIN deposit_sessions ds ON ds.deposit_id = d.id JOIN drawer_sessions s ON s.id = ds.session_id
    WHERE s.business_day = ? ORDER BY d.created_at, d.id`, day);
  return {
    businessDay: day,
    generatedAt: station.nowIso(),
    day: businessDayView(station, day),
    collections: {
      receipts: { count: receipts.count, totalCents: receipts.totalCents },
      voids: voidTotals(station, where, params),
      byRevenueCode: revenue,
      byGlAccount: byGlAccount(revenue),
      byTender: byTender(station, where, params),
      cardsByBrand: cardsByBrand(station, where, params),
      byCashier: byCashier(closeouts),
      byCollectionPoint: byCollectionPoint(station, day),
      totalCents: receipts.totalCents,
      cashRounding: cashRoundingTotals(station, where, params),
    },
    closeouts: {
      sessions: closeouts,
      totalCents: closeouts.reduce((a, c) => a + c.totalCents, 0),
      overShortCents: closeouts.reduce((a, c) => a + (c.overShortCents ?? 0), 0),
    },
    drawer: {
      paidInCents: moves.get('paid_in')?.total ?? 0, paidOutCents: moves.get('paid_out')?.total ?? 0,
      dropsCents: moves.get('drop')?.total ?? 0, noSales: moves.get('no_sale')?.n ?? 0,
    },
    returnedChecks: {
      count: returned.length, totalCents: returnedTotal, byRevenueCode: returnedByCode,
      feesCents: returned.reduce((a, r) => a + (r.fee?.amountCents ?? 0), 0), items: returned,
    },
    net: { byRevenueCode: net, byGlAccount: byGlAccount(net), totalCents: receipts.totalCents - returnedTotal },
    deposits: deposits.map((d) => ({ id: d.id, state: d.state, totalCents: d.total_cents, differenceCents: d.difference_cents })),
  };
}
