// What the station keeps about its hub: the link made at enrolment, and small named cursors.
import type { Statements } from '../db/statements';
import type { Station } from '../station/station';
import type { HubCredentials } from './client';
import type { SyncRefusal } from '../../shared/contract/sync';

export type SyncKey = 'directory_cursor' | 'directory_latest' | 'directory_complete' | 'directory_as_of' | 'exceptions_cursor' | 'hub_acked_seq' | 'last_success_at' | 'push_refused' | 'images_from_seq';

export function getState(st: Statements, key: SyncKey): string | null {
  return st.sqlGet<{ value: string }>('SELECT value FROM sync_state WHERE key = ?', key)?.value ?? null;
}

export function setState(st: Statements, key: SyncKey, value: string | number): void {
  st.sqlRun('INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, String(value));
}

export function getNumber(st: Statements, key: SyncKey): number {
  return Number(getState(st, key) ?? 0);
}

/** The link made at enrolment; null when there is none, or when its secret was left out (a restored backup: take the station over). */
export function loadLink(st: Statements): HubCredentials | null {
  const r = st.sqlGet<{ hub_url: string; station_id: string; secret: string; tls_pin: string | null }>('SELECT hub_url, station_id, secret, tls_pin FROM hub_link WHERE id = 1');
  return r && r.secret ? { hubUrl: r.hub_url, stationId: r.station_id, secret: r.secret, tlsPin: r.tls_pin } : null;
}

/** The hub address last enrolled with, even when the secret is gone (shown to prefill a takeover). */
export function lastHubUrl(station: Station): string | null {
  return station.st.get<{ hub_url: string }>(station.kysely.selectFrom('hub_link').select('hub_url').where('id', '=', 1))?.hub_url ?? null;
}

export function saveLink(st: Statements, link: HubCredentials, at: string): void {
  st.sqlRun(`INSERT INTO hub_link(id, hub_url, station_id, secret, enrolled_at, tls_pin) VALUES (1, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET hub_url = excluded.hub_url, station_id = excluded.station_id, secret = excluded.secret, enrolled_at = excluded.enrolled_at, tls_pin = excluded.tls_pin`,
  link.hubUrl, link.stationId, link.secret, at, link.tlsPin ?? null);
}

/** Re-pins the hub's certificate (an admin confirmed the new one). */
export function savePin(station: Station, pin: string): void {
  station.st.run(station.kysely.updateTable('hub_link').set({ tls_pin: pin }).where('id', '=', 1));
}

export function lastOutboxSeq(st: Statements): number {
  return st.sqlGet<{ s: number | null }>('SELECT MAX(seq) AS s FROM outbox')!.s ?? 0;
}

/**
 * Events the hub has not acknowledged. Acks are always "everything up to hub_acked_seq", written with
 * that value in one transaction, so this is a difference of two numbers — no scan of an outbox that
 * grows for ever.
 */
export function pendingCount(st: Statements): number {
  return Math.max(0, lastOutboxSeq(st) - getNumber(st, 'hub_acked_seq'));
}

export function openExceptionCount(st: Statements): number {
  return st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM hub_exceptions WHERE resolved_at IS NULL')!.n;
}

/** The hub's standing refusal of this station's push (kept across restarts), or null. */
export function getRefusal(st: Statements): SyncRefusal | null {
  const v = getState(st, 'push_refused');
  if (!v) return null;
  try { return JSON.parse(v) as SyncRefusal; } catch { return null; }
}

export function setRefusal(st: Statements, r: SyncRefusal | null): void {
  if (r) setState(st, 'push_refused', JSON.stringify(r));
  else st.sqlRun("DELETE FROM sync_state WHERE key = 'push_refused'");
}
