// 0005 — sync with the city hub: the link made at enrolment, cursors, the hub's exceptions as last
// fetched, and which receipts were taken while the hub could not be reached. Frozen once released.
//
// It also narrows 0001's accounts_fts_au to updates that change what the search index holds: the hub
// sends balance and status changes all day, and re-indexing a row for a new balance cost ~10× the update.
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';

export const m0005_sync: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE hub_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url TEXT NOT NULL,
  station_id TEXT NOT NULL,
  secret TEXT NOT NULL,
  enrolled_at TEXT NOT NULL
) STRICT;

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE hub_exceptions (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  receipt_number TEXT,
  account_number TEXT,
  amount_cents INTEGER,
  detail TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  note TEXT,
  version INTEGER NOT NULL,
  resolution_pending INTEGER NOT NULL DEFAULT 0 CHECK (resolution_pending IN (0,1))
) STRICT;

CREATE INDEX hub_exceptions_open ON hub_exceptions(resolved_at);

CREATE TABLE exception_resolutions (
  id TEXT PRIMARY KEY,
  exception_id INTEGER NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

DROP TRIGGER accounts_fts_au;

CREATE TRIGGER accounts_fts_au AFTER UPDATE ON accounts
WHEN old.account_number IS NOT new.account_number OR old.name IS NOT new.name OR old.service_address IS NOT new.service_address
BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, account_number, name, service_address) VALUES ('delete', old.rowid, old.account_number, old.name, old.service_address);
  INSERT INTO accounts_fts(rowid, account_number, name, service_address) VALUES (new.rowid, new.account_number, new.name, new.service_address);
END;

CREATE TABLE offline_receipts (
  receipt_id TEXT PRIMARY KEY REFERENCES receipts(id),
  directory_as_of TEXT,
  created_at TEXT NOT NULL
) STRICT;
` + '\n\n' + ['exception_resolutions', 'offline_receipts'].map(appendOnly).join('\n\n');
