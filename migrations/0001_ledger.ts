// 0001 — the station ledger. Frozen once released: change the schema with a new migration.
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';

export const m0001_ledger: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cashier','supervisor','admin')),
  pin_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE revenue_codes (
  code TEXT PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_es TEXT NOT NULL,
  gl_account TEXT NOT NULL CHECK (length(gl_account) > 0),
  category TEXT NOT NULL,
  requires_account INTEGER NOT NULL CHECK (requires_account IN (0,1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE fee_schedules (
  id INTEGER PRIMARY KEY,
  revenue_code TEXT NOT NULL REFERENCES revenue_codes(code),
  effective_from TEXT NOT NULL,
  rule TEXT NOT NULL CHECK (json_valid(rule)),
  created_at TEXT NOT NULL,
  UNIQUE (revenue_code, effective_from)
) STRICT;

CREATE TABLE accounts (
  account_number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  service_address TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','delinquent','shutoff_pending','closed','final')),
  balance_cents INTEGER NOT NULL,
  cash_only_until TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE accounts_fts USING fts5(
  account_number, name, service_address,
  content='accounts', content_rowid='rowid', tokenize='trigram'
);

CREATE TRIGGER accounts_fts_ai AFTER INSERT ON accounts BEGIN
  INSERT INTO accounts_fts(rowid, account_number, name, service_address) VALUES (new.rowid, new.account_number, new.name, new.service_address);
END;

CREATE TRIGGER accounts_fts_ad AFTER DELETE ON accounts BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, account_number, name, service_address) VALUES ('delete', old.rowid, old.account_number, old.name, old.service_address);
END;

CREATE TRIGGER accounts_fts_au AFTER UPDATE ON accounts BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, account_number, name, service_address) VALUES ('delete', old.rowid, old.account_number, old.name, old.service_address);
  INSERT INTO accounts_fts(rowid, account_number, name, service_address) VALUES (new.rowid, new.account_number, new.name, new.service_address);
END;

CREATE INDEX accounts_name ON accounts(name COLLATE NOCASE);

CREATE INDEX accounts_address ON accounts(service_address COLLATE NOCASE);

CREATE TABLE cash_only_flags (
  id TEXT PRIMARY KEY,
  account_number TEXT,
  bank_routing TEXT,
  bank_account TEXT,
  until TEXT NOT NULL,
  reason TEXT NOT NULL,
  source_ref TEXT,
  created_at TEXT NOT NULL,
  CHECK (account_number IS NOT NULL OR (bank_routing IS NOT NULL AND bank_account IS NOT NULL))
) STRICT;

CREATE INDEX cash_only_by_account ON cash_only_flags(account_number);

CREATE INDEX cash_only_by_bank ON cash_only_flags(bank_routing, bank_account);

CREATE TABLE drawer_sessions (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  cashier_id TEXT NOT NULL REFERENCES users(id),
  state TEXT NOT NULL CHECK (state IN ('open','counted','closed')),
  business_day TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  float_cents INTEGER NOT NULL CHECK (float_cents >= 0),
  float_counts TEXT NOT NULL CHECK (json_valid(float_counts)),
  closed_at TEXT
) STRICT;

CREATE UNIQUE INDEX one_live_session_per_station ON drawer_sessions(station_id) WHERE state <> 'closed';

CREATE TRIGGER drawer_sessions_frozen BEFORE UPDATE OF id, station_id, cashier_id, business_day, opened_at, float_cents, float_counts ON drawer_sessions
BEGIN SELECT RAISE(ABORT, 'a drawer session keeps its opening figures: only its state changes'); END;

CREATE TRIGGER drawer_sessions_no_delete BEFORE DELETE ON drawer_sessions
BEGIN SELECT RAISE(ABORT, 'drawer_sessions is append-only: rows are never deleted'); END;

-- Receipts, lines and tenders are WITHOUT ROWID: one B-tree fewer each, so a posting commit writes fewer pages.
CREATE TABLE receipts (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  -- Unique through (station_id, seq): the number is that pair written out, so no index of its own.
  receipt_number TEXT NOT NULL CHECK (receipt_number = station_id || '-' || printf('%06d', seq)),
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  cashier_id TEXT NOT NULL REFERENCES users(id),
  business_day TEXT NOT NULL,
  created_at TEXT NOT NULL,
  payer_name TEXT,
  total_cents INTEGER NOT NULL CHECK (total_cents > 0),
  tendered_cents INTEGER NOT NULL CHECK (tendered_cents > 0),
  change_cents INTEGER NOT NULL CHECK (change_cents >= 0),
  UNIQUE (station_id, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX receipts_session ON receipts(session_id);

CREATE INDEX receipts_day ON receipts(business_day);

CREATE TABLE receipt_lines (
  receipt_id TEXT NOT NULL REFERENCES receipts(id),
  line_no INTEGER NOT NULL,
  revenue_code TEXT NOT NULL REFERENCES revenue_codes(code),
  account_number TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  fee_inputs TEXT CHECK (fee_inputs IS NULL OR json_valid(fee_inputs)),
  description TEXT,
  PRIMARY KEY (receipt_id, line_no)
) STRICT, WITHOUT ROWID;

CREATE INDEX receipt_lines_account ON receipt_lines(account_number) WHERE account_number IS NOT NULL;

CREATE TABLE tenders (
  receipt_id TEXT NOT NULL REFERENCES receipts(id),
  tender_no INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cash','check','money_order','card','other')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  check_routing TEXT,
  check_account TEXT,
  check_number TEXT,
  micr_raw TEXT,
  card_brand TEXT,
  card_last4 TEXT CHECK (card_last4 IS NULL OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
  card_auth TEXT,
  reference TEXT,
  PRIMARY KEY (receipt_id, tender_no)
) STRICT, WITHOUT ROWID;

CREATE INDEX tenders_check ON tenders(check_number) WHERE kind = 'check';

CREATE TABLE voids (
  id TEXT PRIMARY KEY,
  receipt_id TEXT NOT NULL UNIQUE REFERENCES receipts(id),
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  approved_by TEXT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE drawer_movements (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  kind TEXT NOT NULL CHECK (kind IN ('paid_in','paid_out','drop','no_sale')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  reason TEXT,
  counts TEXT CHECK (counts IS NULL OR json_valid(counts)),
  user_id TEXT NOT NULL REFERENCES users(id),
  approved_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX drawer_movements_session ON drawer_movements(session_id);

CREATE TABLE reprints (
  id TEXT PRIMARY KEY,
  receipt_id TEXT NOT NULL REFERENCES receipts(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE journal (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;

CREATE INDEX journal_ref ON journal(ref);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  -- A random UUID made here; the hub enforces UNIQUE(event_id), so no index is spent on it per posting.
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  acked_at TEXT
) STRICT;

CREATE TRIGGER outbox_only_ack BEFORE UPDATE ON outbox
WHEN old.acked_at IS NOT NULL OR new.seq IS NOT old.seq OR new.event_id IS NOT old.event_id OR new.kind IS NOT old.kind OR new.payload IS NOT old.payload OR new.created_at IS NOT old.created_at
BEGIN SELECT RAISE(ABORT, 'an outbox event only changes from pending to acked'); END;

CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox is append-only: rows are never deleted'); END;
` + '\n\n' + ['fee_schedules', 'receipts', 'receipt_lines', 'tenders', 'voids', 'drawer_movements', 'reprints', 'journal', 'cash_only_flags'].map(appendOnly).join('\n\n');
