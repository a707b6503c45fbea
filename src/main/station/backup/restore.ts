// `civictill restore`: a station's ledger back from a backup onto a new or rebuilt PC. The backup is
// copied beside the target, migrated if it is older, and verified; only a copy that verifies replaces
// the target, which must be empty (or --force) and not in use. The hub secret never comes back: the
// restored station takes its ID over with a new enrolment code (src/main/sync/enrolment.ts). The check
// images the ledger names come back from the backup folder's check-images/ into the target's, and must
// all be there, each hashing to its name, or nothing is restored.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { lastOutboxSeqOf } from '../journal';
import { Station } from '../station';
import { namedImages } from '../checkImages/named';
import { imageFilesIn } from '../checkImages/verifyChecks';
import { imageRoot } from '../checkImages/store';
import { backupChecks, verifyLedger } from '../verify';
import { BACKUP_IMAGES, copyImages } from './images';

export class RestoreError extends Error {
  /** 2: refused (target not empty, or in use); 3: the backup does not verify or is not a ledger. */
  constructor(message: string, readonly exitCode: 2 | 3) { super(message); }
}

export interface RestoreResult { stationId: string; receipts: number; lastReceipt: string | null; lastSeq: number; verified: string; hubUrl: string | null }

/** Does the database at `path` hold anything (a user or a journal row)? Refuses one another process has open for writing. */
function inspectTarget(path: string): { hasData: boolean } {
  let db: Database.Database;
  try { db = new Database(path, { fileMustExist: true }); } catch (e) { throw new RestoreError(`${path} is not a database CivicTill can open (${(e as Error).message})`, 2); }
  try {
    db.pragma('busy_timeout = 0');
    try { db.exec('BEGIN EXCLUSIVE'); db.exec('ROLLBACK'); } catch {
      throw new RestoreError(`${path} is in use: stop CivicTill on this PC first`, 2);
    }
    const has = (table: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)
      && !!db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get();
    return { hasData: has('journal') || has('users') };
  } finally {
    db.close();
  }
}

export async function restoreLedger(from: string, target: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  if (!existsSync(from)) throw new RestoreError(`${from}: no such backup`, 3);
  if (existsSync(target) && inspectTarget(target).hasData && !opts.force) {
    throw new RestoreError(`${target} already holds a ledger: restoring would replace it. Give --force to replace it (keep a copy of it first)`, 2);
  }
  // A new PC: the data folder may not exist yet.
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.restoring-${process.pid}`;
  const cleanup = () => { for (const f of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) rmSync(f, { force: true }); };
  cleanup();
  try {
    let src: Database.Database;
    try { src = new Database(from, { readonly: true, fileMustExist: true }); } catch (e) { throw new RestoreError(`${from} cannot be read as a database (${(e as Error).message})`, 3); }
    try { await src.backup(temp); } catch (e) { throw new RestoreError(`${from} cannot be copied (${(e as Error).message})`, 3); } finally { src.close(); }
    const raw = new Database(temp);
    try {
      raw.pragma('journal_mode = DELETE');
      // A copy of a live database (not one of our backups) would still hold the hub secret.
      if (raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hub_link'").get()) raw.prepare("UPDATE hub_link SET secret = ''").run();
    } finally { raw.close(); }
    let station: Station;
    try { station = await Station.open(temp); } catch (e) { throw new RestoreError(`${from} is not a CivicTill ledger (${(e as Error).message})`, 3); }
    let result: RestoreResult;
    try {
      // The temporary copy sits beside the target: its image folder is the target's.
      const images = await copyImages(namedImages(station), join(dirname(from), BACKUP_IMAGES), imageRoot(station));
      if (images.problems.length) throw new RestoreError(`${from}: ${images.problems[0]}, so nothing was restored (${images.problems.length} image(s) in all)`, 3);
      const report = verifyLedger(station, [...backupChecks, imageFilesIn(imageRoot(station))]);
      if (!report.ok) throw new RestoreError(`${from} does not verify, so nothing was restored: ${report.summary}`, 3);
      const last = station.st.get<{ receipt_number: string }>(station.kysely.selectFrom('receipts').select('receipt_number').orderBy('seq', 'desc').limit(1));
      const n = station.st.get<{ n: number }>(station.kysely.selectFrom('receipts').select((eb) => eb.fn.countAll<number>().as('n')))!.n;
      const hub = station.st.get<{ hub_url: string }>(station.kysely.selectFrom('hub_link').select('hub_url'));
      result = { stationId: station.stationId, receipts: n, lastReceipt: last?.receipt_number ?? null, lastSeq: lastOutboxSeqOf(station.st), verified: report.summary, hubUrl: hub?.hub_url ?? null };
    } finally {
      station.close();
    }
    // The target's own WAL would be replayed over the restored file: it goes first.
    for (const f of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(f, { force: true });
    renameSync(temp, target);
    return result;
  } finally {
    cleanup();
  }
}
