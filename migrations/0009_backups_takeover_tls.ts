// 0009 — backups of the ledger, a replaced PC taking over its station ID, and the hub's pinned TLS
// certificate. Frozen once released.
//
// backup_runs describes copies of the ledger, not the ledger: it is not journaled (one row per run,
// every few minutes, would swamp the journal), and a run's row lands in the next backup.
// station_takeovers is a financial fact (it moves where receipt numbers and outbox seqs continue):
// append-only, and journaled as sync.takeover.
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';

export const m0009_backups_takeover_tls: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE backup_runs (
  id INTEGER PRIMARY KEY,
  reason TEXT NOT NULL CHECK (reason IN ('interval', 'closeout', 'manual')),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  file TEXT,
  bytes INTEGER,
  verified TEXT,
  error TEXT,
  error_message TEXT CHECK (error_message IS NULL OR json_valid(error_message))
) STRICT;

CREATE TABLE station_takeovers (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  hub_url TEXT NOT NULL,
  at TEXT NOT NULL,
  by_user TEXT,
  local_last_seq INTEGER NOT NULL CHECK (local_last_seq >= 0),
  hub_acked_seq INTEGER NOT NULL CHECK (hub_acked_seq > local_last_seq),
  local_receipt_seq INTEGER NOT NULL CHECK (local_receipt_seq >= 0),
  hub_receipt_seq INTEGER NOT NULL CHECK (hub_receipt_seq >= local_receipt_seq)
) STRICT;

ALTER TABLE hub_link ADD COLUMN tls_pin TEXT CHECK (tls_pin IS NULL OR (length(tls_pin) = 64 AND tls_pin NOT GLOB '*[^0-9a-f]*'))
` + '\n\n' + appendOnly('station_takeovers');
