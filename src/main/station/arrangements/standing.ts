// How an arrangement stands here: made at this station (its own rows) or at another (the hub's copy),
// paid on the hub's figures as last pulled plus what this station applied since, and its status.
import { sql } from 'kysely';
import { paidByInstalment, type ArrangementLimit, type ArrangementRecord, type ArrangementStatus, type NextInstalment } from '../../../shared/arrangements';
import type { ArrangementsTable, HubArrangementsTable } from '../../db/schema';
import type { Station } from '../station';

export interface Standing {
  record: ArrangementRecord;
  madeHere: boolean;
  status: ArrangementStatus;
  /** Paid on the arrangement, between nothing and the amount arranged. */
  paidCents: number;
  /** Paid on each instalment, oldest first, in the order of record.instalments. */
  paid: number[];
  brokenOn: string | null;
  cancelled: { at: string; by: string; approvedBy: string | null; reason: string } | null;
  hubAsOf: string | null;
}

function ownRecord(station: Station, r: ArrangementsTable): ArrangementRecord {
  const k = station.kysely;
  const instalments = station.st.all<{ instalment_no: number; due_date: string; amount_cents: number }>(
    k.selectFrom('arrangement_instalments').select(['instalment_no', 'due_date', 'amount_cents']).where('arrangement_id', '=', r.id).orderBy('instalment_no'));
  const receipt = r.down_receipt_id
    ? station.st.get<{ receipt_number: string }>(k.selectFrom('receipts').select('receipt_number').where('id', '=', r.down_receipt_id))
    : undefined;
  return {
    id: r.id, number: r.arrangement_number, stationId: r.station_id, accountNumber: r.account_number, createdAt: r.created_at, businessDay: r.business_day,
    createdBy: r.created_by, totalCents: r.total_cents, downPaymentCents: r.down_payment_cents, downReceiptId: r.down_receipt_id,
    downReceiptNumber: receipt?.receipt_number ?? null, frequency: r.frequency, instalmentCount: r.instalment_count, firstDue: r.first_due,
    graceDays: r.grace_days, timeZone: r.time_zone, lang: r.lang, payerName: r.payer_name, terms: r.terms, approvedBy: r.approved_by,
    overrideReason: r.override_reason, overrides: JSON.parse(r.overrides) as ArrangementLimit[],
    instalments: instalments.map((i) => ({ no: i.instalment_no, dueDate: i.due_date, amountCents: i.amount_cents })),
  };
}

function hubRow(station: Station, id: string): HubArrangementsTable | undefined {
  return station.st.get<HubArrangementsTable>(station.kysely.selectFrom('hub_arrangements').selectAll().where('arrangement_id', '=', id));
}

/** The arrangement as made, from this station's rows or the hub's copy. */
export function findRecord(station: Station, id: string): { record: ArrangementRecord; madeHere: boolean } | undefined {
  const own = station.st.get<ArrangementsTable>(station.kysely.selectFrom('arrangements').selectAll().where('id', '=', id));
  if (own) return { record: ownRecord(station, own), madeHere: true };
  const hub = hubRow(station, id);
  return hub ? { record: JSON.parse(hub.record) as ArrangementRecord, madeHere: false } : undefined;
}

export function standingOf(station: Station, record: ArrangementRecord, madeHere: boolean): Standing {
  const k = station.kysely;
  const hub = hubRow(station, record.id);
  // The hub's figure holds every payment this station took before as_of (its outbox was drained then).
  const local = station.st.get<{ s: number | null }>(k.selectFrom('arrangement_payments').select(sql<number>`SUM(amount_cents)`.as('s'))
    .where('arrangement_id', '=', record.id).$if(hub !== undefined, (q) => q.where('created_at', '>=', hub!.as_of)))?.s ?? 0;
  const paidCents = Math.min(record.totalCents, Math.max(0, (hub?.paid_cents ?? 0) + local));
  const cancel = station.st.get<{ created_at: string; user_id: string; approved_by: string; reason: string }>(
    k.selectFrom('arrangement_cancellations').select(['created_at', 'user_id', 'approved_by', 'reason']).where('arrangement_id', '=', record.id));
  const cancelled = cancel ? { at: cancel.created_at, by: cancel.user_id, approvedBy: cancel.approved_by, reason: cancel.reason }
    : hub?.cancelled ? JSON.parse(hub.cancelled) as Standing['cancelled'] : null;
  const brokenOn = hub?.broken_on ?? station.st.get<{ broken_on: string }>(k.selectFrom('arrangement_breaks').select('broken_on').where('arrangement_id', '=', record.id))?.broken_on ?? null;
  const status: ArrangementStatus = brokenOn || hub?.status === 'broken' ? 'broken'
    : cancelled ? 'cancelled'
      : paidCents >= record.totalCents ? 'completed' : 'active';
  return {
    record, madeHere, status, paidCents, paid: paidByInstalment(record.instalments.map((i) => i.amountCents), paidCents),
    brokenOn, cancelled, hubAsOf: hub?.as_of ?? null,
  };
}

/** Every arrangement of the account (made here or known from the hub), oldest first. */
export function standingsForAccount(station: Station, accountNumber: string): Standing[] {
  const k = station.kysely;
  const own = station.st.all<ArrangementsTable>(k.selectFrom('arrangements').selectAll().where('account_number', '=', accountNumber));
  const seen = new Set(own.map((r) => r.id));
  const foreign = station.st.all<HubArrangementsTable>(k.selectFrom('hub_arrangements').selectAll().where('account_number', '=', accountNumber))
    .filter((h) => !seen.has(h.arrangement_id));
  return [
    ...own.map((r) => standingOf(station, ownRecord(station, r), true)),
    ...foreign.map((h) => standingOf(station, JSON.parse(h.record) as ArrangementRecord, false)),
  ].sort((a, b) => (a.record.createdAt < b.record.createdAt ? -1 : a.record.createdAt > b.record.createdAt ? 1 : 0));
}

/** The running arrangements of the account, oldest first: payments go to the first. */
export function runningFor(station: Station, accountNumber: string): Standing[] {
  if (!hasAny(station, accountNumber)) return [];
  return standingsForAccount(station, accountNumber).filter((s) => s.status === 'active');
}

// Every account a search shows and every receipt line asks this: one indexed probe, prepared once.
const ANY = `SELECT EXISTS (SELECT 1 FROM arrangements WHERE account_number = ?) OR EXISTS (SELECT 1 FROM hub_arrangements WHERE account_number = ?) AS any`;

export function hasAny(station: Station, accountNumber: string): boolean {
  return station.st.sqlGet<{ any: number }>(ANY, accountNumber, accountNumber)!.any === 1;
}

/** The first instalment with something left to pay on it. */
export function nextInstalment(s: Standing, today: string): NextInstalment | null {
  const i = s.record.instalments.findIndex((x, k) => s.paid[k]! < x.amountCents);
  if (i < 0) return null;
  const x = s.record.instalments[i]!;
  return { no: x.no, dueDate: x.dueDate, dueCents: x.amountCents - s.paid[i]!, overdue: x.dueDate < today };
}
