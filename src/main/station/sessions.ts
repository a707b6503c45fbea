// Drawer sessions: one cashier's custody of one drawer, opened with a float counted by denomination.
import { countTotal, USD_DENOMINATIONS, type DenominationCounts } from '../../shared/denominations';
import { StationError } from '../../shared/errors';
import type { SessionState } from '../../shared/domain';
import type { SessionView, UserView } from '../../shared/views';
import type { DrawerSessionsTable } from '../db/schema';
import { assertDayOpen } from './postingGuards';
import type { Station } from './station';

export function validateCounts(counts: DenominationCounts, field: string): number {
  for (const [key, n] of Object.entries(counts)) {
    if (!USD_DENOMINATIONS.some((d) => d.key === key)) throw new StationError('INVALID_INPUT', { detail: `unknown denomination ${key}` }, `${field}.${key}`);
    if (!Number.isSafeInteger(n) || n < 0) throw new StationError('INVALID_INPUT', { detail: 'counts are whole, non-negative pieces' }, `${field}.${key}`);
  }
  return countTotal(counts);
}

/** Expected cash (DOMAIN.md invariant 2): float + cash in − change + paid-in − paid-out − drops, voids excluded. */
export function expectedCash(station: Station, sessionId: string): number {
  const r = station.st.sqlGet<{ float: number; sales: number; moves: number }>(`
    SELECT s.float_cents AS float,
      COALESCE((SELECT SUM(t.amount_cents) FROM tenders t JOIN receipts r ON r.id = t.receipt_id
        WHERE r.session_id = s.id AND t.kind = 'cash' AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)), 0)
      - COALESCE((SELECT SUM(r.change_cents) FROM receipts r
        WHERE r.session_id = s.id AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)), 0) AS sales,
      COALESCE((SELECT SUM(CASE m.kind WHEN 'paid_in' THEN m.amount_cents WHEN 'paid_out' THEN -m.amount_cents WHEN 'drop' THEN -m.amount_cents ELSE 0 END)
        FROM drawer_movements m WHERE m.session_id = s.id), 0) AS moves
    FROM drawer_sessions s WHERE s.id = ?`, sessionId);
  if (!r) throw new StationError('SESSION_NOT_OPEN');
  return r.float + r.sales + r.moves;
}

export function sessionView(station: Station, row: DrawerSessionsTable): SessionView {
  const cashier = station.st.sqlGet<{ name: string }>('SELECT name FROM users WHERE id = ?', row.cashier_id);
  const expected = expectedCash(station, row.id);
  const receiptCount = station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM receipts WHERE session_id = ?', row.id)!.n;
  const limit = station.config.dropLimitCents;
  const over = Math.max(0, expected - station.config.floatCents);
  return {
    id: row.id,
    stationId: row.station_id,
    cashierId: row.cashier_id,
    cashierName: cashier?.name ?? row.cashier_id,
    state: row.state as SessionState,
    businessDay: row.business_day,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    floatCents: row.float_cents,
    floatCounts: JSON.parse(row.float_counts) as DenominationCounts,
    expectedCashCents: expected,
    receiptCount,
    dropSuggested: expected > limit,
    // Suggest dropping down to the float, in whole $100s.
    dropSuggestedCents: expected > limit ? over - (over % 10000) : 0,
  };
}

export function liveSession(station: Station): DrawerSessionsTable | undefined {
  return station.st.sqlGet<DrawerSessionsTable>("SELECT * FROM drawer_sessions WHERE station_id = ? AND state <> 'closed' AND kind = 'drawer'", station.stationId);
}

/** The open session this user may take money in. */
export function requireOpenSession(station: Station, user: UserView): DrawerSessionsTable {
  const s = liveSession(station);
  if (!s || s.state !== 'open') throw new StationError('NO_OPEN_SESSION');
  if (s.cashier_id !== user.id) {
    const name = station.st.sqlGet<{ name: string }>('SELECT name FROM users WHERE id = ?', s.cashier_id)?.name ?? s.cashier_id;
    throw new StationError('SESSION_NOT_YOURS', { cashier: name });
  }
  return s;
}

export function openSession(station: Station, user: UserView, id: string, floatCounts: DenominationCounts): SessionView {
  const existing = station.st.sqlGet<DrawerSessionsTable>('SELECT * FROM drawer_sessions WHERE id = ?', id);
  if (existing) return sessionView(station, existing);
  const floatCents = validateCounts(floatCounts, 'floatCounts');
  const row = station.commit(() => {
    const live = liveSession(station);
    if (live) {
      const name = station.st.sqlGet<{ name: string }>('SELECT name FROM users WHERE id = ?', live.cashier_id)?.name ?? live.cashier_id;
      throw new StationError('SESSION_ALREADY_OPEN', { cashier: name });
    }
    const now = station.clock.now();
    // A closed business day takes no postings: no drawer opens into it either.
    assertDayOpen(station, station.businessDay(now));
    const r: DrawerSessionsTable = {
      id, station_id: station.stationId, cashier_id: user.id, state: 'open', business_day: station.businessDay(now),
      opened_at: now.toISOString(), float_cents: floatCents, float_counts: JSON.stringify(floatCounts), closed_at: null,
    };
    station.st.sqlRun('INSERT INTO drawer_sessions(id, station_id, cashier_id, state, business_day, opened_at, float_cents, float_counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      r.id, r.station_id, r.cashier_id, r.state, r.business_day, r.opened_at, r.float_cents, r.float_counts);
    station.record('session.opened', id, { sessionId: id, stationId: r.station_id, cashierId: user.id, businessDay: r.business_day, floatCents, floatCounts }, r.opened_at);
    return r;
  });
  return sessionView(station, row);
}
