// 0014 — bill stubs and the slip station: validations and endorsements are print jobs like any other
// (print_jobs rebuilt to admit the two forms: SQLite cannot widen a CHECK in place), the stub each
// receipt line was scanned from, and the slip log (form inserted, printed, skipped, timed out, removed).
// device_settings is rebuilt the same way to admit the stub scanner. Frozen once released.
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';

export const m0014_slips: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE print_jobs_0014 (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  form TEXT NOT NULL CHECK (form IN ('receipt','void','drop','paid_out','paid_in','x_report','z_report','deposit_slip','test','validation','endorsement')),
  ref TEXT NOT NULL,
  copy INTEGER NOT NULL CHECK (copy >= 0),
  cause TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('en','es')),
  data TEXT NOT NULL CHECK (json_valid(data)),
  state TEXT NOT NULL CHECK (state IN ('queued','printing','printed','failed','cancelled')),
  waiting TEXT,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  printed_at TEXT,
  printer TEXT,
  cancelled_at TEXT,
  cancelled_by TEXT REFERENCES users(id),
  cancel_reason TEXT,
  last_error_message TEXT CHECK (last_error_message IS NULL OR json_valid(last_error_message)),
  UNIQUE (form, ref, copy)
) STRICT;

INSERT INTO print_jobs_0014(id, seq, form, ref, copy, cause, lang, data, state, waiting, attempts, last_error, created_at, created_by, printed_at, printer, cancelled_at, cancelled_by, cancel_reason, last_error_message)
  SELECT id, seq, form, ref, copy, cause, lang, data, state, waiting, attempts, last_error, created_at, created_by, printed_at, printer, cancelled_at, cancelled_by, cancel_reason, last_error_message FROM print_jobs;

DROP TABLE print_jobs;

ALTER TABLE print_jobs_0014 RENAME TO print_jobs;

CREATE INDEX print_jobs_pending ON print_jobs(state, seq) WHERE state IN ('queued','printing','failed');

CREATE TRIGGER print_jobs_final BEFORE UPDATE ON print_jobs WHEN old.state IN ('printed','cancelled')
BEGIN SELECT RAISE(ABORT, 'a printed or cancelled job is final: a reprint is a new copy'); END;

CREATE TRIGGER print_jobs_what_frozen BEFORE UPDATE OF id, seq, form, ref, copy, cause, lang, data, created_at, created_by ON print_jobs
BEGIN SELECT RAISE(ABORT, 'a print job prints what was queued: only its progress changes'); END;

CREATE TRIGGER print_jobs_no_delete BEFORE DELETE ON print_jobs
BEGIN SELECT RAISE(ABORT, 'print_jobs keeps its history: rows are never deleted'); END;

CREATE TABLE device_settings_0014 (
  device_id TEXT PRIMARY KEY CHECK (length(device_id) BETWEEN 1 AND 32),
  kind TEXT NOT NULL CHECK (kind IN ('printer','drawer','micr','tenkey','display','scanner')),
  address TEXT NOT NULL CHECK (length(address) <= 300),
  options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options) AND json_type(options) = 'object'),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  position INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
) STRICT;

INSERT INTO device_settings_0014 SELECT device_id, kind, address, options, enabled, position, updated_at, updated_by FROM device_settings;

DROP TABLE device_settings;

ALTER TABLE device_settings_0014 RENAME TO device_settings;

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
