// 0014 — bill stubs and the slip station: validations and endorsements are print jobs like any other
// (print_jobs widened to admit the two forms, see widen.ts), the stub each
// receipt line was scanned from, and the slip log (form inserted, printed, skipped, timed out, removed).
// device_settings is widened the same way to admit the stub scanner. Frozen once released.
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';
import { widenInCheck } from './widen';

export const m0014_slips: Migration = {
  up: async (db) => {
    // One transaction: a crash in the middle leaves the database as it was.
    await sql.raw('BEGIN IMMEDIATE').execute(db);
    try {
      await widenInCheck(db, 'print_jobs', 'form', ['validation', 'endorsement']);
      await widenInCheck(db, 'device_settings', 'kind', ['scanner']);
      await runScript(db, DDL);
      await sql.raw('COMMIT').execute(db);
    } catch (e) {
      await sql.raw('ROLLBACK').execute(db);
      throw e;
    }
  },
};

const DDL = `
CREATE TABLE receipt_stubs (
  receipt_id TEXT NOT NULL REFERENCES receipts(id),
  line_no INTEGER NOT NULL,
  format_id TEXT NOT NULL,
  account_number TEXT NOT NULL,
  bill_number TEXT,
  due_date TEXT,
  amount_due_cents INTEGER NOT NULL CHECK (amount_due_cents > 0),
  stub_key TEXT NOT NULL,
  raw TEXT NOT NULL,
  PRIMARY KEY (receipt_id, line_no)
) STRICT;

CREATE INDEX receipt_stubs_key ON receipt_stubs(stub_key);

CREATE TABLE slip_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  receipt_id TEXT NOT NULL REFERENCES receipts(id),
  job_id TEXT,
  form TEXT NOT NULL CHECK (form IN ('validation','endorsement')),
  ref TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('queued','waiting_form','inserted','printed','skipped','timeout','removed','failed','requested_again','no_slip_station')),
  user_id TEXT REFERENCES users(id),
  detail TEXT
) STRICT;

CREATE INDEX slip_log_receipt ON slip_log(receipt_id);
` + '\n\n' + appendOnly('receipt_stubs') + '\n\n' + appendOnly('slip_log');
