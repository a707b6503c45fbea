// 0001 — the hub's PostgreSQL schema (also run by PGlite). Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0001_hub: Migration = {
  up: (db) => runScript(db, DDL),
};

/** Rows of these tables are facts received from stations: never updated, never deleted. */
const APPEND_ONLY = ['events', 'receipts', 'receipt_lines', 'tenders', 'voids', 'drawer_movements', 'sessions', 'closeout_counts', 'session_closures', 'session_reopenings', 'returned_checks', 'returned_check_lines'];

const DDL = `
CREATE TABLE hub_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE admin_tokens (
  token_hash text PRIMARY KEY,
  created_at text NOT NULL
);

CREATE TABLE stations (
  station_id text PRIMARY KEY,
  name text NOT NULL DEFAULT '',
  secret_hash text,
  acked_seq bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
  enrolled_at text,
  last_push_at text
);

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  station_id text NOT NULL,
  created_at text NOT NULL,
  expires_at text NOT NULL,
  used_at text
);

CREATE TABLE events (
  station_id text NOT NULL REFERENCES stations(station_id),
  seq bigint NOT NULL CHECK (seq > 0),
  event_id uuid NOT NULL UNIQUE,
  kind text NOT NULL,
  at text NOT NULL,
  payload text NOT NULL,
  received_at text NOT NULL,
  PRIMARY KEY (station_id, seq)
);

CREATE INDEX events_kind ON events(kind);

CREATE SEQUENCE directory_version;

CREATE TABLE accounts (
  account_number text PRIMARY KEY,
  name text NOT NULL,
  service_address text NOT NULL,
  status text NOT NULL CHECK (status IN ('active','delinquent','shutoff_pending','closed','final')),
  balance_cents bigint NOT NULL,
  cash_only_until text,
  version bigint NOT NULL,
  updated_at text NOT NULL
);

CREATE INDEX accounts_version ON accounts(version);

CREATE TABLE revenue_codes (
  code text PRIMARY KEY,
  name_en text NOT NULL,
  name_es text NOT NULL,
  gl_account text NOT NULL,
  category text NOT NULL,
  requires_account boolean NOT NULL,
  active boolean NOT NULL DEFAULT true,
  sort integer NOT NULL DEFAULT 0,
  version bigint NOT NULL
);

CREATE INDEX revenue_codes_version ON revenue_codes(version);

CREATE TABLE fee_schedules (
  revenue_code text NOT NULL REFERENCES revenue_codes(code),
  effective_from text NOT NULL,
  rule text NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (revenue_code, effective_from)
);

CREATE INDEX fee_schedules_version ON fee_schedules(version);

CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('cashier','supervisor','admin')),
  pin_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL
);

CREATE INDEX users_version ON users(version);

CREATE TABLE sessions (
  session_id text PRIMARY KEY,
  station_id text NOT NULL,
  cashier_id text NOT NULL,
  business_day text NOT NULL,
  opened_at text NOT NULL,
  float_cents bigint NOT NULL
);

CREATE TABLE receipts (
  receipt_id text PRIMARY KEY,
  station_id text NOT NULL,
  seq bigint NOT NULL,
  receipt_number text NOT NULL UNIQUE,
  session_id text NOT NULL,
  cashier_id text NOT NULL,
  business_day text NOT NULL,
  created_at text NOT NULL,
  payer_name text,
  total_cents bigint NOT NULL,
  tendered_cents bigint NOT NULL,
  change_cents bigint NOT NULL,
  event_id uuid NOT NULL REFERENCES events(event_id),
  UNIQUE (station_id, seq)
);

CREATE INDEX receipts_day ON receipts(business_day, station_id, seq);

CREATE TABLE receipt_lines (
  receipt_id text NOT NULL REFERENCES receipts(receipt_id),
  line_no integer NOT NULL,
  revenue_code text NOT NULL,
  gl_account text NOT NULL,
  account_number text,
  amount_cents bigint NOT NULL,
  PRIMARY KEY (receipt_id, line_no)
);

CREATE TABLE tenders (
  receipt_id text NOT NULL REFERENCES receipts(receipt_id),
  tender_no integer NOT NULL,
  kind text NOT NULL,
  amount_cents bigint NOT NULL,
  check_routing text,
  check_account text,
  check_number text,
  card_brand text,
  card_last4 text,
  card_auth text,
  reference text,
  PRIMARY KEY (receipt_id, tender_no)
);

CREATE TABLE voids (
  void_id text PRIMARY KEY,
  receipt_id text NOT NULL UNIQUE REFERENCES receipts(receipt_id),
  station_id text NOT NULL,
  user_id text NOT NULL,
  approved_by text NOT NULL,
  reason text NOT NULL,
  at text NOT NULL
);

CREATE TABLE offline_receipts (
  receipt_id text PRIMARY KEY REFERENCES receipts(receipt_id),
  directory_as_of text
);

CREATE TABLE drawer_movements (
  id text PRIMARY KEY,
  station_id text NOT NULL,
  session_id text NOT NULL,
  kind text NOT NULL,
  amount_cents bigint NOT NULL,
  business_day text NOT NULL,
  at text NOT NULL
);

CREATE TABLE closeout_counts (
  count_id text PRIMARY KEY,
  session_id text NOT NULL,
  station_id text NOT NULL,
  business_day text NOT NULL,
  counted_at text NOT NULL,
  cash_sales_cents bigint NOT NULL,
  checks_cents bigint NOT NULL,
  money_orders_cents bigint NOT NULL,
  cards_cents bigint NOT NULL,
  other_cents bigint NOT NULL,
  over_short_cents bigint NOT NULL,
  event_seq bigint NOT NULL
);

CREATE TABLE session_closures (
  closure_id text PRIMARY KEY,
  session_id text NOT NULL,
  station_id text NOT NULL,
  business_day text NOT NULL,
  count_id text NOT NULL,
  closed_at text NOT NULL,
  event_seq bigint NOT NULL
);

CREATE INDEX session_closures_day ON session_closures(business_day);

CREATE TABLE session_reopenings (
  reopening_id text PRIMARY KEY,
  session_id text NOT NULL,
  station_id text NOT NULL,
  at text NOT NULL,
  event_seq bigint NOT NULL
);

CREATE TABLE returned_checks (
  returned_check_id text PRIMARY KEY,
  station_id text NOT NULL,
  business_day text NOT NULL,
  receipt_number text NOT NULL,
  amount_cents bigint NOT NULL,
  fee_revenue_code text,
  fee_account text,
  fee_cents bigint NOT NULL,
  cash_only_until text,
  recorded_at text NOT NULL,
  event_seq bigint NOT NULL
);

CREATE INDEX returned_checks_day ON returned_checks(business_day);

CREATE TABLE returned_check_lines (
  returned_check_id text NOT NULL REFERENCES returned_checks(returned_check_id),
  line_no integer NOT NULL,
  revenue_code text NOT NULL,
  gl_account text NOT NULL,
  account_number text,
  amount_cents bigint NOT NULL,
  PRIMARY KEY (returned_check_id, line_no)
);

CREATE SEQUENCE exception_version;

CREATE TABLE exceptions (
  id bigserial PRIMARY KEY,
  station_id text NOT NULL REFERENCES stations(station_id),
  event_id uuid NOT NULL REFERENCES events(event_id),
  seq bigint NOT NULL,
  kind text NOT NULL,
  receipt_number text,
  account_number text,
  amount_cents bigint,
  detail text NOT NULL,
  created_at text NOT NULL,
  resolved_at text,
  resolved_by text,
  note text,
  version bigint NOT NULL
);

CREATE INDEX exceptions_station_version ON exceptions(station_id, version);

CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: rows are never changed or deleted', TG_TABLE_NAME;
END $$;
` + '\n\n' + APPEND_ONLY.map((t) => `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION reject_change();`).join('\n\n');
