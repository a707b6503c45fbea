// print_queue — filled in by its issue; frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from './script';

export const m0003_print_queue: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE IF NOT EXISTS _placeholder_0003_print_queue (id INTEGER PRIMARY KEY) STRICT;
`;
