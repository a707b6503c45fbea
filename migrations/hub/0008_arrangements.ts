// 0008 — payment arrangements received from stations (issue 14), the breaks the hub decides, and each
// arrangement's standing on the hub's own figures, versioned with the directory so stations pull it.
// Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0008_arrangements: Migration = {
  up: (db) => runScript(db, DDL),
};

/** Facts: what stations made and cancelled, and what the hub decided broke. Never changed. */
const APPEND_ONLY = ['arrangements', 'arrangement_instalments', 'arrangement_cancellations', 'arrangement_breaks'];

const DDL = `
CREATE TABLE arrangements (
  arrangement_id text PRIMARY KEY,
  station_id text NOT NULL,
  arrangement_number text NOT NULL,
  account_number text NOT NULL,
  business_day text NOT NULL,
  created_at text NOT NULL,
  total_cents bigint NOT NULL CHECK (total_cents > 0),
  down_payment_cents bigint NOT NULL CHECK (down_payment_cents >= 0),
  down_receipt_id text,
  grace_days integer NOT NULL CHECK (grace_days >= 0),
  time_zone text NOT NULL,
  record text NOT NULL,
  event_seq bigint NOT NULL
);

CREATE INDEX arrangements_account ON arrangements(account_number);

CREATE INDEX arrangements_day ON arrangements(business_day);

CREATE TABLE arrangement_instalments (
  arrangement_id text NOT NULL REFERENCES arrangements(arrangement_id),
  instalment_no integer NOT NULL CHECK (instalment_no >= 0),
  due_date text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  PRIMARY KEY (arrangement_id, instalment_no)
);

CREATE TABLE arrangement_cancellations (
  cancellation_id text PRIMARY KEY,
  arrangement_id text NOT NULL,
  station_id text NOT NULL,
  business_day text NOT NULL,
  cancelled_at text NOT NULL,
  user_id text NOT NULL,
  approved_by text NOT NULL,
  reason text NOT NULL,
  event_seq bigint NOT NULL
);

CREATE INDEX arrangement_cancellations_arrangement ON arrangement_cancellations(arrangement_id);

CREATE INDEX arrangement_cancellations_day ON arrangement_cancellations(business_day);

CREATE TABLE arrangement_breaks (
  arrangement_id text PRIMARY KEY REFERENCES arrangements(arrangement_id),
  broken_on text NOT NULL,
  instalment_no integer NOT NULL,
  due_date text NOT NULL,
  missed_cents bigint NOT NULL CHECK (missed_cents > 0),
  decided_at text NOT NULL
);

CREATE INDEX arrangement_breaks_day ON arrangement_breaks(broken_on);

CREATE TABLE arrangement_status (
  arrangement_id text PRIMARY KEY REFERENCES arrangements(arrangement_id),
  account_number text NOT NULL,
  status text NOT NULL CHECK (status IN ('active','completed','broken','cancelled')),
  paid_cents bigint NOT NULL CHECK (paid_cents >= 0),
  next_deadline text,
  version bigint NOT NULL,
  updated_at text NOT NULL
);

CREATE INDEX arrangement_status_version ON arrangement_status(version);

CREATE INDEX arrangement_status_deadline ON arrangement_status(next_deadline) WHERE status = 'active';
` + '\n\n' + APPEND_ONLY.map((t) => `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION reject_change();`).join('\n\n');
