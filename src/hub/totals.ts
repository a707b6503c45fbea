// The hub's figures for one business day, from the receipts it holds (voided receipts count for nothing).
import { sql } from 'kysely';
import type { HubDb } from './db';
import { badRequest } from './errors';

export interface DailyTotals {
  businessDay: string;
  receipts: number;
  voided: number;
  totalCents: number;
  /** Net of change: change is cash handed back. */
  byTender: Record<string, number>;
  byRevenueCode: Record<string, number>;
  byStation: Record<string, { receipts: number; totalCents: number }>;
}

export function parseDay(params: URLSearchParams): string {
  const day = params.get('day') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw badRequest('day must be a business day YYYY-MM-DD');
  return day;
}

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
  };
}
