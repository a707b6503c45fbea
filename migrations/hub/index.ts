// The static, ordered list of hub migrations (no folder scan). Append only.
import type { Migration } from 'kysely/migration';
import { h0001_hub } from './0001_hub';
import { h0002_deposits } from './0002_deposits';
import { h0005_takeover } from './0005_takeover';
import { h0008_arrangements } from './0008_arrangements';
import { h0009_id_clashes } from './0009_id_clashes';
import { h0010_enrolment_guesses } from './0010_enrolment_guesses';
import { h0011_reconciliation } from './0011_reconciliation';
import { h0012_batches } from './0012_batches';
import { h0013_check_images } from './0013_check_images';

export const hubMigrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_hub', h0001_hub],
  ['0002_deposits', h0002_deposits],
  ['0005_takeover', h0005_takeover],
  ['0008_arrangements', h0008_arrangements],
  ['0009_id_clashes', h0009_id_clashes],
  ['0010_enrolment_guesses', h0010_enrolment_guesses],
  ['0011_reconciliation', h0011_reconciliation],
  ['0012_batches', h0012_batches],
  ['0013_check_images', h0013_check_images],
];
