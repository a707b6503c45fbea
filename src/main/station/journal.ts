// The journal hash chain and the outbox (ARCHITECTURE.md "Data"): written in the same transaction
// as the state change they describe.
import { createHash, randomUUID } from 'node:crypto';
import type { Statements } from '../db/statements';
import { canonicalJson } from '../../shared/canonical';

export const GENESIS_HASH = '0'.repeat(64);

function hashBody(seq: number, at: string, kind: string, ref: string, payloadText: string): string {
  return `{"at":${JSON.stringify(at)},"kind":${JSON.stringify(kind)},"payload":${payloadText},"ref":${JSON.stringify(ref)},"seq":${seq}}`;
}

/** Recomputes a row's hash from its parts; the payload is re-canonicalised, so an edited payload shows. */
export function journalHash(prevHash: string, row: { seq: number; at: string; kind: string; ref: string; payload: string }): string {
  const body = hashBody(row.seq, row.at, row.kind, row.ref, canonicalJson(JSON.parse(row.payload)));
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Appends to the hash chain; `text` is the payload's canonical JSON. */
export function appendJournal(st: Statements, kind: string, ref: string, text: string, at: string): number {
  const last = st.sqlGet<{ seq: number; hash: string }>('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? GENESIS_HASH;
  // The hashed body is canonical JSON of {at, kind, payload, ref, seq}: built by hand from the payload text.
  const hash = createHash('sha256').update(prev).update(hashBody(seq, at, kind, ref, text)).digest('hex');
  st.sqlRun('INSERT INTO journal(seq, at, kind, ref, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)', seq, at, kind, ref, text, prev, hash);
  return seq;
}

export interface OutboxEvent {
  eventId: string;
  stationId: string;
  seq: number;
  kind: string;
  at: string;
  data: unknown;
}

/**
 * Queues an event for the hub. Outbox seq is gapless per station (INTEGER PRIMARY KEY, rows never
 * deleted), except across a takeover: a ledger restored from an older backup carries on after the
 * seqs the hub already holds (station_takeovers.hub_acked_seq), so no new event re-uses one of them.
 */
export function appendOutbox(st: Statements, stationId: string, kind: string, dataText: string, at: string): void {
  const last = st.sqlGet<{ seq: number }>(`SELECT MAX(COALESCE((SELECT seq FROM outbox ORDER BY seq DESC LIMIT 1), 0),
    COALESCE((SELECT MAX(hub_acked_seq) FROM station_takeovers), 0)) AS seq`);
  const seq = (last?.seq ?? 0) + 1;
  const eventId = randomUUID();
  // canonical JSON of OutboxEvent (keys sorted), with the payload text already canonical.
  const text = `{"at":${JSON.stringify(at)},"data":${dataText},"eventId":"${eventId}","kind":${JSON.stringify(kind)},"seq":${seq},"stationId":${JSON.stringify(stationId)}}`;
  st.sqlRun('INSERT INTO outbox(seq, event_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)', seq, eventId, kind, text, at);
}

/** The station's last outbox seq (0 when nothing was ever recorded for the hub). */
export function lastOutboxSeqOf(st: Statements): number {
  return st.sqlGet<{ s: number | null }>('SELECT MAX(seq) AS s FROM outbox')!.s ?? 0;
}
