// 0017 — card payments through the counter's payment terminal. A card attempt is written (and
// fsynced, synchronous=FULL) before the terminal is asked; what became of it is appended, never
// updated. A tender filled from the terminal names its attempt, and an attempt gives at most one
// tender (UNIQUE), so an approved charge ends as one receipt or one reversal. Frozen once released.
import type { Migration } from 'kysely/migration';
import { appendOnly, scriptMigration } from './script';


const DDL = `
CREATE TABLE card_attempts (
  id TEXT PRIMARY KEY,
  receipt_id TEXT NOT NULL,
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  cashier_id TEXT NOT NULL REFERENCES users(id),
  service_id TEXT NOT NULL UNIQUE,
  poi_id TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  sale TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX card_attempts_receipt ON card_attempts(receipt_id);

CREATE TABLE card_attempt_results (
  attempt_id TEXT NOT NULL REFERENCES card_attempts(id),
  seq INTEGER NOT NULL CHECK (seq > 0),
  state TEXT NOT NULL CHECK (state IN ('approved','declined','cancelled','failed','reversed','unknown','reversal_refused')),
  reason TEXT,
  brand TEXT,
  last4 TEXT CHECK (last4 IS NULL OR (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*')),
  auth_code TEXT,
  transaction_id TEXT,
  transaction_time TEXT,
  entry_mode TEXT,
  aid TEXT,
  app_label TEXT,
  terminal_id TEXT,
  approved_cents INTEGER CHECK (approved_cents IS NULL OR approved_cents > 0),
  offline INTEGER NOT NULL DEFAULT 0,
  signature INTEGER NOT NULL DEFAULT 0,
  user_id TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (attempt_id, seq)
) STRICT;

CREATE UNIQUE INDEX card_attempt_results_final ON card_attempt_results(attempt_id, state) WHERE state IN ('approved','declined','cancelled','failed','reversed');

ALTER TABLE tenders ADD COLUMN card_attempt_id TEXT REFERENCES card_attempts(id);

CREATE UNIQUE INDEX tenders_card_attempt ON tenders(card_attempt_id) WHERE card_attempt_id IS NOT NULL;
` + '\n\n' + appendOnly('card_attempts') + '\n\n' + appendOnly('card_attempt_results');

export const m0017_card_terminal: Migration = scriptMigration(DDL);
