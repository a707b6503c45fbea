// What the city sees of the stations' deposits (each with its latest step as its state) and of the
// business days they closed.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { HubDb } from './db';
import type { HubDB } from './schema';

export const hubDepositSchema = z.object({
  depositId: z.string(), stationId: z.string(), businessDays: z.array(z.string()), state: z.enum(['draft', 'prepared', 'verified', 'discarded']),
  bank: z.object({ name: z.string(), routing: z.string(), account: z.string() }), sessions: z.number(), items: z.number(),
  cashCents: z.number(), checksCents: z.number(), moneyOrdersCents: z.number(), totalCents: z.number(),
  createdBy: z.string(), createdAt: z.string(), bagNumber: z.string().nullable(), preparedAt: z.string().nullable(),
  bankConfirmedCents: z.number().nullable(), differenceCents: z.number().nullable(), verifiedAt: z.string().nullable(), verifyNote: z.string().nullable(),
  /** The station's business day the bank's amount was entered on: the GL journal books the difference that day. */
  recordedDay: z.string().nullable(),
});
export type HubDeposit = z.infer<typeof hubDepositSchema>;

export const hubBusinessDaySchema = z.object({
  stationId: z.string(), businessDay: z.string(), closedAt: z.string(), closedBy: z.string(), receipts: z.number(), collectionsCents: z.number(),
  closeoutsCents: z.number(), overShortCents: z.number(), returnedChecks: z.number(), returnedChecksCents: z.number(), returnedFeesCents: z.number(), netCents: z.number(),
});
export type HubBusinessDay = z.infer<typeof hubBusinessDaySchema>;

type DepositRowOf = HubDB['deposits'];
type StepRow = HubDB['deposit_steps'];

/**
 * A deposit as its steps left it (those before `beforeSeq` when given): the latest figures (a float
 * change) and state; a discarded draft is 'discarded'.
 */
export function foldDeposit(r: DepositRowOf, createdDays: string[], steps: StepRow[], beforeSeq = Infinity): HubDeposit {
  const own = steps.filter((s) => s.deposit_id === r.deposit_id && s.station_id === r.station_id && s.event_seq < beforeSeq);
  const last = (k: StepRow['step']) => own.filter((s) => s.step === k).at(-1);
  const figures = last('float_changed');
  const prepared = last('prepared'), verified = last('verified'), discarded = last('discarded');
  return {
    depositId: r.deposit_id, stationId: r.station_id, businessDays: createdDays,
    state: discarded ? 'discarded' : verified ? 'verified' : prepared ? 'prepared' : 'draft',
    bank: { name: r.bank_name, routing: r.bank_routing, account: r.bank_account }, sessions: r.session_count, items: r.item_count,
    cashCents: figures?.cash_cents ?? r.cash_cents, checksCents: r.checks_cents, moneyOrdersCents: r.money_orders_cents,
    totalCents: figures?.total_cents ?? r.total_cents,
    createdBy: r.created_by, createdAt: r.created_at, bagNumber: prepared?.bag_number ?? null, preparedAt: prepared?.at ?? null,
    bankConfirmedCents: verified?.bank_confirmed_cents ?? null, differenceCents: verified?.difference_cents ?? null,
    verifiedAt: verified?.at ?? null, verifyNote: verified?.note ?? null,
    recordedDay: verified?.recorded_day ?? null,
  };
}

/**
 * Deposits holding money of the business day (a deposit may span days), oldest first; discarded drafts
 * too (their state says so). `beforeSeq`: as the station's events before that seq left them.
 */
export async function depositsOfDay(db: HubDb | Kysely<HubDB>, day: string, stationId: string | null, beforeSeq = Infinity): Promise<HubDeposit[]> {
  const k = 'kysely' in db ? db.kysely : db;
  let q = k.selectFrom('deposits as d').selectAll('d')
    .select(sql<string>`(SELECT string_agg(x.business_day, ',' ORDER BY x.business_day) FROM deposit_days x WHERE x.deposit_id = d.deposit_id)`.as('days'))
    .where(sql<boolean>`EXISTS (SELECT 1 FROM deposit_days x WHERE x.deposit_id = d.deposit_id AND x.business_day = ${day})`);
  if (stationId) q = q.where('d.station_id', '=', stationId);
  if (Number.isFinite(beforeSeq)) q = q.where('d.event_seq', '<', beforeSeq);
  const rows = await q.orderBy('d.created_at').orderBy('d.deposit_id').execute();
  if (!rows.length) return [];
  const steps = await k.selectFrom('deposit_steps').selectAll().where('deposit_id', 'in', rows.map((r) => r.deposit_id))
    .orderBy('station_id').orderBy('event_seq').execute();
  return rows.map((r) => foldDeposit(r, r.days.split(','), steps, beforeSeq));
}

/** The stations' closures of a business day, by station. */
export async function businessDayClosures(db: HubDb, day: string): Promise<HubBusinessDay[]> {
  const rows = await db.kysely.selectFrom('business_day_closures').selectAll().where('business_day', '=', day).orderBy('station_id').execute();
  return rows.map((r) => ({
    stationId: r.station_id, businessDay: r.business_day, closedAt: r.closed_at, closedBy: r.closed_by, receipts: r.receipts, collectionsCents: r.collections_cents,
    closeoutsCents: r.closeouts_cents, overShortCents: r.over_short_cents, returnedChecks: r.returned_checks, returnedChecksCents: r.returned_checks_cents,
    returnedFeesCents: r.returned_fees_cents, netCents: r.net_cents,
  }));
}
