// Runs backups by themselves: every N minutes, and soon after each close-out. One at a time; a failed
// one (a share that went away) is retried after a minute and shown, and never stops the till.
import type { BackupStatusView } from '../../../shared/contract/backup';
import type { Station } from '../station';
import { runBackup, type BackupOptions, type BackupReason } from './run';
import { getBackupSettings } from './settings';
import { backupStatus } from './status';

const KEY = 'backups';
const RETRY_MS = 60_000;
const AFTER_CLOSEOUT_MS = 2_000;

export interface BackupSchedulerOptions { retryMs: number; afterCloseoutMs: number; backup?: BackupOptions }

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private again: BackupReason | null = null;
  private stopped = false;
  nextAt: string | null = null;
  readonly opts: BackupSchedulerOptions;

  constructor(readonly station: Station, opts: Partial<BackupSchedulerOptions> = {}) {
    this.opts = { retryMs: RETRY_MS, afterCloseoutMs: AFTER_CLOSEOUT_MS, ...opts };
  }

  get isRunning(): boolean { return this.running !== null; }

  start(): void {
    const onCloseout = () => this.schedule(this.opts.afterCloseoutMs, 'closeout');
    this.station.events.on('session.closed', onCloseout);
    this.station.onClose(() => this.station.events.off('session.closed', onCloseout));
    this.reschedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The settings changed (or a run ended): the next interval run counts from now. */
  reschedule(lastFailed = false): void {
    const s = getBackupSettings(this.station);
    if (!s.folder) { this.clear(); return; }
    this.schedule(lastFailed ? Math.min(this.opts.retryMs, s.intervalMinutes * 60_000) : s.intervalMinutes * 60_000, 'interval');
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
  }

  private schedule(ms: number, reason: BackupReason): void {
    if (this.stopped) return;
    this.clear();
    this.nextAt = new Date(Date.now() + ms).toISOString();
    this.timer = setTimeout(() => {
      this.timer = null;
      // Never an unhandled rejection from a timer: a run records its own failures.
      if (!this.stopped) this.run(reason).catch(() => undefined);
    }, ms);
    this.timer.unref?.();
  }

  /** Runs one now (or right after the one running) and resolves with the status after it. */
  async run(reason: BackupReason): Promise<BackupStatusView> {
    if (this.running) {
      this.again = reason;
      await this.running;
      if (this.running) await this.running;
      return backupStatus(this.station);
    }
    this.clear();
    let failed = false;
    const p = (async () => {
      try {
        const r = await runBackup(this.station, reason, this.opts.backup);
        failed = !r.ok;
      } catch {
        failed = true; // runBackup records its failures; only a closed station gets here
      }
    })();
    this.running = p;
    await p;
    this.running = null;
    if (this.stopped || !this.station.db.sqlite.open) throw new Error('the station closed during the backup');
    const again = this.again;
    this.again = null;
    if (again) return this.run(again);
    this.reschedule(failed);
    this.station.publish('backup.status', backupStatus(this.station));
    return backupStatus(this.station);
  }
}

/** The station's backup scheduler (made on first use, not started). */
export function backupsOf(station: Station, opts?: Partial<BackupSchedulerOptions>): BackupScheduler {
  let s = station.extensions[KEY] as BackupScheduler | undefined;
  if (!s) {
    const made = new BackupScheduler(station, opts);
    station.extensions[KEY] = s = made;
    station.onClose(() => made.stop());
  }
  return s;
}

/** Starts automatic backups (idle until an admin sets a folder). */
export function attachBackups(station: Station, opts?: Partial<BackupSchedulerOptions>): BackupScheduler {
  const s = backupsOf(station, opts);
  s.start();
  return s;
}
