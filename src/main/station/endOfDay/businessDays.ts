// Business days (DOMAIN.md "Business day"): the cut-off moves receipts to the next day
// (station.businessDay()); closing a day stops any posting to it (postingGuards.assertDayOpen).
import type { BusinessDayView } from '../../../shared/endOfDayViews';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';
import { person } from './common';
import { dailySummary } from './dailySummary';
import type { BusinessDayRow } from './rows';

/** Sessions of the day, or holding receipts of it, that are not closed out. */
function sessionsNotClosed(station: Station, day: string): number {
  return station.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM drawer_sessions s WHERE s.state <> 'closed'
    AND (s.business_day = ? OR EXISTS (SELECT 1 FROM receipts r WHERE r.session_id = s.id AND r.business_day = ?))`, day, day)!.n;
}

export function businessDayView(station: Station, day: string): BusinessDayView {
  const row = station.st.sqlGet<BusinessDayRow>('SELECT * FROM business_days WHERE day = ?', day);
  return {
    day, current: day === station.businessDay(), closed: !!row, closedAt: row?.closed_at ?? null,
    closedBy: row ? person(station, row.closed_by) : null, sessionsNotClosed: sessionsNotClosed(station, day),
  };
}

export function closeBusinessDay(station: Station, user: UserView, day: string): BusinessDayView {
  station.commit(() => {
    if (station.st.sqlGet('SELECT 1 FROM business_days WHERE day = ?', day)) throw new StationError('DAY_ALREADY_CLOSED', { day }, 'businessDay');
    if (day > station.businessDay()) throw new StationError('DAY_NOT_BEGUN', { day }, 'businessDay');
    const open = sessionsNotClosed(station, day);
    if (open > 0) throw new StationError('DAY_HAS_OPEN_SESSIONS', { day, count: open }, 'businessDay');
    const s = dailySummary(station, day);
    const at = station.nowIso();
    station.st.sqlRun('INSERT INTO business_days(day, closed_at, closed_by, collections_cents) VALUES (?, ?, ?, ?)', day, at, user.id, s.collections.totalCents);
    station.record('businessDay.closed', day, {
      day, stationId: station.stationId, closedBy: user.id,
      collections: {
        receipts: s.collections.receipts, totalCents: s.collections.totalCents,
        byRevenueCode: s.collections.byRevenueCode.map((r) => ({ revenueCode: r.revenueCode, glAccount: r.glAccount, lineCount: r.lineCount, totalCents: r.totalCents })),
        byTender: s.collections.byTender.map((x) => ({ kind: x.kind, count: x.count, netCents: x.netCents })),
      },
      closeouts: { sessionIds: s.closeouts.sessions.map((x) => x.sessionId), totalCents: s.closeouts.totalCents, overShortCents: s.closeouts.overShortCents },
      returnedChecks: { count: s.returnedChecks.count, totalCents: s.returnedChecks.totalCents, feesCents: s.returnedChecks.feesCents },
      netCents: s.net.totalCents,
      // Reconciled at the hub against its copy of the deposits (issue 15); discarded drafts hold nothing.
      deposits: { count: s.deposits.filter((d) => d.state !== 'discarded').length, totalCents: s.deposits.filter((d) => d.state !== 'discarded').reduce((a, d) => a + d.totalCents, 0) },
    }, at);
  });
  return businessDayView(station, day);
}
