// 0018 — accounting gaps (issue 15).
// - A draft deposit can be discarded (deposit_discards, append-only; the deposit row and its sessions and
//   items stay as they were) and a discarded draft frees its sessions for another deposit: deposit_sessions
//   is rebuilt from its own definition without UNIQUE(session_id), and a trigger keeps each session in at
//   most one deposit that is not discarded. Changing a draft's sessions is a discard and a new draft.
// - A bank-verified difference carries the business day it was recorded on (deposits.difference_day).
// - Cash rounding (to 5¢ where there is no cent coin): each receipt keeps what its cash was rounded by.
// Frozen once released.
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';
import { rebuildTable } from './widen';

export const m0018_accounting_gaps: Migration = {
  up: async (db) => {
    // One transaction: a crash in the middle leaves the database as it was.
    await sql.raw('BEGIN IMMEDIATE').execute(db);
    try {
      await rebuildTable(db, 'deposit_sessions', (s) => s.replace(/session_id TEXT NOT NULL UNIQUE/, 'session_id TEXT NOT NULL'));
      await runScript(db, DDL);
      await sql.raw('COMMIT').execute(db);
    } catch (e) {
      await sql.raw('ROLLBACK').execute(db);
      throw e;
    }
  },
};

/** Append-only tables of this migration (verify checks their triggers are still there). */
export const ACCOUNTING_APPEND_ONLY = ['deposit_discards'];

const DDL = `
CREATE INDEX deposit_sessions_session ON deposit_sessions(session_id);

CREATE TABLE deposit_discards (
  deposit_id TEXT PRIMARY KEY REFERENCES deposits(id),
  discarded_by TEXT NOT NULL REFERENCES users(id),
  discarded_at TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  -- The draft made in its place (written in the same transaction, just after; verify checks it exists).
  replaced_by TEXT
) STRICT;

${appendOnly('deposit_discards')}

CREATE TRIGGER deposit_discards_draft BEFORE INSERT ON deposit_discards
WHEN (SELECT state FROM deposits WHERE id = new.deposit_id) IS NOT 'draft'
BEGIN SELECT RAISE(ABORT, 'only a draft deposit can be discarded: a prepared one is in the bank bag'); END;

CREATE TRIGGER deposits_discarded_frozen BEFORE UPDATE ON deposits
WHEN EXISTS (SELECT 1 FROM deposit_discards x WHERE x.deposit_id = old.id)
BEGIN SELECT RAISE(ABORT, 'a discarded deposit does not change'); END;

CREATE TRIGGER deposit_sessions_one_deposit BEFORE INSERT ON deposit_sessions
WHEN EXISTS (SELECT 1 FROM deposit_sessions x WHERE x.session_id = new.session_id
  AND NOT EXISTS (SELECT 1 FROM deposit_discards d WHERE d.deposit_id = x.deposit_id))
BEGIN SELECT RAISE(ABORT, 'a session belongs to at most one deposit that is not discarded'); END;

ALTER TABLE deposits ADD COLUMN difference_day TEXT;

ALTER TABLE receipts ADD COLUMN cash_rounding_cents INTEGER NOT NULL DEFAULT 0 CHECK (cash_rounding_cents BETWEEN -2 AND 2);
`;
