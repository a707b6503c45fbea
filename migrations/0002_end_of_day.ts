// 0002 — end of day: close-out counts, deposits, returned checks, closed business days.
// Frozen once released: change the schema with a new migration.
import type { Migration } from 'kysely/migration';
import { appendOnly, runScript } from './script';

export const m0002_end_of_day: Migration = {
  up: (db) => runScript(db, DDL),
};

/** Append-only tables of this migration (verify checks their triggers are still there). */
export const END_OF_DAY_APPEND_ONLY = [
  'closeout_starts', 'session_counts', 'session_count_lines', 'session_count_items', 'session_closures', 'session_reopenings',
  'deposit_sessions', 'deposit_items', 'returned_checks', 'returned_check_lines', 'business_days',
];

const DDL = `
CREATE TABLE closeout_starts (
  session_id TEXT PRIMARY KEY REFERENCES drawer_sessions(id),
  started_by TEXT NOT NULL REFERENCES users(id),
  started_at TEXT NOT NULL
) STRICT;

CREATE TABLE session_counts (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  seq INTEGER NOT NULL CHECK (seq > 0),
  counted_by TEXT NOT NULL REFERENCES users(id),
  counted_at TEXT NOT NULL,
  cash_counts TEXT NOT NULL CHECK (json_valid(cash_counts)),
  cash_cents INTEGER NOT NULL CHECK (cash_cents >= 0),
  drop_counts TEXT NOT NULL CHECK (json_valid(drop_counts)),
  drops_cents INTEGER NOT NULL CHECK (drops_cents >= 0),
  expected TEXT NOT NULL CHECK (json_valid(expected)),
  over_short_cents INTEGER NOT NULL,
  over_short_abs_cents INTEGER NOT NULL CHECK (over_short_abs_cents >= 0),
  tolerance_cents INTEGER NOT NULL CHECK (tolerance_cents >= 0),
  UNIQUE (session_id, seq)
) STRICT;

CREATE TABLE session_count_lines (
  count_id TEXT NOT NULL REFERENCES session_counts(id),
  tender TEXT NOT NULL CHECK (tender IN ('cash','check','money_order','card','other')),
  brand TEXT NOT NULL DEFAULT '',
  expected_count INTEGER,
  expected_cents INTEGER NOT NULL,
  counted_count INTEGER,
  counted_cents INTEGER NOT NULL,
  over_short_cents INTEGER NOT NULL CHECK (over_short_cents = counted_cents - expected_cents),
  PRIMARY KEY (count_id, tender, brand)
) STRICT;

CREATE TABLE session_count_items (
  count_id TEXT NOT NULL REFERENCES session_counts(id),
  item_no INTEGER NOT NULL CHECK (item_no > 0),
  status TEXT NOT NULL CHECK (status IN ('present','missing','extra')),
  kind TEXT NOT NULL CHECK (kind IN ('check','money_order','other')),
  receipt_id TEXT REFERENCES receipts(id),
  tender_no INTEGER,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  routing TEXT,
  account TEXT,
  check_number TEXT,
  reference TEXT,
  note TEXT,
  PRIMARY KEY (count_id, item_no),
  CHECK ((status = 'extra') = (receipt_id IS NULL))
) STRICT;

CREATE TABLE session_closures (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  count_id TEXT NOT NULL UNIQUE REFERENCES session_counts(id),
  closed_by TEXT NOT NULL REFERENCES users(id),
  approved_by TEXT REFERENCES users(id),
  reason TEXT,
  closed_at TEXT NOT NULL,
  CHECK ((approved_by IS NULL) = (reason IS NULL))
) STRICT;

CREATE INDEX session_closures_session ON session_closures(session_id);

CREATE TABLE session_reopenings (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  count_id TEXT NOT NULL UNIQUE REFERENCES session_counts(id),
  reopened_by TEXT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  reopened_at TEXT NOT NULL
) STRICT;

CREATE INDEX session_reopenings_session ON session_reopenings(session_id);

CREATE INDEX drawer_sessions_day ON drawer_sessions(business_day);

CREATE INDEX receipts_day_session ON receipts(business_day, session_id);

CREATE INDEX tenders_bank ON tenders(check_routing, check_account) WHERE kind = 'check';

CREATE TABLE deposits (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  bank_name TEXT NOT NULL,
  bank_routing TEXT NOT NULL,
  bank_account TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft','prepared','verified')),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  available_counts TEXT NOT NULL CHECK (json_valid(available_counts)),
  float_kept_counts TEXT NOT NULL CHECK (json_valid(float_kept_counts)),
  cash_cents INTEGER NOT NULL CHECK (cash_cents >= 0),
  checks_cents INTEGER NOT NULL CHECK (checks_cents >= 0),
  money_orders_cents INTEGER NOT NULL CHECK (money_orders_cents >= 0),
  total_cents INTEGER NOT NULL CHECK (total_cents = cash_cents + checks_cents + money_orders_cents),
  bag_number TEXT,
  prepared_by TEXT REFERENCES users(id),
  prepared_at TEXT,
  bank_confirmed_cents INTEGER CHECK (bank_confirmed_cents IS NULL OR bank_confirmed_cents >= 0),
  difference_cents INTEGER,
  verified_by TEXT REFERENCES users(id),
  verified_at TEXT,
  verify_note TEXT,
  CHECK ((state = 'draft') = (bag_number IS NULL) AND (bag_number IS NULL) = (prepared_by IS NULL) AND (prepared_by IS NULL) = (prepared_at IS NULL)),
  CHECK ((state = 'verified') = (bank_confirmed_cents IS NOT NULL) AND (bank_confirmed_cents IS NULL) = (verified_by IS NULL) AND (verified_by IS NULL) = (verified_at IS NULL)),
  CHECK ((bank_confirmed_cents IS NULL AND difference_cents IS NULL) OR difference_cents = bank_confirmed_cents - total_cents)
) STRICT;

CREATE INDEX deposits_state ON deposits(state, created_at);

CREATE TRIGGER deposits_frozen BEFORE UPDATE OF id, station_id, bank_name, bank_routing, bank_account, created_by, created_at, available_counts, checks_cents, money_orders_cents ON deposits
BEGIN SELECT RAISE(ABORT, 'a deposit keeps its sessions, bank and checks: only its float, state and bank confirmation change'); END;

CREATE TRIGGER deposits_flow BEFORE UPDATE ON deposits
WHEN NOT (
  (old.state = 'draft' AND new.state = 'draft')
  OR (old.state = 'draft' AND new.state = 'prepared' AND new.float_kept_counts IS old.float_kept_counts AND new.cash_cents IS old.cash_cents AND new.total_cents IS old.total_cents)
  OR (old.state = 'prepared' AND new.state = 'verified' AND new.float_kept_counts IS old.float_kept_counts AND new.cash_cents IS old.cash_cents AND new.total_cents IS old.total_cents
      AND new.bag_number IS old.bag_number AND new.prepared_by IS old.prepared_by AND new.prepared_at IS old.prepared_at)
)
BEGIN SELECT RAISE(ABORT, 'a deposit moves draft → prepared → verified, and its figures change only while it is a draft'); END;

CREATE TRIGGER deposits_no_delete BEFORE DELETE ON deposits
BEGIN SELECT RAISE(ABORT, 'deposits is append-only: rows are never deleted'); END;

CREATE TABLE deposit_sessions (
  deposit_id TEXT NOT NULL REFERENCES deposits(id),
  session_id TEXT NOT NULL UNIQUE REFERENCES drawer_sessions(id),
  PRIMARY KEY (deposit_id, session_id)
) STRICT;

CREATE TABLE deposit_items (
  deposit_id TEXT NOT NULL REFERENCES deposits(id),
  item_no INTEGER NOT NULL CHECK (item_no > 0),
  session_id TEXT NOT NULL REFERENCES drawer_sessions(id),
  kind TEXT NOT NULL CHECK (kind IN ('check','money_order')),
  receipt_id TEXT REFERENCES receipts(id),
  tender_no INTEGER,
  routing TEXT,
  account TEXT,
  check_number TEXT,
  reference TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  payer_name TEXT,
  PRIMARY KEY (deposit_id, item_no)
) STRICT;

CREATE INDEX deposit_items_tender ON deposit_items(receipt_id, tender_no);

CREATE TABLE returned_checks (
  id TEXT PRIMARY KEY,
  receipt_id TEXT NOT NULL,
  tender_no INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  reason TEXT NOT NULL CHECK (reason IN ('nsf','account_closed','stop_payment','refer_to_maker','unable_to_locate','other')),
  note TEXT,
  returned_on TEXT NOT NULL,
  business_day TEXT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  fee_cents INTEGER NOT NULL CHECK (fee_cents >= 0),
  fee_revenue_code TEXT REFERENCES revenue_codes(code),
  fee_account TEXT,
  cash_only_until TEXT,
  UNIQUE (receipt_id, tender_no),
  FOREIGN KEY (receipt_id, tender_no) REFERENCES tenders(receipt_id, tender_no)
) STRICT;

CREATE INDEX returned_checks_day ON returned_checks(business_day);

CREATE INDEX returned_checks_fee_account ON returned_checks(fee_account) WHERE fee_account IS NOT NULL;

CREATE TABLE returned_check_lines (
  returned_check_id TEXT NOT NULL REFERENCES returned_checks(id),
  line_no INTEGER NOT NULL,
  revenue_code TEXT NOT NULL REFERENCES revenue_codes(code),
  account_number TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  PRIMARY KEY (returned_check_id, line_no)
) STRICT;

CREATE INDEX returned_check_lines_account ON returned_check_lines(account_number) WHERE account_number IS NOT NULL;

CREATE TABLE business_days (
  day TEXT PRIMARY KEY,
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL REFERENCES users(id),
  collections_cents INTEGER NOT NULL
) STRICT;
` + '\n\n' + END_OF_DAY_APPEND_ONLY.map(appendOnly).join('\n\n');
