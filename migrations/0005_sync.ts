// sync — filled in by its issue; frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from './script';

export const m0005_sync: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE IF NOT EXISTS _placeholder_0005_sync (id INTEGER PRIMARY KEY) STRICT;
`;
