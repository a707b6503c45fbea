// 0019 — batches (issue 13): payments that come without a customer at the counter (mail, drop box,
// lockbox file, online portal file). A batch is a drawer_sessions row of its own kind (no drawer, no
// float), so its receipts keep the station's gapless numbers and its close-out and deposit work like a
// drawer's. Each batch receipt records where it came from and when it was received; an imported file is
// kept by its hash, so the same file twice posts nothing twice. Frozen once released.
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';
import { widenInCheck } from './widen';

export const m0019_batches: Migration = {
  up: async (db) => {
    // One transaction: a crash in the middle leaves the database as it was.
    await sql.raw('BEGIN IMMEDIATE').execute(db);
    try {
      // The batch report is a print job like any other.
      await widenInCheck(db, 'print_jobs', 'form', ['batch_report']);
      await runScript(db, DDL);
      await sql.raw('COMMIT').execute(db);
    } catch (e) {
      await sql.raw('ROLLBACK').execute(db);
      throw e;
    }
  },
};

/** Append-only tables of this migration (verify checks their triggers are still there). */
export const BATCH_APPEND_ONLY = ['batches', 'batch_items', 'batch_files', 'batch_closures', 'batch_exceptions', 'batch_exception_resolutions'];

const DDL = `
ALTER TABLE drawer_sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'drawer' CHECK (kind IN ('drawer','batch'));

DROP INDEX one_live_session_per_station;

CREATE UNIQUE INDEX one_live_session_per_station ON drawer_sessions(station_id) WHERE state <> 'closed' AND kind = 'drawer';

CREATE TABLE batches (
  session_id TEXT PRIMARY KEY REFERENCES drawer_sessions(id),
  station_id TEXT NOT NULL,
  batch_number TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL CHECK (source IN ('mail','drop_box','lockbox','online')),
  opened_by TEXT NOT NULL REFERENCES users(id),
  opened_at TEXT NOT NULL,
  control_count INTEGER NOT NULL CHECK (control_count > 0),
  control_cents INTEGER NOT NULL CHECK (control_cents > 0),
  bank_deposit_cents INTEGER CHECK (bank_deposit_cents IS NULL OR bank_deposit_cents >= 0),
  file_id TEXT,
  note TEXT
) STRICT;

CREATE TABLE batch_files (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('lockbox','online')),
  layout_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  item_count INTEGER NOT NULL CHECK (item_count > 0),
  total_cents INTEGER NOT NULL CHECK (total_cents > 0),
  imported_by TEXT NOT NULL REFERENCES users(id),
  imported_at TEXT NOT NULL,
  UNIQUE (source, sha256)
) STRICT;

CREATE TABLE batch_items (
  receipt_id TEXT PRIMARY KEY REFERENCES receipts(id),
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  item_no INTEGER NOT NULL CHECK (item_no > 0),
  collection_point TEXT NOT NULL CHECK (collection_point IN ('mail','drop_box','lockbox','online')),
  date_received TEXT NOT NULL,
  postmark_date TEXT,
  tender_detail TEXT NOT NULL CHECK (tender_detail IN ('check','money_order','card_online','ach')),
  source_ref TEXT,
  file_line INTEGER,
  entered_by TEXT NOT NULL REFERENCES users(id),
  UNIQUE (session_id, item_no),
  CHECK (postmark_date IS NULL OR postmark_date <= date_received)
) STRICT;

CREATE UNIQUE INDEX batch_items_source_ref ON batch_items(collection_point, source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE batch_closures (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL UNIQUE REFERENCES drawer_sessions(id),
  entered_count INTEGER NOT NULL,
  entered_cents INTEGER NOT NULL,
  difference_count INTEGER NOT NULL,
  difference_cents INTEGER NOT NULL,
  closed_by TEXT NOT NULL REFERENCES users(id),
  approved_by TEXT REFERENCES users(id),
  reason TEXT,
  closed_at TEXT NOT NULL,
  CHECK ((approved_by IS NULL) = (reason IS NULL)),
  CHECK (approved_by IS NOT NULL OR (difference_count = 0 AND difference_cents = 0))
) STRICT;

CREATE TABLE batch_exceptions (
  id TEXT PRIMARY KEY,
  receipt_id TEXT NOT NULL REFERENCES receipts(id),
  line_no INTEGER NOT NULL,
  account_number TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('unknown_account','closed_account')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  raised_at TEXT NOT NULL,
  UNIQUE (receipt_id, line_no)
) STRICT;

CREATE TABLE batch_exception_resolutions (
  id TEXT PRIMARY KEY,
  exception_id TEXT NOT NULL UNIQUE REFERENCES batch_exceptions(id),
  action TEXT NOT NULL CHECK (action IN ('apply_to_account','refund')),
  account_number TEXT,
  note TEXT NOT NULL,
  resolved_by TEXT NOT NULL REFERENCES users(id),
  resolved_at TEXT NOT NULL,
  CHECK ((action = 'apply_to_account') = (account_number IS NOT NULL))
) STRICT;
` + '\n\n' + BATCH_APPEND_ONLY.map(appendOnly).join('\n\n');
