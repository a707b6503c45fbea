// POST /v1/sync/push: a station's outbox events, in station order. Stored with UNIQUE(station_id, seq)
// and UNIQUE(event_id), applied whole or not at all; the answer is the highest contiguous seq stored.
import { sql, type Transaction } from 'kysely';
import { pushRequestSchema, type PushResponse, type WireEvent } from '../shared/hubProtocol';
import { applyEvents } from './apply';
import { canonicalJson } from '../shared/canonical';
import type { HubDb } from './db';
import { HubError, badRequest } from './errors';
import type { HubDB } from './schema';
import { insertChunked } from './sqlUtil';
import { zodReason } from './zodReason';
import { storableCopy } from './storableText';

export interface StoredEvent { event: WireEvent; payload: string }

export async function pushEvents(db: HubDb, stationId: string, body: unknown, now: Date): Promise<PushResponse> {
  const parsed = pushRequestSchema.safeParse(body);
  if (!parsed.success) throw badRequest(zodReason(parsed.error));
  const events = parsed.data.events;
  events.forEach((e, i) => {
    if (e.stationId !== stationId) throw new HubError(403, 'FOREIGN_EVENT', `event ${e.eventId} belongs to station ${e.stationId}; these credentials are station ${stationId}'s`);
    const prev = events[i - 1];
    if (prev && e.seq !== prev.seq + 1) throw new HubError(400, 'OUT_OF_ORDER', `events must be in station order with no gap inside a batch: seq ${e.seq} follows ${prev.seq}`);
  });
  // The payload is the event exactly as sent; what is applied has text PostgreSQL can hold (storableText.ts).
  const stored: StoredEvent[] = events.map((event) => ({ event: { ...event, data: storableCopy(event.data).value }, payload: canonicalJson(event) }));
  return db.kysely.transaction().execute(async (tx) => {
    // One push per station at a time (a duplicated request waits here, then is a replay).
    const st = await sql<{ acked_seq: number }>`SELECT acked_seq FROM stations WHERE station_id = ${stationId} FOR UPDATE`.execute(tx);
    const acked = st.rows[0]?.acked_seq ?? 0;
    const first = events[0]!.seq;
    if (first > acked + 1) {
      throw new HubError(409, 'SEQ_GAP', `the hub has this station's events up to seq ${acked}; send from seq ${acked + 1} (got ${first})`, { expectedSeq: acked + 1 });
    }
    const replays = stored.filter((s) => s.event.seq <= acked);
    const fresh = stored.filter((s) => s.event.seq > acked);
    if (replays.length) await checkReplays(tx, stationId, replays);
    if (fresh.length) {
      const ids = fresh.map((s) => s.event.eventId);
      const clash = await tx.selectFrom('events').select(['event_id', 'station_id', 'seq']).where('event_id', 'in', ids).limit(1).executeTakeFirst();
      if (clash) throw new HubError(409, 'EVENT_ID_REUSED', `event id ${clash.event_id} is already stored as ${clash.station_id} seq ${clash.seq}`);
      const receivedAt = now.toISOString();
      await insertChunked(tx, 'events', fresh.map((s) => ({
        station_id: stationId, seq: s.event.seq, event_id: s.event.eventId, kind: s.event.kind, at: s.event.at, payload: s.payload, received_at: receivedAt,
      })));
      await applyEvents(tx, stationId, fresh, now);
      await tx.updateTable('stations').set({ acked_seq: fresh[fresh.length - 1]!.event.seq, last_push_at: receivedAt }).where('station_id', '=', stationId).execute();
    }
    return { ackedSeq: Math.max(acked, events[events.length - 1]!.seq), stored: fresh.length, replayed: replays.length };
  });
}

/** A replay must be the very event stored under that seq; anything else is a station out of step. */
async function checkReplays(tx: Transaction<HubDB>, stationId: string, replays: StoredEvent[]): Promise<void> {
  const rows = await tx.selectFrom('events').select(['seq', 'payload']).where('station_id', '=', stationId)
    .where('seq', '>=', replays[0]!.event.seq).where('seq', '<=', replays[replays.length - 1]!.event.seq).execute();
  const bySeq = new Map(rows.map((r) => [r.seq, r.payload]));
  for (const r of replays) {
    if (bySeq.get(r.event.seq) !== r.payload) {
      throw new HubError(409, 'SEQ_CONFLICT', `seq ${r.event.seq} of station ${stationId} already holds a different event; this station's outbox does not match what the hub stored`);
    }
  }
}
