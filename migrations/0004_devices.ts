// devices — filled in by its issue; frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from './script';

export const m0004_devices: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE IF NOT EXISTS _placeholder_0004_devices (id INTEGER PRIMARY KEY) STRICT;
`;
