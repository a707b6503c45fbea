// The static, ordered list of hub migrations (no folder scan). Append only.
import type { Migration } from 'kysely/migration';
import { h0001_hub } from './0001_hub';

export const hubMigrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_hub', h0001_hub],
];
