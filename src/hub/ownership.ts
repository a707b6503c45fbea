// Whose is an identifier a station sends (issue 10). A station speaks only for itself:
// - an id it introduces (a receipt, a session, a count…) that another station already holds is kept
//   under a hub-side key `<id>@<station>` (recorded in id_clashes), so neither station's facts are lost;
// - an id it already used itself is a duplicate: the later fact is kept in its event only;
// - an id it refers to (the session of a receipt, the receipt of a void…) must be its own, else the
//   push is refused whole with 403 FOREIGN_ID, as FOREIGN_EVENT is for the event's station.
// Nothing relies on ON CONFLICT DO NOTHING: every clash is decided here, before a row is written.
import { sql, type Transaction } from 'kysely';
import type { HubDB } from './schema';
import { HubError } from './errors';

type Tx = Transaction<HubDB>;

/** Tables with a station_id column whose key (or unique column) is an id chosen by the station. */
export type OwnedTable = 'sessions' | 'receipts' | 'voids' | 'drawer_movements' | 'closeout_counts' | 'session_closures' | 'session_reopenings'
  | 'returned_checks' | 'deposits' | 'arrangements' | 'arrangement_cancellations' | 'batches' | 'batch_items';

export type Claim = { key: string; clashWith: string | null } | { duplicate: true };

export const hubKey = (id: string, stationId: string): string => `${id}@${stationId}`;

export const foreignId = (what: string, id: string, owner: string, stationId: string): HubError =>
  new HubError(403, 'FOREIGN_ID', `${what} ${id} belongs to station ${owner}; station ${stationId} may only send its own`);

export class Ownership {
  /** Keys written by this push (not yet in the tables): `table.column:key`. */
  private readonly mine = new Set<string>();
  /** Client id → the key this push stored it under. */
  private readonly keyOf = new Map<string, string>();
  readonly clashes: HubDB['id_clashes'][] = [];
  /** Holders read ahead for a whole push (one query per table, not one per id): `table.column` → value → rows. */
  private readonly ahead = new Map<string, Map<string, { v: string; station_id: string }[]>>();

  constructor(private readonly tx: Tx, readonly stationId: string) {}

  private async query(table: OwnedTable, column: string, ids: string[]): Promise<{ v: string; station_id: string }[]> {
    const r = await sql<{ v: string; station_id: string }>`SELECT ${sql.ref(column)} AS v, station_id FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(ids)})`.execute(this.tx);
    return r.rows;
  }

  /** Reads ahead who holds these ids (and this station's hub-side keys of them), for the claims and references that follow. */
  async prefetch(table: OwnedTable, column: string, ids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(ids)].flatMap((id) => [id, hubKey(id, this.stationId)]);
    const known = this.ahead.get(`${table}.${column}`) ?? new Map<string, { v: string; station_id: string }[]>();
    this.ahead.set(`${table}.${column}`, known);
    for (let i = 0; i < wanted.length; i += 10_000) {
      const part = wanted.slice(i, i + 10_000);
      for (const v of part) if (!known.has(v)) known.set(v, []);
      for (const row of await this.query(table, column, part)) known.get(row.v)!.push(row);
    }
  }

  private async holders(table: OwnedTable, column: string, ids: string[]): Promise<{ v: string; station_id: string }[]> {
    const known = this.ahead.get(`${table}.${column}`);
    if (known && ids.every((id) => known.has(id))) return ids.flatMap((id) => known.get(id)!);
    return this.query(table, column, ids);
  }

  /** A new fact's id: the key to store it under, or a duplicate of this station's own. */
  async claim(table: OwnedTable, column: string, id: string, seq: number): Promise<Claim> {
    const own = hubKey(id, this.stationId);
    const tag = (k: string) => `${table}.${column}:${k}`;
    if (this.mine.has(tag(id)) || this.mine.has(tag(own))) return { duplicate: true };
    const rows = await this.holders(table, column, [id, own]);
    if (rows.some((r) => r.station_id === this.stationId)) return { duplicate: true };
    const held = rows.find((r) => r.v === id);
    if (!held) {
      this.mine.add(tag(id));
      return { key: id, clashWith: null };
    }
    // The hub-side key itself taken by yet another station: nothing honest sends that.
    if (rows.some((r) => r.v === own)) throw foreignId(column, own, rows.find((r) => r.v === own)!.station_id, this.stationId);
    this.mine.add(tag(own));
    this.keyOf.set(tag(id), own);
    this.clashes.push({ table_name: table, column_name: column, hub_key: own, client_id: id, station_id: this.stationId, other_station_id: held.station_id, event_seq: seq });
    return { key: own, clashWith: held.station_id };
  }

  /**
   * An id a fact refers to: the key this station's own row is stored under. Another station's row is
   * refused with FOREIGN_ID unless `foreignAllowed` (then its id is kept as is); an id nobody holds is kept as is.
   */
  async resolve(table: OwnedTable, column: string, id: string, what: string, foreignAllowed = false): Promise<string> {
    const own = hubKey(id, this.stationId);
    const tag = (k: string) => `${table}.${column}:${k}`;
    const batch = this.keyOf.get(tag(id));
    if (batch) return batch;
    if (this.mine.has(tag(id))) return id;
    const rows = await this.holders(table, column, [id, own]);
    if (rows.some((r) => r.v === own && r.station_id === this.stationId)) return own;
    if (rows.some((r) => r.v === id && r.station_id === this.stationId)) return id;
    const other = rows.find((r) => r.v === id);
    if (other && !foreignAllowed) throw foreignId(what, id, other.station_id, this.stationId);
    return id;
  }

  async flush(): Promise<void> {
    if (this.clashes.length) await this.tx.insertInto('id_clashes').values(this.clashes).execute();
  }
}

/** A receipt number names its station (`<station>-<seq>`): one naming another station is refused. */
export function checkReceiptNumber(receiptNumber: string, stationId: string): void {
  const m = /^([A-Za-z0-9_-]{1,32})-(\d{1,15})$/.exec(receiptNumber);
  if (m && m[1] === stationId) return;
  throw new HubError(403, 'FOREIGN_ID', m
    ? `receipt number ${receiptNumber} is station ${m[1]}'s; station ${stationId} may only send its own (${stationId}-NNNNNN)`
    : `receipt number ${JSON.stringify(receiptNumber)} is not one of station ${stationId}'s (${stationId}-NNNNNN)`);
}
