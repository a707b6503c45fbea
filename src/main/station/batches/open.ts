// Opening a batch: a session of its own kind (no drawer, no float) with the control figures from the
// adding-machine tape or the file. Its receipts take the station's gapless numbers like any other.
import type { BatchSource } from '../../../shared/contract/batches';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { BatchesTable, DrawerSessionsTable } from '../../db/schema';
import { assertDayOpen } from '../postingGuards';
import type { Station } from '../station';

export interface OpenBatch { id: string; source: BatchSource; controlCount: number; controlCents: number; note?: string | undefined; bankDepositCents?: number; fileId?: string }

/** Writes the batch inside the caller's transaction; returns its session row. */
export function writeBatch(station: Station, user: UserView, b: OpenBatch): DrawerSessionsTable {
  const now = station.clock.now();
  const day = station.businessDay(now);
  assertDayOpen(station, day);
  const n = station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM batches WHERE station_id = ?', station.stationId)!.n + 1;
  const batchNumber = `${station.stationId}-B${String(n).padStart(5, '0')}`;
  const at = now.toISOString();
  const row: DrawerSessionsTable = { id: b.id, station_id: station.stationId, cashier_id: user.id, state: 'open', business_day: day, opened_at: at, float_cents: 0, float_counts: '{}', closed_at: null, kind: 'batch' };
  station.st.sqlRun("INSERT INTO drawer_sessions(id, station_id, cashier_id, state, business_day, opened_at, float_cents, float_counts, kind) VALUES (?, ?, ?, 'open', ?, ?, 0, '{}', 'batch')",
    b.id, station.stationId, user.id, day, at);
  station.st.sqlRun(`INSERT INTO batches(session_id, station_id, batch_number, source, opened_by, opened_at, control_count, control_cents, bank_deposit_cents, file_id, note)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.id, station.stationId, batchNumber, b.source, user.id, at, b.controlCount, b.controlCents, b.bankDepositCents ?? null, b.fileId ?? null, b.note ?? null);
  // The hub knows the session like a drawer's (float 0), then what kind of batch it is.
  station.record('session.opened', b.id, { sessionId: b.id, stationId: station.stationId, cashierId: user.id, businessDay: day, floatCents: 0, floatCounts: {}, kind: 'batch' }, at);
  station.record('batch.opened', b.id, {
    sessionId: b.id, stationId: station.stationId, batchNumber, source: b.source, openedBy: user.id, businessDay: day,
    controlCount: b.controlCount, controlCents: b.controlCents, bankDepositCents: b.bankDepositCents ?? null, note: b.note ?? null,
  }, at);
  return row;
}

export function openBatch(station: Station, user: UserView, b: OpenBatch): string {
  const existing = station.st.sqlGet<{ source: string; control_count: number; control_cents: number }>('SELECT source, control_count, control_cents FROM batches WHERE session_id = ?', b.id);
  if (existing) {
    if (existing.source !== b.source || existing.control_count !== b.controlCount || existing.control_cents !== b.controlCents) throw new StationError('IDEMPOTENCY_CONFLICT');
    return b.id;
  }
  station.commit(() => writeBatch(station, user, b));
  return b.id;
}

export function loadBatch(station: Station, id: string, field = 'batchId'): { session: DrawerSessionsTable; batch: BatchesTable } {
  const batch = station.st.sqlGet<BatchesTable>('SELECT * FROM batches WHERE session_id = ? OR batch_number = ?', id, id);
  if (!batch) throw new StationError('BATCH_NOT_FOUND', { batch: id }, field);
  const session = station.st.sqlGet<DrawerSessionsTable>('SELECT * FROM drawer_sessions WHERE id = ?', batch.session_id)!;
  return { session, batch };
}
