// Small helpers shared by the end-of-day modules: people, count sheets, sessions.
import { USD_DENOMINATIONS, type DenominationCounts } from '../../../shared/denominations';
import type { SessionState } from '../../../shared/domain';
import type { CountSheet, DenominationLine, PersonRef, SessionHeader } from '../../../shared/endOfDayViews';
import { StationError } from '../../../shared/errors';
import type { DrawerSessionsTable } from '../../db/schema';
import type { Station } from '../station';

export function person(station: Station, id: string): PersonRef {
  const u = station.st.sqlGet<{ name: string }>('SELECT name FROM users WHERE id = ?', id);
  return { id, name: u?.name ?? id };
}

export function personOrNull(station: Station, id: string | null): PersonRef | null {
  return id === null ? null : person(station, id);
}

/** Drops zero counts and orders keys like the currency's denominations, so equal sheets compare equal. */
export function normalCounts(counts: DenominationCounts): DenominationCounts {
  const out: DenominationCounts = {};
  for (const d of USD_DENOMINATIONS) {
    const n = counts[d.key] ?? 0;
    if (n !== 0) out[d.key] = n;
  }
  return out;
}

export function addCounts(...sheets: DenominationCounts[]): DenominationCounts {
  const out: DenominationCounts = {};
  for (const s of sheets) for (const [k, n] of Object.entries(s)) out[k] = (out[k] ?? 0) + n;
  return normalCounts(out);
}

/** a − b by denomination; a negative result means b asked for pieces a does not hold. */
export function subtractCounts(a: DenominationCounts, b: DenominationCounts): DenominationCounts {
  const out: DenominationCounts = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) - n;
  return normalCounts(out);
}

export function countSheet(counts: DenominationCounts): CountSheet {
  const lines: DenominationLine[] = [];
  let currency = 0, coin = 0;
  for (const d of USD_DENOMINATIONS) {
    const n = counts[d.key] ?? 0;
    if (n === 0) continue;
    const amount = d.valueCents * n;
    lines.push({ key: d.key, label: d.label, kind: d.kind, unitCents: d.valueCents, count: n, amountCents: amount });
    if (d.kind === 'bill') currency += amount; else coin += amount;
  }
  return { counts: normalCounts(counts), lines, currencyCents: currency, coinCents: coin, totalCents: currency + coin };
}

export function loadSession(station: Station, sessionId: string, field = 'sessionId'): DrawerSessionsTable {
  const s = station.st.sqlGet<DrawerSessionsTable>('SELECT * FROM drawer_sessions WHERE id = ?', sessionId);
  if (!s) throw new StationError('SESSION_NOT_FOUND', { session: sessionId }, field);
  return s;
}

/** The given session, or the live (not closed) session of this station. */
export function sessionOrLive(station: Station, sessionId: string | undefined): DrawerSessionsTable {
  if (sessionId) return loadSession(station, sessionId);
  const s = station.st.sqlGet<DrawerSessionsTable>("SELECT * FROM drawer_sessions WHERE station_id = ? AND state <> 'closed' AND kind = 'drawer'", station.stationId);
  if (!s) throw new StationError('NO_OPEN_SESSION');
  return s;
}

export function sessionHeader(station: Station, s: DrawerSessionsTable): SessionHeader {
  return {
    id: s.id, stationId: s.station_id, cashier: person(station, s.cashier_id), businessDay: s.business_day,
    state: s.state as SessionState, openedAt: s.opened_at, closedAt: s.closed_at,
  };
}
