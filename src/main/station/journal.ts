// The journal hash chain and the outbox (ARCHITECTURE.md "Data"): written in the same transaction
// as the state change they describe.
import { createHash, randomUUID } from 'node:crypto';
import type { Statements } from '../db/statements';
import { canonicalJson } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

export function journalHash(prevHash: string, row: { seq: number; at: string; kind: string; ref: string; payload: string }): string {
  const body = canonicalJson({ seq: row.seq, at: row.at, kind: row.kind, ref: row.ref, payload: JSON.parse(row.payload) });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

export function appendJournal(st: Statements, kind: string, ref: string, payload: unknown, at: string): number {
  const last = st.sqlGet<{ seq: number; hash: string }>('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? GENESIS_HASH;
  const text = canonicalJson(payload);
  const hash = journalHash(prev, { seq, at, kind, ref, payload: text });
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

/** Queues an event for the hub. Outbox seq is gapless per station (INTEGER PRIMARY KEY, rows never deleted). */
export function appendOutbox(st: Statements, stationId: string, kind: string, data: unknown, at: string): OutboxEvent {
  const last = st.sqlGet<{ seq: number }>('SELECT seq FROM outbox ORDER BY seq DESC LIMIT 1');
  const seq = (last?.seq ?? 0) + 1;
  const event: OutboxEvent = { eventId: randomUUID(), stationId, seq, kind, at, data };
  st.sqlRun('INSERT INTO outbox(seq, event_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)', seq, event.eventId, kind, canonicalJson(event), at);
  return event;
}
