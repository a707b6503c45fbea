// The hub's figures for one business day, from the receipts it holds (voided receipts count for nothing).
import { sql } from 'kysely';
import type { HubDb } from './db';

export interface DailyTotals {
  businessDay: string;
  receipts: number;
  voided: number;
  totalCents: number;
  /** Net of change: change is cash handed back. */
  byTender: Record<string, number>;
  byRevenueCode: Record<string, number>;
  byStation: Record<string, { receipts: number; totalCents: number }>;
  /** From the close-outs received: sessions of the day whose last word is a closure (not reopened since). */
  closeouts: { sessions: number; salesCents: number; byTender: Record<string, number>; overShortCents: number };
}

/** The counts of the day's closed sessions (latest closure of each, unless reopened after it). */
export const CLOSED_COUNTS = (day: string) => sql`(
  SELECT k.* FROM (
    SELECT DISTINCT ON (c.station_id, c.session_id) c.station_id, c.session_id, c.count_id, c.event_seq
    FROM session_closures c WHERE c.business_day = ${day} ORDER BY c.station_id, c.session_id, c.event_seq DESC
  ) lc JOIN closeout_counts k ON k.count_id = lc.count_id
  WHERE NOT EXISTS (SELECT 1 FROM session_reopenings r WHERE r.station_id = lc.station_id AND r.session_id = lc.session_id AND r.event_seq > lc.event_seq)
)`;

const LIVE = sql`r.business_day = d.day AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.receipt_id)`;

export async function dailyTotals(db: HubDb, day: string): Promise<DailyTotals> {
  const k = db.kysely;
  const d = sql`(SELECT ${day}::text AS day) d`;
  const stations = await sql<{ station_id: string; n: number; total: number }>`SELECT r.station_id, count(*)::bigint AS n, sum(r.total_cents)::bigint AS total
    FROM ${d}, receipts r WHERE ${LIVE} GROUP BY r.station_id ORDER BY r.station_id`.execute(k);
  const tenders = await sql<{ kind: string; total: number }>`SELECT t.kind, sum(t.amount_cents)::bigint AS total
    FROM ${d}, receipts r JOIN tenders t ON t.receipt_id = r.receipt_id WHERE ${LIVE} GROUP BY t.kind ORDER BY t.kind`.execute(k);
  const change = await sql<{ total: number | null }>`SELECT sum(r.change_cents)::bigint AS total FROM ${d}, receipts r WHERE ${LIVE}`.execute(k);
  const codes = await sql<{ code: string; total: number }>`SELECT l.revenue_code AS code, sum(l.amount_cents)::bigint AS total
    FROM ${d}, receipts r JOIN receipt_lines l ON l.receipt_id = r.receipt_id WHERE ${LIVE} GROUP BY l.revenue_code ORDER BY l.revenue_code`.execute(k);
  const voided = await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM receipts r JOIN voids v ON v.receipt_id = r.receipt_id WHERE r.business_day = ${day}`.execute(k);
  const co = await sql<{ n: number; cash: number; checks: number; mos: number; cards: number; other: number; os: number }>`SELECT count(*)::bigint AS n,
    coalesce(sum(cash_sales_cents), 0)::bigint AS cash, coalesce(sum(checks_cents), 0)::bigint AS checks, coalesce(sum(money_orders_cents), 0)::bigint AS mos,
    coalesce(sum(cards_cents), 0)::bigint AS cards, coalesce(sum(other_cents), 0)::bigint AS other, coalesce(sum(over_short_cents), 0)::bigint AS os
    FROM ${CLOSED_COUNTS(day)} k`.execute(k);
  const c = co.rows[0]!;
  const byTender: Record<string, number> = {};
  for (const t of tenders.rows) byTender[t.kind] = t.total;
  if (change.rows[0]?.total) byTender.cash = (byTender.cash ?? 0) - change.rows[0].total;
  const byStation: DailyTotals['byStation'] = {};
  for (const s of stations.rows) byStation[s.station_id] = { receipts: s.n, totalCents: s.total };
  return {
    businessDay: day,
    receipts: stations.rows.reduce((s, r) => s + r.n, 0),
    voided: voided.rows[0]?.n ?? 0,
    totalCents: stations.rows.reduce((s, r) => s + r.total, 0),
    byTender,
    byRevenueCode: Object.fromEntries(codes.rows.map((c) => [c.code, c.total])),
    byStation,
    closeouts: {
      sessions: c.n, salesCents: c.cash + c.checks + c.mos + c.cards + c.other,
      byTender: { cash: c.cash, check: c.checks, money_order: c.mos, card: c.cards, other: c.other }, overShortCents: c.os,
    },
  };
}
