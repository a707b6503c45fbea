// The static, ordered list of station migrations (no folder scan: it breaks once bundled).
// Append only; a released entry is never edited or removed.
import type { Migration } from 'kysely/migration';
import { m0001_ledger } from './0001_ledger';
import { m0002_end_of_day } from './0002_end_of_day';
import { m0003_print_queue } from './0003_print_queue';
import { m0004_devices } from './0004_devices';
import { m0005_sync } from './0005_sync';
import { m0006_print_messages } from './0006_print_messages';
import { m0007_unconfirmed_copies_float_acceptance } from './0007_unconfirmed_copies_float_acceptance';
import { m0009_backups_takeover_tls } from './0009_backups_takeover_tls';
import { m0013_arrangements } from './0013_arrangements';
import { m0014_slips } from './0014_slips';
import { m0015_no_demo_defaults } from './0015_no_demo_defaults';
import { m0017_card_terminal } from './0017_card_terminal';
import { m0018_accounting_gaps } from './0018_accounting_gaps';
import { m0019_batches } from './0019_batches';
import { m0020_check_images } from './0020_check_images';
import { m0021_image_uploads } from './0021_image_uploads';

export const stationMigrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_ledger', m0001_ledger],
  ['0002_end_of_day', m0002_end_of_day],
  ['0003_print_queue', m0003_print_queue],
  ['0004_devices', m0004_devices],
  ['0005_sync', m0005_sync],
  ['0006_print_messages', m0006_print_messages],
  ['0007_unconfirmed_copies_float_acceptance', m0007_unconfirmed_copies_float_acceptance],
  ['0009_backups_takeover_tls', m0009_backups_takeover_tls],
  ['0013_arrangements', m0013_arrangements],
  ['0014_slips', m0014_slips],
  ['0015_no_demo_defaults', m0015_no_demo_defaults],
  ['0017_card_terminal', m0017_card_terminal],
  ['0018_accounting_gaps', m0018_accounting_gaps],
  ['0019_batches', m0019_batches],
  ['0020_check_images', m0020_check_images],
  ['0021_image_uploads', m0021_image_uploads],
];
