// 0012 — batches from stations (issue 13): mail, drop-box, lockbox and online batches, and each batch
// item's collection point and date received, for the CIS file and the GL journal. Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0012_batches: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE batches (
  session_id text PRIMARY KEY,
  station_id text NOT NULL,
  batch_number text NOT NULL,
  source text NOT NULL,
  business_day text NOT NULL,
  control_count integer NOT NULL,
  control_cents bigint NOT NULL,
  bank_deposit_cents bigint,
  event_seq bigint NOT NULL
)

CREATE TABLE batch_items (
  receipt_id text PRIMARY KEY,
  station_id text NOT NULL,
  session_id text NOT NULL,
  item_no integer NOT NULL,
  collection_point text NOT NULL,
  date_received text NOT NULL,
  postmark_date text,
  tender_detail text NOT NULL,
  source_ref text,
  event_seq bigint NOT NULL
)

CREATE INDEX batch_items_session ON batch_items(session_id)

CREATE TRIGGER batches_append_only BEFORE UPDATE OR DELETE ON batches FOR EACH ROW EXECUTE FUNCTION reject_change()

CREATE TRIGGER batch_items_append_only BEFORE UPDATE OR DELETE ON batch_items FOR EACH ROW EXECUTE FUNCTION reject_change()
`;
