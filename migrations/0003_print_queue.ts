// 0003 — the durable print queue and the drawer log. Frozen once released: change with a new migration.
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';

export const m0003_print_queue: Migration = {
  up: (db) => runScript(db, DDL),
};

// A print job is written in the same transaction as the posting that needs it, so a committed payment
// always has its receipt queued. (form, ref, copy) is unique: the original is copy 0, and only a
// person asking for a reprint makes another copy, which prints DUPLICATE.
const DDL = `
CREATE TABLE print_jobs (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  form TEXT NOT NULL CHECK (form IN ('receipt','void','drop','paid_out','paid_in','x_report','z_report','deposit_slip','test')),
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
  UNIQUE (form, ref, copy)
) STRICT;

CREATE INDEX print_jobs_pending ON print_jobs(state, seq) WHERE state IN ('queued','printing','failed');

CREATE TRIGGER print_jobs_final BEFORE UPDATE ON print_jobs WHEN old.state IN ('printed','cancelled')
BEGIN SELECT RAISE(ABORT, 'a printed or cancelled job is final: a reprint is a new copy'); END;

CREATE TRIGGER print_jobs_what_frozen BEFORE UPDATE OF id, seq, form, ref, copy, cause, lang, data, created_at, created_by ON print_jobs
BEGIN SELECT RAISE(ABORT, 'a print job prints what was queued: only its progress changes'); END;

CREATE TRIGGER print_jobs_no_delete BEFORE DELETE ON print_jobs
BEGIN SELECT RAISE(ABORT, 'print_jobs keeps its history: rows are never deleted'); END;

CREATE TABLE drawer_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('open_requested','kicked','kick_failed','opened','closed','left_open','sale_blocked')),
  user_id TEXT REFERENCES users(id),
  session_id TEXT,
  reason TEXT,
  ref TEXT,
  detail TEXT
) STRICT;

CREATE INDEX drawer_log_ref ON drawer_log(ref);
` + '\n\n' + appendOnly('drawer_log');
