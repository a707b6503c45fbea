// An arrangement as the till and the agreement show it: the schedule with what is paid on each
// instalment, the next one due, and who made, approved or cancelled it.
import { deadlineOf, type ArrangementSummary } from '../../../shared/arrangements';
import type { ArrangementView, InstalmentView, UserRef } from '../../../shared/contract/arrangements';
import { StationError } from '../../../shared/errors';
import type { Station } from '../station';
import { findRecord, hasAny, nextInstalment, standingOf, standingsForAccount, type Standing } from './standing';

function userRef(station: Station, id: string): UserRef {
  const u = station.st.get<{ name: string }>(station.kysely.selectFrom('users').select('name').where('id', '=', id));
  return { id, name: u?.name ?? id };
}

function instalmentState(amount: number, paid: number, dueDate: string, graceDays: number, today: string): InstalmentView['state'] {
  if (paid >= amount) return 'paid';
  if (today > deadlineOf(dueDate, graceDays)) return 'missed';
  if (today > dueDate) return 'overdue';
  return paid > 0 ? 'partial' : 'open';
}

export function viewOf(station: Station, s: Standing, today: string = station.businessDay()): ArrangementView {
  const r = s.record;
  const acct = station.st.get<{ name: string; service_address: string }>(station.kysely.selectFrom('accounts').select(['name', 'service_address']).where('account_number', '=', r.accountNumber));
  return {
    id: r.id, number: r.number, stationId: r.stationId, accountNumber: r.accountNumber, accountName: acct?.name ?? null, serviceAddress: acct?.service_address ?? null,
    createdAt: r.createdAt, businessDay: r.businessDay, createdBy: userRef(station, r.createdBy), totalCents: r.totalCents, downPaymentCents: r.downPaymentCents,
    downReceiptNumber: r.downReceiptNumber, frequency: r.frequency, instalmentCount: r.instalmentCount, firstDue: r.firstDue, graceDays: r.graceDays,
    lang: r.lang, payerName: r.payerName, terms: r.terms, approvedBy: r.approvedBy ? userRef(station, r.approvedBy) : null, overrideReason: r.overrideReason,
    overrides: r.overrides, status: s.status, paidCents: s.paidCents, remainingCents: r.totalCents - s.paidCents,
    instalments: r.instalments.map((x, k) => ({ ...x, paidCents: s.paid[k]!, state: instalmentState(x.amountCents, s.paid[k]!, x.dueDate, r.graceDays, today) })),
    next: s.status === 'active' ? nextInstalment(s, today) : null,
    brokenOn: s.brokenOn,
    cancelled: s.cancelled ? { at: s.cancelled.at, by: userRef(station, s.cancelled.by), approvedBy: s.cancelled.approvedBy ? userRef(station, s.cancelled.approvedBy) : null, reason: s.cancelled.reason } : null,
    hubAsOf: s.hubAsOf, madeHere: s.madeHere,
  };
}

export function arrangementView(station: Station, id: string): ArrangementView {
  const found = findRecord(station, id);
  if (!found) throw new StationError('ARRANGEMENT_NOT_FOUND', { id }, 'arrangementId');
  return viewOf(station, standingOf(station, found.record, found.madeHere));
}

/** The account's arrangements, the running ones first, then the newest. */
export function arrangementsOfAccount(station: Station, accountNumber: string): ArrangementView[] {
  const today = station.businessDay();
  return standingsForAccount(station, accountNumber).reverse()
    .sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'))
    .map((s) => viewOf(station, s, today));
}

/** "On arrangement": the running arrangement of an account (the oldest if there are more), for the directory. */
export function arrangementSummary(station: Station, accountNumber: string, today: string): ArrangementSummary | null {
  if (!hasAny(station, accountNumber)) return null;
  const running = standingsForAccount(station, accountNumber).filter((s) => s.status === 'active');
  const s = running[0];
  if (!s) return null;
  return { id: s.record.id, number: s.record.number, next: nextInstalment(s, today), running: running.length };
}
