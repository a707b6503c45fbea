// Backup settings an admin sets through the contract: the folder (created and test-written before it
// is accepted), how often, how many to keep. Kept in `settings` under one key; changes are journaled.
import { closeSync, fsyncSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { BackupSettingsView } from '../../../shared/contract/backup';
import { StationError } from '../../../shared/errors';
import type { Station } from '../station';

const KEY = 'backup';
export const DEFAULT_BACKUP_SETTINGS: BackupSettingsView = { folder: null, intervalMinutes: 15, keep: 24 };

export function getBackupSettings(station: Station): BackupSettingsView {
  const row = station.st.get<{ value: string }>(station.kysely.selectFrom('settings').select('value').where('key', '=', KEY));
  return { ...DEFAULT_BACKUP_SETTINGS, ...(row ? JSON.parse(row.value) as Partial<BackupSettingsView> : {}) };
}

/** The station's own probe file: named so that a run killed mid-probe leaves one the next run clears (run.ts). */
export const probeName = (stationId: string) => `.civictill-${stationId.replace(/[^A-Za-z0-9_-]/g, '_')}-${process.pid}.probe`;

/** Creates the folder if need be and writes (and syncs) a small file in it: the reason in words if that fails. */
export function probeFolder(folder: string, stationId: string): string | null {
  const probe = join(folder, probeName(stationId));
  try {
    mkdirSync(folder, { recursive: true });
    const fd = openSync(probe, 'w');
    try { writeSync(fd, 'civictill'); fsyncSync(fd); } finally { closeSync(fd); }
    unlinkSync(probe);
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code ? `${err.code}${err.syscall ? ` on ${err.syscall}` : ''}` : err.message;
  }
}

export function updateBackupSettings(station: Station, by: string, input: BackupSettingsView): BackupSettingsView {
  const folder = input.folder?.trim() || null;
  if (folder) {
    if (!isAbsolute(folder)) throw new StationError('BACKUP_FOLDER_UNWRITABLE', { folder, detail: 'give its full path (e.g. D:\\CivicTill-backups or /mnt/backups/civictill)' }, 'folder');
    const why = probeFolder(folder, station.stationId);
    if (why) throw new StationError('BACKUP_FOLDER_UNWRITABLE', { folder, detail: why }, 'folder');
  }
  const next: BackupSettingsView = { folder, intervalMinutes: input.intervalMinutes, keep: input.keep };
  station.commit(() => {
    const value = JSON.stringify(next);
    station.st.run(station.kysely.insertInto('settings').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
    station.record('settings.changed', 'backup', { by, changes: next }, station.nowIso(), { sync: false });
  });
  return next;
}
