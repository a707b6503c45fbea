// The sync loop: push pending outbox events, pull directory pages, fetch exceptions — then wait, or
// back off with jitter while the hub is unreachable. It never blocks the till: every database step is
// one short synchronous transaction, and every network wait happens outside them.
import type { SyncStatusView } from '../../shared/contract/sync';
import type { StationMessage } from '../../shared/messages';
import type { Station } from '../station/station';
import { applyDirectoryPage, applyExceptions } from './apply';
import { HubCertificateRefused, HubClient, HubRefused, type HubCredentials } from './client';
import { cityCaPem } from './settings';
import { announceEarlierTenderImages } from '../station/checkImages/toHub';
import { pushImages, type ImagePushOptions, type ImageProblem } from './images';
import { unconfirmedImageCount } from '../station/checkImages/toHub';
import { syncErrorMessage } from './errorMessage';
import { getNumber, getRefusal, getState, lastOutboxSeq, loadLink, openExceptionCount, pendingCount, setRefusal, setState } from './state';

/** A refusal retrying cannot change: the request itself is wrong for the hub (a timeout or rate limit is not). */
export const isPermanentRefusal = (e: HubRefused): boolean => e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429 && e.code !== 'SEQ_GAP';

export interface SyncOptions extends ImagePushOptions {
  /** Events per push (the hub takes up to 1000). */
  pushBatch: number;
  /** Directory rows per pulled page (each page is one transaction at the station). */
  pullPage: number;
  requestTimeoutMs: number;
  /** Wait between cycles when all is in sync (new outbox events wake the loop sooner). */
  idleMs: number;
  /** Wait after a new event before pushing, so a burst goes in one batch. */
  debounceMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Chance source for the jitter (tests may fix it). */
  random: () => number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  imageChunkBytes: 64 * 1024, pushBatch: 500, pullPage: 5000, requestTimeoutMs: 15_000, idleMs: 30_000, debounceMs: 250, backoffBaseMs: 1000, backoffMaxMs: 5 * 60_000, random: Math.random,
};

export class SyncLoop {
  readonly opts: SyncOptions;
  private running = false;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private online = false;
  private syncing = false;
  private lastAttemptAt: string | null = null;
  private nextAttemptAt: string | null = null;
  private lastError: string | null = null;
  private lastErrorMessage: StationMessage | null = null;
  private progress: number | null = null;
  private cycleWaiters: ((s: SyncStatusView) => void)[] = [];
  private wakeRequested = false;
  private inCycle: ((s: SyncStatusView) => void)[] = [];
  private lastStatus: SyncStatusView | null = null;
  /** Images the last cycle could not send (gone or changed on disk, or refused by the hub). */
  private imageProblems: ImageProblem[] = [];
  /** The last attempt was refused over the hub's certificate (or a plain-http address): why, and what it showed. */
  private certProblem: { problem: HubCertificateRefused['problem']; seen: string | null } | null = null;

  constructor(readonly station: Station, opts: Partial<SyncOptions> = {}) {
    this.opts = { ...DEFAULT_SYNC_OPTIONS, ...opts };
  }

  /** True when the last cycle reached the hub and nothing has failed since. */
  get isOnline(): boolean { return this.online; }

  status(): SyncStatusView {
    const st = this.station.st;
    const link = loadLink(st);
    const refused = link ? getRefusal(st) : null;
    return this.lastStatus = {
      enrolled: !!link,
      hubUrl: link?.hubUrl ?? null,
      // SYNC STOPPED stands even while a cycle pulls the directory: it never looks merely busy or offline.
      state: !link ? 'not_enrolled' : refused ? 'refused' : this.syncing ? 'syncing' : this.online ? 'online' : 'offline',
      pendingCount: pendingCount(st),
      lastSuccessAt: getState(st, 'last_success_at'),
      lastAttemptAt: this.lastAttemptAt,
      nextAttemptAt: this.nextAttemptAt,
      lastError: this.lastError,
      lastErrorMessage: this.lastErrorMessage,
      directory: { complete: getState(st, 'directory_complete') === '1', progress: this.progress, asOf: getState(st, 'directory_as_of') },
      openExceptions: openExceptionCount(st),
      images: { pending: unconfirmedImageCount(this.station), unsendable: this.imageProblems.length, problem: this.imageProblems[0] ? `${this.imageProblems[0].sha256}: ${this.imageProblems[0].why}` : null },
      refused,
      certificate: { pinned: link?.tlsPin ?? null, problem: this.certProblem?.problem ?? null, seen: this.certProblem?.seen ?? null },
    };
  }

  start(): void {
    if (this.running) return;
    // Check images posted before their event went to the hub get it now, ahead of the first push.
    announceEarlierTenderImages(this.station);
    this.running = true;
    this.stopped = false;
    this.loop = this.run().catch((e: unknown) => {
      // Only a station closing under the loop gets here; never take the till down with it.
      this.running = false;
      this.lastError = e instanceof Error ? e.message : String(e);
      this.lastErrorMessage = syncErrorMessage(e, null);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    this.wake();
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    await this.loop;
    this.loop = null;
    let status = this.lastStatus;
    try { status = this.status(); } catch { /* the station's database is already closed: the last known status */ }
    for (const w of [...this.inCycle.splice(0), ...this.cycleWaiters.splice(0)]) if (status) w(status);
  }

  /** Runs a cycle now (even while backing off) and resolves with the status after it. */
  syncNow(): Promise<SyncStatusView> {
    if (!this.running) this.start();
    const done = new Promise<SyncStatusView>((resolve) => this.cycleWaiters.push(resolve));
    this.wakeRequested = true;
    this.wake();
    return done;
  }

  /** The certificate was re-pinned by an admin: the refusal no longer stands. */
  clearCertificateProblem(): void { this.certProblem = null; }

  /** A new outbox event: push it soon, unless the hub is being left alone after failures. */
  nudge(): void {
    if (!this.running || this.failures > 0 || this.timer) return;
    this.timer = setTimeout(() => { this.timer = null; this.wakeRequested = true; this.wake(); }, this.opts.debounceMs);
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested || this.stopped) { this.wakeRequested = false; return Promise.resolve(); }
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.wakeUp = null; resolve(); }, ms);
      this.wakeUp = () => { clearTimeout(t); resolve(); };
    });
  }

  /** Exponential backoff with jitter: half fixed, half random, capped. */
  private backoff(): number {
    const cap = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** Math.min(this.failures - 1, 30));
    return Math.round(cap / 2 + this.opts.random() * (cap / 2));
  }

  private publish(): void {
    this.station.publish('sync.status', this.status());
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.wakeRequested = false;
      // Callers of syncNow() from before this cycle began get its outcome; later ones the next cycle's.
      const waiting = this.cycleWaiters.splice(0);
      this.inCycle = waiting;
      const link = loadLink(this.station.st);
      let delay = this.opts.idleMs;
      if (link) {
        this.syncing = true;
        this.lastAttemptAt = this.station.nowIso();
        this.publish();
        let client: HubClient | null = null;
        try {
          // Made per cycle: the city CA file and the pinned certificate are read afresh each time.
          client = new HubClient(link, { timeoutMs: this.opts.requestTimeoutMs, caPem: cityCaPem(this.station) });
          await this.cycle(client, link);
          if (this.stopped) break;
          this.failures = 0;
          this.online = true;
          this.lastError = null;
          this.lastErrorMessage = null;
          this.certProblem = null;
          setState(this.station.st, 'last_success_at', this.station.nowIso());
        } catch (e) {
          if (this.stopped) break; // the station is closing: its database may be gone
          this.failures++;
          this.online = false;
          this.lastError = e instanceof Error ? e.message : String(e);
          this.lastErrorMessage = syncErrorMessage(e, link.hubUrl);
          if (e instanceof HubCertificateRefused) this.certProblem = { problem: e.problem, seen: e.seen };
          // A standing refusal is not retried blindly: the next cycles only pull, at the idle pace.
          delay = getRefusal(this.station.st) ? this.opts.idleMs : this.backoff();
        } finally {
          client?.close();
          this.syncing = false;
          this.progress = null;
        }
        // Events still to send go at once, unless the hub refused them: those wait for an admin, and the
        // loop pulls at the idle pace (a zero delay here spun it, pulling and publishing without end).
        if (!this.failures && pendingCount(this.station.st) > 0 && !getRefusal(this.station.st)) delay = 0;
      }
      this.nextAttemptAt = new Date(this.station.clock.now().getTime() + delay).toISOString();
      const status = this.status();
      this.station.publish('sync.status', status);
      for (const w of waiting.splice(0)) w(status);
      if (this.stopped) break;
      await this.sleep(delay);
    }
  }

  private async cycle(client: HubClient, link: HubCredentials): Promise<void> {
    // Refused for good: the events stay in the outbox, unsent, until an admin sends them again
    // (sync.retryRefused); the directory and the exceptions still come in.
    const refused = getRefusal(this.station.st);
    if (refused && getNumber(this.station.st, 'hub_acked_seq') >= refused.seq) setRefusal(this.station.st, null);
    const drainedAt = getRefusal(this.station.st) ? this.station.nowIso() : await this.pushAll(client, link);
    await this.pullAll(client, drainedAt);
    await this.fetchExceptions(client);
    // The images go last: a day's backlog of them never holds up the directory or the exceptions.
    this.imageProblems = await pushImages(this.station, client, this.opts, () => this.stopped);
  }

  /** Pushes until nothing is pending; returns when the outbox was found drained. */
  private async pushAll(client: HubClient, link: HubCredentials): Promise<string> {
    const st = this.station.st;
    let from: number | null = null;
    for (let guard = 0; ; guard++) {
      const drainedAt = this.station.nowIso();
      const next = getNumber(st, 'hub_acked_seq') + 1;
      const start = from ?? (next <= lastOutboxSeq(st) ? next : null);
      if (start === null) return drainedAt;
      const rows = st.sqlAll<{ seq: number; payload: string }>('SELECT seq, payload FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?', start, this.opts.pushBatch);
      if (!rows.length) return drainedAt;
      // The stored text as is: the hub receives each event exactly as it was recorded.
      const body = `{"events":[${rows.map((r) => r.payload).join(',')}]}`;
      try {
        const res = await client.push(body);
        if (this.stopped) throw new Error('stopped');
        const last = rows[rows.length - 1]!.seq;
        if (res.ackedSeq < last) throw new Error(`the hub acknowledged up to seq ${res.ackedSeq} only, after seq ${last} was sent`);
        st.tx(() => {
          // Only the rows just sent can be unacknowledged (everything below was acked with hub_acked_seq).
          st.sqlRun('UPDATE outbox SET acked_at = ? WHERE seq >= ? AND seq <= ? AND acked_at IS NULL', this.station.nowIso(), rows[0]!.seq, res.ackedSeq);
          setState(st, 'hub_acked_seq', Math.max(res.ackedSeq, getNumber(st, 'hub_acked_seq')));
        });
        from = null;
        this.station.publish('sync.pushed', { ackedSeq: res.ackedSeq, stored: res.stored });
        this.publish();
      } catch (e) {
        // The hub is missing earlier events (e.g. restored from a backup): send again from where it asks.
        if (e instanceof HubRefused && e.code === 'SEQ_GAP' && e.expectedSeq !== undefined && e.expectedSeq < start && guard < 1000) {
          from = e.expectedSeq;
          continue;
        }
        if (e instanceof HubRefused && isPermanentRefusal(e)) {
          setRefusal(st, { status: e.status, code: e.code, message: e.message, seq: start, at: this.station.nowIso() });
          this.station.publish('sync.refused', { code: e.code, seq: start });
        }
        if (e instanceof HubRefused) throw new Error(`the hub refused station ${link.stationId}'s events: ${e.message}`, { cause: e });
        throw e;
      }
    }
  }

  private async pullAll(client: HubClient, asOf: string): Promise<void> {
    const st = this.station.st;
    const startCursor = getNumber(st, 'directory_cursor');
    for (;;) {
      const cursor = getNumber(st, 'directory_cursor');
      const page = await client.pull(cursor, this.opts.pullPage);
      if (this.stopped) throw new Error('stopped');
      applyDirectoryPage(this.station, page, asOf);
      if (!page.more) return;
      const span = page.latest - startCursor;
      this.progress = span > 0 ? Math.min(1, (page.cursor - startCursor) / span) : null;
      this.publish();
    }
  }

  private async fetchExceptions(client: HubClient): Promise<void> {
    const st = this.station.st;
    for (;;) {
      const cursor = getNumber(st, 'exceptions_cursor');
      const res = await client.exceptions(cursor);
      if (this.stopped) throw new Error('stopped');
      if (!res.exceptions.length) return;
      applyExceptions(this.station, res.exceptions, res.cursor);
      this.station.publish('sync.exception', { changed: res.exceptions.length, open: openExceptionCount(st) });
    }
  }
}
