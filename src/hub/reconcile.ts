// Closed days reconciled (issue 15): when a station closes a business day, each figure it sends (receipts,
// tenders, over/short, returned checks, deposits) is set against the hub's own copy of that station's
// events. Every comparison is kept in day_reconciliations; a mismatch raises a `day_mismatch` exception
// naming the figure, for the city and the station to see.
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { depositsOfDay } from './deposits';
import { dayFiguresSchema, type DayFigures } from './eventData';
import { dollars } from './exports';
import type { StoredEvent } from './push';
import type { HubDB } from './schema';
import { CLOSED_COUNTS } from './totals';

type Tx = Transaction<HubDB>;

export interface Figure { figure: string; station: number; hub: number; money: boolean }

/** The hub's figures for one station's business day, as its events before `beforeSeq` left them. */
async function hubFigures(tx: Tx, stationId: string, day: string, beforeSeq: number): Promise<Map<string, number>> {
  const live = sql`r.station_id = ${stationId} AND r.business_day = ${day} AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.receipt_id)`;
  const out = new Map<string, number>();
  const rec = (await sql<{ n: number; total: number | null; change: number | null }>`SELECT count(*)::bigint AS n, sum(r.total_cents)::bigint AS total, sum(r.change_cents)::bigint AS change
    FROM receipts r WHERE ${live}`.execute(tx)).rows[0]!;
  out.set('receipts.count', Number(rec.n)).set('receipts.total', Number(rec.total ?? 0));
  for (const t of (await sql<{ kind: string; total: number }>`SELECT t.kind, sum(t.amount_cents)::bigint AS total FROM receipts r JOIN tenders t ON t.receipt_id = r.receipt_id
    WHERE ${live} GROUP BY t.kind`.execute(tx)).rows) out.set(`tender.${t.kind}`, Number(t.total));
  out.set('tender.cash', (out.get('tender.cash') ?? 0) - Number(rec.change ?? 0));
  const os = (await sql<{ os: number }>`SELECT coalesce(sum(k.over_short_cents), 0)::bigint AS os FROM ${CLOSED_COUNTS(day)} k WHERE k.station_id = ${stationId}`.execute(tx)).rows[0]!;
  out.set('over_short', Number(os.os));
  const rc = (await sql<{ n: number; total: number | null }>`SELECT count(*)::bigint AS n, sum(amount_cents)::bigint AS total FROM returned_checks
    WHERE station_id = ${stationId} AND business_day = ${day} AND event_seq < ${beforeSeq}`.execute(tx)).rows[0]!;
  out.set('returned_checks.count', Number(rc.n)).set('returned_checks.total', Number(rc.total ?? 0));
  const deposits = (await depositsOfDay(tx, day, stationId, beforeSeq)).filter((d) => d.state !== 'discarded');
  out.set('deposits.count', deposits.length).set('deposits.total', deposits.reduce((s, d) => s + d.totalCents, 0));
  return out;
}

/** The pairs compared: every figure the station sent, and any tender the hub holds that the station did not name. */
export function compareFigures(f: DayFigures, hub: Map<string, number>): Figure[] {
  const out: Figure[] = [
    { figure: 'receipts.count', station: f.collections.receipts.count, hub: hub.get('receipts.count') ?? 0, money: false },
    { figure: 'receipts.total', station: f.collections.totalCents, hub: hub.get('receipts.total') ?? 0, money: true },
  ];
  const kinds = new Set([...f.collections.byTender.map((t) => t.kind), ...[...hub.keys()].filter((k) => k.startsWith('tender.')).map((k) => k.slice(7))]);
  for (const kind of [...kinds].sort()) {
    const station = f.collections.byTender.find((t) => t.kind === kind)?.netCents ?? 0;
    out.push({ figure: `tender.${kind}`, station, hub: hub.get(`tender.${kind}`) ?? 0, money: true });
  }
  out.push({ figure: 'over_short', station: f.closeouts.overShortCents, hub: hub.get('over_short') ?? 0, money: true });
  out.push({ figure: 'returned_checks.count', station: f.returnedChecks.count, hub: hub.get('returned_checks.count') ?? 0, money: false });
  out.push({ figure: 'returned_checks.total', station: f.returnedChecks.totalCents, hub: hub.get('returned_checks.total') ?? 0, money: true });
  if (f.deposits) {
    out.push({ figure: 'deposits.count', station: f.deposits.count, hub: hub.get('deposits.count') ?? 0, money: false });
    out.push({ figure: 'deposits.total', station: f.deposits.totalCents, hub: hub.get('deposits.total') ?? 0, money: true });
  }
  return out;
}

const FIGURE_WORDS: Record<string, string> = {
  'receipts.count': 'number of receipts', 'receipts.total': 'receipts total', over_short: 'over/short at close-out',
  'returned_checks.count': 'number of returned checks', 'returned_checks.total': 'returned checks total',
  'deposits.count': 'number of deposits', 'deposits.total': 'deposits total',
};
export const figureWords = (f: string): string => FIGURE_WORDS[f] ?? (f.startsWith('tender.') ? `${f.slice(7).replace('_', ' ')} tenders (net of change)` : f);

/** Reconciles each businessDay.closed of the batch; called after the batch's rows are written. */
export async function reconcileClosedDays(tx: Tx, stationId: string, closed: StoredEvent[], at: string): Promise<void> {
  for (const e of closed) {
    const r = dayFiguresSchema.safeParse(e.event.data);
    if (!r.success) continue; // already raised as unreadable when the closure was read
    const figures = compareFigures(r.data, await hubFigures(tx, stationId, r.data.day, e.event.seq));
    await tx.insertInto('day_reconciliations').values(figures.map((x) => ({
      station_id: stationId, business_day: r.data.day, event_seq: e.event.seq, figure: x.figure, station_value: x.station, hub_value: x.hub, matches: x.station === x.hub, reconciled_at: at,
    }))).onConflict((oc) => oc.doNothing()).execute();
    for (const x of figures.filter((y) => y.station !== y.hub)) {
      const show = (v: number) => (x.money ? `$${dollars(v)}` : String(v));
      await tx.insertInto('exceptions').values({
        station_id: stationId, event_id: e.event.eventId, seq: e.event.seq, kind: 'day_mismatch', receipt_number: null, account_number: null,
        amount_cents: x.money ? x.station - x.hub : null,
        detail: `business day ${r.data.day} closed at ${stationId}: ${figureWords(x.figure)} [${x.figure}] is ${show(x.station)} at the station and ${show(x.hub)} at the hub`,
        created_at: at, resolved_at: null, resolved_by: null, note: null, version: sql<number>`nextval('exception_version')`,
      } as never).execute();
    }
  }
}

export const dayReconciliationSchema = z.object({
  stationId: z.string(), businessDay: z.string(), figure: z.string(), stationValue: z.number(), hubValue: z.number(), matches: z.boolean(), reconciledAt: z.string(),
});
export type DayReconciliation = z.infer<typeof dayReconciliationSchema>;

/** What the hub compared for a day (latest closure per station), for the city's accountant. */
export async function reconciliationsOfDay(tx: Transaction<HubDB> | Kysely<HubDB>, day: string): Promise<DayReconciliation[]> {
  const rows = await tx.selectFrom('day_reconciliations').selectAll().where('business_day', '=', day).orderBy('station_id').orderBy('event_seq').orderBy('figure').execute();
  return rows.map((r) => ({ stationId: r.station_id, businessDay: r.business_day, figure: r.figure, stationValue: Number(r.station_value), hubValue: Number(r.hub_value), matches: r.matches, reconciledAt: r.reconciled_at }));
}
