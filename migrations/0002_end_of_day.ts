// end_of_day — filled in by its issue; frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from './script';

export const m0002_end_of_day: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE IF NOT EXISTS _placeholder_0002_end_of_day (id INTEGER PRIMARY KEY) STRICT;
`;
