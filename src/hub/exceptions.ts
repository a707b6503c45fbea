// Exceptions: what the hub could not match to the city's records. A station reads only its own;
// the city (admin) reads all and may resolve any, with a note.
import { sql } from 'kysely';
import type { ExceptionKind, WireException } from '../shared/hubProtocol';
import type { HubDb } from './db';
import { HubError } from './errors';
import type { HubDB } from './schema';

type ExceptionRow = HubDB['exceptions'] & { id: number };

export function toWire(r: ExceptionRow): WireException {
  return {
    id: r.id, stationId: r.station_id, eventId: r.event_id, seq: r.seq, kind: r.kind as ExceptionKind, receiptNumber: r.receipt_number,
    accountNumber: r.account_number, amountCents: r.amount_cents, detail: r.detail, createdAt: r.created_at, resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by, note: r.note, version: r.version,
  };
}

/** The station's exceptions created or changed past its cursor, oldest change first. */
export async function stationExceptions(db: HubDb, stationId: string, cursor: number, limit = 1000): Promise<{ cursor: number; exceptions: WireException[] }> {
  const rows = await db.kysely.selectFrom('exceptions').selectAll().where('station_id', '=', stationId).where('version', '>', cursor)
    .orderBy('version').limit(limit).execute() as ExceptionRow[];
  return { cursor: rows.length ? rows[rows.length - 1]!.version : cursor, exceptions: rows.map(toWire) };
}

export async function listExceptions(db: HubDb, opts: { open?: boolean; stationId?: string | null }): Promise<WireException[]> {
  let q = db.kysely.selectFrom('exceptions').selectAll().orderBy('id');
  if (opts.open) q = q.where('resolved_at', 'is', null);
  if (opts.stationId) q = q.where('station_id', '=', opts.stationId);
  return (await q.limit(10_000).execute() as ExceptionRow[]).map(toWire);
}

export async function resolveByCity(db: HubDb, id: number, note: string, by: string, at: string): Promise<WireException> {
  const r = await sql<ExceptionRow>`UPDATE exceptions SET resolved_at = ${at}, resolved_by = ${by}, note = ${note}, version = nextval('exception_version')
    WHERE id = ${id} AND resolved_at IS NULL RETURNING *`.execute(db.kysely);
  const row = r.rows[0];
  if (row) return toWire(row);
  const exists = await db.kysely.selectFrom('exceptions').select('resolved_at').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new HubError(404, 'NOT_FOUND', `there is no exception ${id}`);
  throw new HubError(409, 'ALREADY_RESOLVED', `exception ${id} was resolved at ${exists.resolved_at}`);
}
