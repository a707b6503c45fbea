// 0006 — a print job's last error also as a message code with parameters (JSON {code, params}), so the
// UI words it in the cashier's language; last_error keeps the English text for IT. Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from './script';

export const m0006_print_messages: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
ALTER TABLE print_jobs ADD COLUMN last_error_message TEXT CHECK (last_error_message IS NULL OR json_valid(last_error_message))
`;
