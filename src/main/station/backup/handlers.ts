// Backup operations: the status for the Settings screen, the settings, and a backup now.
import type { backupContract } from '../../../shared/contract/backup';
import { StationError } from '../../../shared/errors';
import type { Handlers } from '../handlers';
import { backupsOf } from './scheduler';
import { getBackupSettings, updateBackupSettings } from './settings';
import { backupStatus } from './status';

export const backupHandlers: Handlers<keyof typeof backupContract> = {
  'backup.status': ({ station }) => backupStatus(station),
  'backup.updateSettings': ({ station, user }, i) => {
    updateBackupSettings(station, user.id, i);
    backupsOf(station).reschedule();
    return backupStatus(station);
  },
  'backup.now': ({ station }) => {
    if (!getBackupSettings(station).folder) throw new StationError('BACKUP_NOT_SET_UP', {}, 'folder');
    return backupsOf(station).run('manual');
  },
};
