// 0002 — deposits and closed business days received from stations. Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0002_deposits: Migration = {
  up: (db) => runScript(db, DDL),
};

/** Facts received from stations: a deposit's later steps are rows of their own, never updates. */
const APPEND_ONLY = ['deposits', 'deposit_days', 'deposit_steps', 'business_day_closures'];

const DDL = `
CREATE TABLE deposits (
  deposit_id text PRIMARY KEY,
  station_id text NOT NULL,
  bank_name text NOT NULL,
  bank_routing text NOT NULL,
  bank_account text NOT NULL,
  session_count integer NOT NULL,
  cash_cents bigint NOT NULL,
  checks_cents bigint NOT NULL,
  money_orders_cents bigint NOT NULL,
  total_cents bigint NOT NULL,
  item_count integer NOT NULL,
  created_by text NOT NULL,
  created_at text NOT NULL,
  event_seq bigint NOT NULL
);

CREATE TABLE deposit_days (
  deposit_id text NOT NULL REFERENCES deposits(deposit_id),
  business_day text NOT NULL,
  PRIMARY KEY (deposit_id, business_day)
);

CREATE INDEX deposit_days_day ON deposit_days(business_day);

CREATE TABLE deposit_steps (
  station_id text NOT NULL,
  event_seq bigint NOT NULL,
  deposit_id text NOT NULL,
  step text NOT NULL CHECK (step IN ('float_changed', 'prepared', 'verified')),
  at text NOT NULL,
  by_user text NOT NULL,
  cash_cents bigint,
  total_cents bigint NOT NULL,
  bag_number text,
  bank_confirmed_cents bigint,
  difference_cents bigint,
  note text,
  PRIMARY KEY (station_id, event_seq)
);

CREATE INDEX deposit_steps_deposit ON deposit_steps(deposit_id, event_seq);

CREATE TABLE business_day_closures (
  station_id text NOT NULL,
  business_day text NOT NULL,
  closed_at text NOT NULL,
  closed_by text NOT NULL,
  receipts integer NOT NULL,
  collections_cents bigint NOT NULL,
  closeouts_cents bigint NOT NULL,
  over_short_cents bigint NOT NULL,
  returned_checks integer NOT NULL,
  returned_checks_cents bigint NOT NULL,
  returned_fees_cents bigint NOT NULL,
  net_cents bigint NOT NULL,
  event_seq bigint NOT NULL,
  PRIMARY KEY (station_id, business_day)
);
` + '\n\n' + APPEND_ONLY.map((t) => `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION reject_change();`).join('\n\n');
