// 0013 — payment arrangements (issue 14): the plan as made with its schedule, the payments applied to
// its instalments, cancellations, reprints of the agreement, the breaks the hub decided, and the hub's
// standing of every arrangement as last pulled. The print queue learns the agreement form.
// Frozen once released.
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';
import { widenInCheck } from './widen';

export const m0013_arrangements: Migration = {
  up: async (db) => {
    // One transaction: a crash in the middle leaves the database as it was (SQLite DDL is transactional,
    // the migrator does not open one for it).
    await sql.raw('BEGIN IMMEDIATE').execute(db);
    try {
      await runScript(db, DDL);
      await widenInCheck(db, 'print_jobs', 'form', ['arrangement']);
      await sql.raw('COMMIT').execute(db);
    } catch (e) {
      await sql.raw('ROLLBACK').execute(db);
      throw e;
    }
  },
};

export const ARRANGEMENT_APPEND_ONLY = ['arrangements', 'arrangement_instalments', 'arrangement_payments', 'arrangement_cancellations', 'arrangement_reprints', 'arrangement_breaks'];

const DDL = `
CREATE TABLE arrangements (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  arrangement_number TEXT NOT NULL CHECK (arrangement_number = station_id || '-PA' || printf('%05d', seq)),
  account_number TEXT NOT NULL,
  created_at TEXT NOT NULL,
  business_day TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  total_cents INTEGER NOT NULL CHECK (total_cents > 0),
  down_payment_cents INTEGER NOT NULL CHECK (down_payment_cents >= 0 AND down_payment_cents <= total_cents),
  down_receipt_id TEXT REFERENCES receipts(id),
  frequency TEXT NOT NULL CHECK (frequency IN ('weekly','biweekly','monthly')),
  instalment_count INTEGER NOT NULL CHECK (instalment_count > 0),
  first_due TEXT NOT NULL,
  grace_days INTEGER NOT NULL CHECK (grace_days >= 0),
  time_zone TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('en','es')),
  payer_name TEXT,
  terms TEXT NOT NULL,
  approved_by TEXT REFERENCES users(id),
  override_reason TEXT,
  overrides TEXT NOT NULL CHECK (json_valid(overrides)),
  CHECK ((down_payment_cents = 0) = (down_receipt_id IS NULL)),
  CHECK ((approved_by IS NULL) = (override_reason IS NULL)),
  UNIQUE (station_id, seq)
) STRICT;

CREATE INDEX arrangements_account ON arrangements(account_number);

CREATE TABLE arrangement_instalments (
  arrangement_id TEXT NOT NULL REFERENCES arrangements(id),
  instalment_no INTEGER NOT NULL CHECK (instalment_no >= 0),
  due_date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  PRIMARY KEY (arrangement_id, instalment_no)
) STRICT, WITHOUT ROWID;

-- What this station applied of a receipt to an instalment; a void takes it back with a negative row.
-- The arrangement may have been made at another station (known from the hub): no foreign key to it.
CREATE TABLE arrangement_payments (
  seq INTEGER PRIMARY KEY,
  arrangement_id TEXT NOT NULL,
  receipt_id TEXT NOT NULL REFERENCES receipts(id),
  instalment_no INTEGER NOT NULL CHECK (instalment_no >= 0),
  amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
  cause TEXT NOT NULL CHECK (cause IN ('down_payment','payment','void')),
  ref TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX arrangement_payments_arrangement ON arrangement_payments(arrangement_id, created_at);

CREATE INDEX arrangement_payments_receipt ON arrangement_payments(receipt_id);

CREATE TABLE arrangement_cancellations (
  id TEXT PRIMARY KEY,
  arrangement_id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id),
  approved_by TEXT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE arrangement_reprints (
  id TEXT PRIMARY KEY,
  arrangement_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;

-- A break is decided at the hub; the station records once that it learnt of it.
CREATE TABLE arrangement_breaks (
  arrangement_id TEXT PRIMARY KEY,
  broken_on TEXT NOT NULL,
  instalment_no INTEGER NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;

-- The hub's standing of every arrangement, as last pulled (like accounts: the hub's copy, replaced).
CREATE TABLE hub_arrangements (
  arrangement_id TEXT PRIMARY KEY,
  account_number TEXT NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record)),
  status TEXT NOT NULL CHECK (status IN ('active','completed','broken','cancelled')),
  paid_cents INTEGER NOT NULL CHECK (paid_cents >= 0),
  broken_on TEXT,
  broken_instalment INTEGER,
  cancelled TEXT CHECK (cancelled IS NULL OR json_valid(cancelled)),
  as_of TEXT NOT NULL
) STRICT;

CREATE INDEX hub_arrangements_account ON hub_arrangements(account_number);
` + '\n\n' + ARRANGEMENT_APPEND_ONLY.map(appendOnly).join('\n\n');
