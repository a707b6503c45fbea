// The static, ordered list of station migrations (no folder scan: it breaks once bundled).
// Append only; a released entry is never edited or removed.
import type { Migration } from 'kysely/migration';
import { m0001_ledger } from './0001_ledger';

export const stationMigrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_ledger', m0001_ledger],
];
