// One backup of the ledger. SQLite's online backup (page by page, a few pages per turn of the event
// loop, so the till keeps answering) into a staging file beside the database; that copy is sealed
// (a single self-contained file, the hub secret wiped: a restored backup must take the station over)
// and verified off the till's thread; only then is it copied into the backup folder under a temporary
// name, read back and compared, and renamed. A crash at any point leaves every earlier backup whole.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupRunView } from '../../../shared/contract/backup';
import { msg, type StationMessage } from '../../../shared/messages';
import type { Station } from '../station';
import { getBackupSettings, probeFolder } from './settings';
import { BACKUP_IMAGES, backUpImages } from './images';
import { verifyOffThread } from './verifyOffThread';

export type BackupReason = BackupRunView['reason'];

/** Why a backup failed: the English text for IT, and the message the Settings screen words. */
class BackupFailure extends Error {
  constructor(message: string, readonly ui: StationMessage) { super(message); }
}

const safeId = (stationId: string) => stationId.replace(/[^A-Za-z0-9_-]/g, '_');
/** civictill-ST01-20261120T173000123Z.db: sorts by time; one station's backups are told apart from another's in a shared folder. */
export const backupNamePattern = (stationId: string) => new RegExp(`^civictill-${safeId(stationId)}-\\d{8}T\\d{9}Z(-\\d+)?\\.db$`);
/** What a run of this station killed half-way leaves: a partial copy, a probe file. */
const leftoverPattern = (stationId: string) => new RegExp(`^\\.civictill-${safeId(stationId)}-.*\\.(partial|probe)$`);

function stampOf(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('.', '');
}

/** The station's backups in a folder, newest first (by time written, then name). */
export function listBackups(folder: string, stationId: string): { name: string; path: string; mtimeMs: number; bytes: number }[] {
  const re = backupNamePattern(stationId);
  return readdirSync(folder).filter((n) => re.test(n)).map((name) => {
    const path = join(folder, name);
    const s = statSync(path);
    return { name, path, mtimeMs: s.mtimeMs, bytes: s.size };
  }).sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? 1 : -1));
}

/** A single file in rollback-journal mode, the hub secret overwritten (secure_delete: not left in a free page). */
function seal(path: string): void {
  // The copy carries the source's WAL flag; out of WAL it is one plain file that opens anywhere, also
  // on a share without shared memory (this runs on the local staging copy).
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('secure_delete = ON');
    db.prepare("UPDATE hub_link SET secret = ''").run();
  } finally {
    db.close();
  }
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function fsyncPath(path: string, flags: string): Promise<void> {
  const fh = await open(path, flags);
  try { await fh.sync(); } finally { await fh.close(); }
}

function folderFailure(folder: string, detail: string): BackupFailure {
  return new BackupFailure(`the backup folder ${folder} cannot be written (${detail})`, msg('backup.folderUnwritable', { folder, detail }));
}

export interface BackupOptions {
  /** Called between steps of the online copy (pages left, pages in all): the crash test uses it. */
  progress?: (remaining: number, total: number) => void;
  /** How long each part took: the online copy (and seal), verify, and writing into the folder (the bench). */
  phase?: (name: 'copy' | 'verify' | 'write', ms: number) => void;
}

/** Runs one backup and records how it went; never throws (a failure is a recorded, worded run). */
export async function runBackup(station: Station, reason: BackupReason, opts: BackupOptions = {}): Promise<BackupRunView> {
  const settings = getBackupSettings(station);
  const startedAt = station.nowIso();
  const stationId = station.stationId;
  const folder = settings.folder;
  const stagingDir = join(dirname(station.db.sqlite.name), '.civictill-backup-staging');
  const staged = join(stagingDir, `${safeId(stationId)}-${process.pid}.db`);
  let temp: string | null = null;
  let result: Omit<BackupRunView, 'reason' | 'startedAt' | 'finishedAt'>;
  try {
    if (!folder) throw new BackupFailure('no backup folder is set', msg('backup.failed', { detail: 'no backup folder is set' }));
    // What a run killed half-way left behind: never a backup, only in the way.
    try { for (const n of readdirSync(folder)) if (leftoverPattern(stationId).test(n)) rmSync(join(folder, n), { force: true }); } catch { /* probed next */ }
    const why = probeFolder(folder, stationId);
    if (why) throw folderFailure(folder, why);
    mkdirSync(stagingDir, { recursive: true });
    for (const n of readdirSync(stagingDir)) rmSync(join(stagingDir, n), { force: true });

    let t0 = performance.now();
    const lap = (name: 'copy' | 'verify' | 'write') => { const t = performance.now(); opts.phase?.(name, t - t0); t0 = t; };
    await station.db.sqlite.backup(staged, opts.progress ? { progress: ({ remainingPages, totalPages }) => { opts.progress!(remainingPages, totalPages); return 200; } } : { progress: () => 200 });
    seal(staged);
    // The images after the snapshot: the live ledger names every image the copy does, and maybe a few more.
    let images;
    try { images = await backUpImages(station, folder); } catch (e) { throw folderFailure(folder, (e as NodeJS.ErrnoException).code ?? (e as Error).message); }
    if (images.problems.length) throw new BackupFailure(`a check image cannot be backed up: ${images.problems[0]}`, msg('backup.failed', { detail: images.problems[0]! }));
    lap('copy');
    const v = await verifyOffThread(staged, { imagesDir: join(folder, BACKUP_IMAGES) });
    lap('verify');
    if (!v.ok) throw new BackupFailure(`the copy did not verify: ${v.summary}`, msg('backup.notVerified', { summary: v.summary }));

    let name = `civictill-${safeId(stationId)}-${stampOf(startedAt)}.db`;
    for (let n = 2; existsSync(join(folder, name)); n++) name = `civictill-${safeId(stationId)}-${stampOf(startedAt)}-${n}.db`;
    const final = join(folder, name);
    temp = join(folder, `.${name}.partial`);
    const want = await sha256Of(staged);
    try {
      await copyFile(staged, temp);
      await fsyncPath(temp, 'r+');
    } catch (e) {
      throw folderFailure(folder, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
    }
    // Read back from the folder (a network share): the file kept is byte for byte the verified copy.
    if (await sha256Of(temp) !== want) throw new BackupFailure(`the copy in ${folder} reads back differently from the verified one`, msg('backup.failed', { detail: 'the copy read back differently' }));
    await rename(temp, final);
    temp = null;
    lap('write');
    try { await fsyncPath(folder, 'r'); } catch { /* a folder cannot be synced on every system (Windows, some shares) */ }
    const bytes = statSync(final).size;
    // Rotation only after the new one is in place, and only this station's own backups.
    for (const old of listBackups(folder, stationId).slice(settings.keep)) rmSync(old.path, { force: true });
    result = { ok: true, file: final, bytes, verified: v.summary, error: null, errorMessage: null };
  } catch (e) {
    const f = e instanceof BackupFailure ? e : new BackupFailure(`the backup failed: ${e instanceof Error ? e.message : String(e)}`, msg('backup.failed', { detail: e instanceof Error ? e.message : String(e) }));
    if (temp) await rm(temp, { force: true }).catch(() => undefined);
    result = { ok: false, file: null, bytes: null, verified: null, error: f.message, errorMessage: f.ui };
  } finally {
    rmSync(staged, { force: true });
    rmSync(`${staged}-journal`, { force: true });
  }
  const run: BackupRunView = { reason, startedAt, finishedAt: station.nowIso(), ...result };
  recordRun(station, run);
  return run;
}

function recordRun(station: Station, run: BackupRunView): void {
  if (!station.db.sqlite.open) return;
  station.st.run(station.kysely.insertInto('backup_runs').values({
    id: null, reason: run.reason, started_at: run.startedAt, finished_at: run.finishedAt, ok: run.ok ? 1 : 0, file: run.file, bytes: run.bytes,
    verified: run.verified, error: run.error, error_message: run.errorMessage ? JSON.stringify(run.errorMessage) : null,
  }));
  station.publish('backup.run', run);
}
