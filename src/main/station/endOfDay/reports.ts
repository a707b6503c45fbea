// X report (mid-session, changes nothing) and Z report (the close-out) as structured data.
import type { MovementKind } from '../../../shared/domain';
import type { BusinessDayPart, MovementLine, MovementTotals, SessionListItem, SessionReport, XReport, ZReport } from '../../../shared/endOfDayViews';
import { StationError } from '../../../shared/errors';
import { roleAtLeast } from '../../../shared/domain';
import type { UserView } from '../../../shared/views';
import type { DrawerSessionsTable, DrawerMovementsTable } from '../../db/schema';
import type { Station } from '../station';
import { byRevenueCode, byTender, cardsByBrand, cashRoundingTotals, receiptTotals, voidTotals } from './aggregates';
import { loadSession, person, personOrNull, sessionHeader, sessionOrLive } from './common';
import { closeoutViewOf, depositOfSession, latestCount } from './closeoutView';
import { expectedFigures } from './expected';

function movements(station: Station, sessionId: string, kind: MovementKind): MovementLine[] {
  return station.st.sqlAll<DrawerMovementsTable>('SELECT * FROM drawer_movements WHERE session_id = ? AND kind = ? ORDER BY created_at, id', sessionId, kind)
    .map((m) => ({ id: m.id, kind: m.kind, amountCents: m.amount_cents, reason: m.reason, user: person(station, m.user_id), approvedBy: personOrNull(station, m.approved_by), at: m.created_at }));
}

function totals(items: MovementLine[]): MovementTotals {
  return { count: items.length, totalCents: items.reduce((a, m) => a + m.amountCents, 0), items };
}

function sessionReport(station: Station, s: DrawerSessionsTable, kind: 'X' | 'Z'): SessionReport {
  const where = 'r.session_id = ?';
  const params = [s.id];
  const voids = station.st.sqlAll<{ receipt_number: string; total_cents: number; reason: string; user_id: string; approved_by: string; created_at: string }>(
    `SELECT r.receipt_number, r.total_cents, v.reason, v.user_id, v.approved_by, v.created_at FROM voids v JOIN receipts r ON r.id = v.receipt_id
     WHERE r.session_id = ? ORDER BY v.created_at, r.seq`, s.id);
  const reprints = station.st.sqlAll<{ receipt_number: string; user_id: string; created_at: string }>(
    'SELECT r.receipt_number, p.user_id, p.created_at FROM reprints p JOIN receipts r ON r.id = p.receipt_id WHERE r.session_id = ? ORDER BY p.created_at, p.id', s.id);
  const noSales = movements(station, s.id, 'no_sale');
  return {
    kind,
    generatedAt: station.nowIso(),
    session: sessionHeader(station, s),
    receipts: receiptTotals(station, where, params),
    byRevenueCode: byRevenueCode(station, where, params),
    byTender: byTender(station, where, params),
    cardsByBrand: cardsByBrand(station, where, params),
    voids: {
      ...voidTotals(station, where, params),
      items: voids.map((v) => ({ receiptNumber: v.receipt_number, totalCents: v.total_cents, reason: v.reason, voidedBy: person(station, v.user_id), approvedBy: person(station, v.approved_by), at: v.created_at })),
    },
    paidIns: totals(movements(station, s.id, 'paid_in')),
    paidOuts: totals(movements(station, s.id, 'paid_out')),
    drops: totals(movements(station, s.id, 'drop')),
    noSales: { count: noSales.length, items: noSales },
    reprints: { count: reprints.length, items: reprints.map((p) => ({ receiptNumber: p.receipt_number, user: person(station, p.user_id), at: p.created_at })) },
    expected: expectedFigures(station, s.id),
    byBusinessDay: businessDayParts(station, s.id),
    cashRounding: cashRoundingTotals(station, where, params),
  };
}

/** The session's receipts split by the business day they count for (a session past the cut-off has several). */
export function businessDayParts(station: Station, sessionId: string): BusinessDayPart[] {
  const days = station.st.sqlAll<{ d: string }>('SELECT DISTINCT business_day AS d FROM receipts WHERE session_id = ? ORDER BY 1', sessionId).map((r) => r.d);
  return days.map((d) => {
    const where = 'r.session_id = ? AND r.business_day = ?';
    const { count, totalCents } = receiptTotals(station, where, [sessionId, d]);
    return { businessDay: d, receipts: { count, totalCents }, byTender: byTender(station, where, [sessionId, d]) };
  });
}

/** X report: the session's figures now, expected cash included (a supervisor's report: the count stays blind). */
export function xReport(station: Station, sessionId: string | undefined): XReport {
  return { ...sessionReport(station, sessionOrLive(station, sessionId), 'X'), kind: 'X' };
}

/** Z report: the close-out. Exists once the session is counted. */
export function zReport(station: Station, sessionId: string): ZReport {
  const s = loadSession(station, sessionId);
  if (s.state === 'open') throw new StationError('SESSION_NOT_COUNTED', {}, 'sessionId');
  return { ...sessionReport(station, s, 'Z'), kind: 'Z', closeout: closeoutViewOf(station, s) };
}

export function listSessions(station: Station, user: UserView, q: { businessDay?: string | undefined; state?: string | undefined; undeposited?: boolean | undefined; limit: number }): SessionListItem[] {
  const cond: string[] = [];
  const params: (string | number)[] = [];
  if (q.businessDay) { cond.push('s.business_day = ?'); params.push(q.businessDay); }
  if (q.state) { cond.push('s.state = ?'); params.push(q.state); }
  if (q.undeposited) {
    // A discarded draft deposit holds no session.
    cond.push('NOT EXISTS (SELECT 1 FROM deposit_sessions d WHERE d.session_id = s.id AND NOT EXISTS (SELECT 1 FROM deposit_discards x WHERE x.deposit_id = d.deposit_id))');
    // Lockbox and online batches are already in the bank.
    cond.push("NOT EXISTS (SELECT 1 FROM batches b WHERE b.session_id = s.id AND b.source IN ('lockbox', 'online'))");
  }
  // A cashier sees their own sessions; a supervisor sees all.
  if (!roleAtLeast(user.role, 'supervisor')) { cond.push('s.cashier_id = ?'); params.push(user.id); }
  const rows = station.st.sqlAll<DrawerSessionsTable & { n: number }>(
    `SELECT s.*, (SELECT COUNT(*) FROM receipts r WHERE r.session_id = s.id) AS n FROM drawer_sessions s
     ${cond.length ? 'WHERE ' + cond.join(' AND ') : ''} ORDER BY s.opened_at DESC, s.id LIMIT ?`, ...params, q.limit);
  return rows.map((s) => {
    // Blind: figures of a count appear only once the session is counted (not while reopened).
    const c = s.state !== 'open' ? latestCount(station, s.id) : undefined;
    return {
      session: sessionHeader(station, s), receiptCount: s.n,
      countedCashCents: c ? c.cash_cents + c.drops_cents : null,
      overShortCents: c ? c.over_short_cents : null,
      depositId: depositOfSession(station, s.id),
    };
  });
}
