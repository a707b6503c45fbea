// A replaced or rebuilt PC enrolling as a station the hub already holds events for (a takeover).
// The station says where its own history ends. If that is behind what the hub acknowledged (its
// ledger was restored from an older backup, or it is a new database), the takeover is refused unless
// the code allows a rewind; then the hub keeps every event it has, raises one exception naming the
// seqs the station lacks, and tells the station where to carry on: its outbox after the hub's last
// seq, its receipt numbers after the hub's last receipt, so no new event or receipt can collide.
import { sql, type Transaction } from 'kysely';
import type { EnrolResponse } from '../shared/hubProtocol';
import { HubError } from './errors';
import type { HubDB } from './schema';

export interface StationHistory { lastSeq: number; lastEventId: string | null }

type Tx = Transaction<HubDB>;
type Takeover = Pick<EnrolResponse, 'ackedSeq' | 'receiptSeq' | 'rewound'>;

const dollars = (cents: number) => `$${Math.floor(Math.abs(cents) / 100).toLocaleString('en-US')}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

export async function takeOver(tx: Tx, stationId: string, history: StationHistory, allowRewind: boolean, at: string): Promise<Takeover> {
  const st = await sql<{ acked_seq: number }>`SELECT acked_seq FROM stations WHERE station_id = ${stationId} FOR UPDATE`.execute(tx);
  const acked = st.rows[0]?.acked_seq ?? 0;
  const receiptSeq = await lastReceiptSeq(tx, stationId);
  if (acked === 0) return { ackedSeq: 0, receiptSeq, rewound: null };
  const { lastSeq, lastEventId } = history;
  if (lastSeq > 0 && lastSeq <= acked) {
    // The station's last event must be the hub's event at that seq: otherwise it is another ledger.
    const mine = await tx.selectFrom('events').select('event_id').where('station_id', '=', stationId).where('seq', '=', lastSeq).executeTakeFirst();
    if (mine?.event_id !== lastEventId) {
      throw new HubError(409, 'HISTORY_MISMATCH', `this database's event at seq ${lastSeq} is not the one the hub holds for station ${stationId}: it is not that station's ledger (or it comes from another hub)`);
    }
  }
  if (lastSeq >= acked) {
    await tx.insertInto('station_takeovers').values({ station_id: stationId, at, station_last_seq: lastSeq, hub_acked_seq: acked, rewound: false, exception_id: null }).execute();
    return { ackedSeq: acked, receiptSeq, rewound: null };
  }
  if (!allowRewind) {
    throw new HubError(409, 'REWIND_REFUSED', `the hub holds station ${stationId}'s events up to seq ${acked}, and this database ends at seq ${lastSeq}: enrolling it would leave ${acked - lastSeq} events the station no longer has. Restore a newer backup, or have the hub admin confirm with a code made by \`civictill hub enrolment-code ${stationId} --allow-rewind\`; the hub keeps every event it has`);
  }
  const fromSeq = lastSeq + 1;
  const missing = await sql<{ n: number; receipts: number; first_receipt: string | null; last_receipt: string | null; total: number | null }>`
    SELECT (SELECT COUNT(*) FROM events WHERE station_id = ${stationId} AND seq >= ${fromSeq})::bigint AS n,
      COUNT(r.receipt_id)::bigint AS receipts, MIN(r.receipt_number) AS first_receipt, MAX(r.receipt_number) AS last_receipt,
      SUM(CASE WHEN v.void_id IS NULL THEN r.total_cents ELSE 0 END)::bigint AS total
    FROM events e JOIN receipts r ON r.event_id = e.event_id LEFT JOIN voids v ON v.receipt_id = r.receipt_id
    WHERE e.station_id = ${stationId} AND e.seq >= ${fromSeq}`.execute(tx);
  const m = missing.rows[0]!;
  const first = await tx.selectFrom('events').select('event_id').where('station_id', '=', stationId).where('seq', '=', fromSeq).executeTakeFirstOrThrow();
  const receiptsText = m.receipts ? `${m.receipts} receipts, ${m.first_receipt} to ${m.last_receipt}, ${dollars(m.total ?? 0)} not voided` : 'no receipts';
  const detail = `station ${stationId} was taken over at ${at} from a ledger that ends at seq ${lastSeq}: the hub keeps its events seq ${fromSeq}–${acked} `
    + `(${m.n} events; ${receiptsText}), which the station no longer has. Its drawer and close-out figures of that time are at the hub only. `
    + `The station carries on from seq ${acked + 1} and receipt number ${receiptSeq + 1}.`;
  const x = await sql<{ id: number }>`INSERT INTO exceptions (station_id, event_id, seq, kind, receipt_number, account_number, amount_cents, detail, created_at, version)
    VALUES (${stationId}, ${first.event_id}, ${fromSeq}, 'missing_at_station', NULL, NULL, ${m.receipts ? (m.total ?? 0) : null}, ${detail}, ${at}, nextval('exception_version'))
    RETURNING id`.execute(tx);
  const exceptionId = x.rows[0]!.id;
  await tx.insertInto('station_takeovers').values({ station_id: stationId, at, station_last_seq: lastSeq, hub_acked_seq: acked, rewound: true, exception_id: exceptionId }).execute();
  return { ackedSeq: acked, receiptSeq, rewound: { fromSeq, toSeq: acked, exceptionId } };
}

/** The station's highest receipt number the hub holds, from the events themselves (a receipt the hub could not read still took its number). */
async function lastReceiptSeq(tx: Tx, stationId: string): Promise<number> {
  const r = await sql<{ s: number | null }>`SELECT MAX(CASE WHEN payload::jsonb #>> '{data,seq}' ~ '^[0-9]{1,15}$' THEN (payload::jsonb #>> '{data,seq}')::bigint END) AS s
    FROM events WHERE station_id = ${stationId} AND kind = 'receipt.posted'`.execute(tx);
  return r.rows[0]?.s ?? 0;
}
