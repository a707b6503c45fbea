// Backups of the station's ledger (issue 18): an online copy to a folder an admin sets (a second disk
// or a network share), every few minutes and after each close-out, each one verified before it
// replaces nothing; the last few kept.
import { z } from 'zod';
import { freeText } from '../text';
import type { StationMessage } from '../messages';
import { emptyInput, op } from './op';

export interface BackupSettingsView {
  /** Full path of the folder backups go to; null: no backups. */
  folder: string | null;
  intervalMinutes: number;
  /** How many verified backups are kept; older ones are deleted. */
  keep: number;
}

export interface BackupRunView {
  reason: 'interval' | 'closeout' | 'manual';
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  /** The backup file (when ok). */
  file: string | null;
  bytes: number | null;
  /** What `verify` said of the copy. */
  verified: string | null;
  /** Why it failed, for IT (English), and as a message for the UI to word. */
  error: string | null;
  errorMessage: StationMessage | null;
}

export interface BackupStatusView {
  settings: BackupSettingsView;
  /** The last run, good or not. */
  last: BackupRunView | null;
  /** The last good (verified) backup. */
  lastGood: BackupRunView | null;
  running: boolean;
  nextAt: string | null;
}

export const backupSettingsInput = z.object({
  folder: freeText({ min: 1, max: 500 }).nullable(),
  intervalMinutes: z.number().int().min(5, 'At least every 5 minutes.').max(24 * 60, 'At most once a day (1440 minutes).'),
  keep: z.number().int().min(1, 'Keep at least one backup.').max(1000),
}).strict();

export const backupContract = {
  'backup.status': op<BackupStatusView>()('supervisor', emptyInput),
  'backup.updateSettings': op<BackupStatusView>()('admin', backupSettingsInput),
  /** Runs a backup now and answers when it is written and verified (or failed). */
  'backup.now': op<BackupStatusView>()('admin', emptyInput),
} as const;
