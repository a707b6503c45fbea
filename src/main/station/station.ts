// The station service: one open database, its settings, signed-in users and event stream.
// Plain Node — never imports electron.
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import { openDb, type OpenedDb } from '../db/open';
import type { DB } from '../db/schema';
import { Statements } from '../db/statements';
import { loadConfig, saveConfig, type StationConfig } from './config';
import { appendJournal, appendOutbox } from './journal';
import { businessDayFor } from './businessDay';
import { canonicalJson } from '../../shared/canonical';

export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

/** A state change as recorded: journal row + outbox event, emitted to listeners after commit. */
export interface Recorded { kind: string; ref: string; payload: unknown; at: string }

export type TxListener = (st: Statements, rec: Recorded) => void;

export class Station {
  readonly st: Statements;
  readonly kysely: Kysely<DB>;
  config: StationConfig;
  /** Events for the UI (IPC `on`, SSE): emitted only after the transaction has committed. */
  readonly events = new EventEmitter();
  /** Called inside the posting transaction for every recorded change (e.g. the durable print queue). */
  readonly txListeners: TxListener[] = [];
  /** Services other modules attach (device manager, sync loop), each read through its own module's accessor. */
  readonly extensions: Record<string, unknown> = {};
  private closers: (() => void)[] = [];
  private commitsSinceCheckpoint = 0;
  private checkpointPending = false;
  private pending: Recorded[] = [];

  constructor(readonly db: OpenedDb, readonly clock: Clock = systemClock) {
    this.st = new Statements(db.sqlite);
    this.kysely = db.kysely;
    this.config = loadConfig(this.st);
    this.events.setMaxListeners(100);
    // Checkpoints run between calls (see afterCommit), never inside a posting's commit.
    if (!db.sqlite.readonly) db.sqlite.pragma('wal_autocheckpoint = 0');
  }

  /** Copies the WAL back into the database once enough has gathered, after the caller has its answer. */
  private afterCommit(): void {
    if (++this.commitsSinceCheckpoint < 64 || this.checkpointPending) return;
    this.checkpointPending = true;
    setImmediate(() => {
      this.checkpointPending = false;
      this.commitsSinceCheckpoint = 0;
      if (this.db.sqlite.open) this.db.sqlite.pragma('wal_checkpoint(PASSIVE)');
    });
  }

  static async open(path: string, clock: Clock = systemClock): Promise<Station> {
    return new Station(await openDb(path), clock);
  }

  get stationId(): string { return this.config.stationId; }

  nowIso(): string { return this.clock.now().toISOString(); }

  businessDay(at: Date = this.clock.now()): string {
    // The local date and HH:MM are the same all through a minute: one Intl formatting per minute, not per
    // call (a posting asks several times; formatToParts costs tens of microseconds each).
    const key = `${Math.floor(at.getTime() / 60_000)}|${this.config.cutoff}|${this.config.timeZone}`;
    if (this.dayCache?.key !== key) this.dayCache = { key, day: businessDayFor(at, this.config.cutoff, this.config.timeZone) };
    return this.dayCache.day;
  }

  private dayCache: { key: string; day: string } | null = null;

  updateConfig(patch: Partial<StationConfig>): void {
    saveConfig(this.st, patch);
    this.config = loadConfig(this.st);
  }

  /**
   * Runs fn in one IMMEDIATE transaction; what fn records is journaled and queued for the hub
   * in that same transaction, and emitted to listeners only once it is durable.
   */
  commit<T>(fn: () => T): T {
    this.pending = [];
    let result: T;
    try {
      result = this.st.tx(fn);
    } catch (e) {
      this.pending = [];
      throw e;
    }
    const done = this.pending;
    this.pending = [];
    this.afterCommit();
    for (const rec of done) this.publish(rec.kind, rec.payload);
    return result;
  }

  /** Sends an event to every listener: by its own name, and as '*' for transports that forward all. */
  publish(kind: string, payload: unknown): void {
    this.events.emit(kind, payload);
    this.events.emit('*', { kind, payload });
  }

  /** Journal row + outbox event for one state change; call only inside commit(). */
  record(kind: string, ref: string, payload: unknown, at: string = this.nowIso(), opts: { sync?: boolean } = {}): void {
    const text = canonicalJson(payload);
    appendJournal(this.st, kind, ref, text, at);
    if (opts.sync !== false) appendOutbox(this.st, this.stationId, kind, text, at);
    const rec = { kind, ref, payload, at };
    for (const l of this.txListeners) l(this.st, rec);
    this.pending.push(rec);
  }

  /** Runs fn when the station closes (device ports, timers). */
  onClose(fn: () => void): void { this.closers.push(fn); }

  close(): void {
    for (const fn of this.closers.splice(0)) { try { fn(); } catch { /* closing anyway */ } }
    this.db.close();
  }
}
