// The station's log file in its data folder (logs/civictill.log, rotating): devices, printing, sync,
// backups, setup, sign-ins (who, never the PIN), and every unexpected error with its stack. One JSON
// object a line. Everything goes through redact(): no PIN, token, secret or card number is written.
import { join } from 'node:path';
import { redact, scrub } from '../../../shared/redact';
import type { Station } from '../station';
import { RotatingFile } from './rotatingFile';

const KEY = 'log';
/** The kinds of station events worth a line for IT; receipts and the like are in the journal already. */
const LOGGED = /^(device|devices|print|printJob|printing|sync|backup|setup|directory|auth|user|settings|closeout|deposit|drawer\.kick|exception)\b/;

export interface StationLog {
  file: RotatingFile;
  write(level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void;
  error(where: string, e: unknown): void;
}

export function logOf(station: Station): StationLog | undefined {
  return station.extensions[KEY] as StationLog | undefined;
}

/** Logs an unexpected error with its stack (to the file when there is one, else to stderr). */
export function logError(station: Station, where: string, e: unknown): void {
  const log = logOf(station);
  if (log) log.error(where, e);
  else console.error(`[station] ${where}:`, e instanceof Error ? scrub(e.stack ?? e.message) : scrub(String(e)));
}

export function attachLog(station: Station, dir: string, opts: { maxBytes?: number; keep?: number } = {}): StationLog {
  const existing = logOf(station);
  if (existing) return existing;
  const file = new RotatingFile(join(dir, 'civictill.log'), opts.maxBytes, opts.keep);
  const log: StationLog = {
    file,
    write(level, msg, fields = {}) {
      try {
        file.write(JSON.stringify({ time: new Date().toISOString(), level, station: station.stationId, msg: scrub(msg), ...(redact(fields) as object) }));
      } catch { /* a full disk never stops the till */ }
    },
    error(where, e) {
      const err = e instanceof Error ? { message: e.message, stack: e.stack ?? '' } : { message: String(e) };
      log.write('error', `${where} failed unexpectedly`, { where, err });
    },
  };
  station.extensions[KEY] = log;
  let syncState: string | undefined;
  const onEvent = (ev: { kind: string; payload: unknown }) => {
    if (!LOGGED.test(ev.kind)) return;
    const p = ev.payload as { state?: string } | null;
    // The sync status is published after every cycle: a line only when it changes.
    if (ev.kind === 'sync.status') {
      if (p?.state === 'syncing' || p?.state === syncState) return;
      syncState = p?.state;
    }
    const level = p && typeof p === 'object' && (p.state === 'error' || p.state === 'offline') ? 'warn' : 'info';
    log.write(level, ev.kind, { data: ev.payload });
  };
  station.events.on('*', onEvent);
  station.onClose(() => { station.events.off('*', onEvent); });
  log.write('info', 'station started', { pid: process.pid, node: process.version, db: station.db.sqlite.name });
  return log;
}
