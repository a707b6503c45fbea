// What the Settings screen shows: the settings, the last run and the last good backup.
import type { BackupRunView, BackupStatusView } from '../../../shared/contract/backup';
import type { StationMessage } from '../../../shared/messages';
import type { BackupRunsTable } from '../../db/schema';
import type { Station } from '../station';
import type { BackupScheduler } from './scheduler';
import { getBackupSettings } from './settings';

function view(r: BackupRunsTable): BackupRunView {
  return {
    reason: r.reason, startedAt: r.started_at, finishedAt: r.finished_at, ok: r.ok === 1, file: r.file, bytes: r.bytes, verified: r.verified,
    error: r.error, errorMessage: r.error_message ? JSON.parse(r.error_message) as StationMessage : null,
  };
}

export function backupStatus(station: Station): BackupStatusView {
  const runs = station.kysely.selectFrom('backup_runs').selectAll().orderBy('id', 'desc').limit(1);
  const last = station.st.get<BackupRunsTable>(runs);
  const lastGood = last?.ok ? last : station.st.get<BackupRunsTable>(runs.where('ok', '=', 1));
  const scheduler = station.extensions.backups as BackupScheduler | undefined;
  return {
    settings: getBackupSettings(station),
    last: last ? view(last) : null,
    lastGood: lastGood ? view(lastGood) : null,
    running: scheduler?.isRunning ?? false,
    nextAt: scheduler?.nextAt ?? null,
  };
}
