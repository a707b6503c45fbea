// 0011 — accounting gaps (issue 15): the hub reconciles each closed business day against its own copy of
// the events (every figure compared is kept, matching or not), a discarded draft deposit reaches it as a
// step, and a bank-verified difference carries the business day it was recorded on (the GL
// journal books it that day). Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0011_reconciliation: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
ALTER TABLE deposit_steps DROP CONSTRAINT deposit_steps_step_check;

ALTER TABLE deposit_steps ADD CONSTRAINT deposit_steps_step_check CHECK (step IN ('float_changed', 'prepared', 'verified', 'discarded'));

ALTER TABLE deposit_steps ADD COLUMN recorded_day text;

CREATE INDEX deposit_steps_recorded_day ON deposit_steps(recorded_day) WHERE recorded_day IS NOT NULL;

ALTER TABLE receipts ADD COLUMN cash_rounding_cents bigint NOT NULL DEFAULT 0;

CREATE TABLE day_reconciliations (
  station_id text NOT NULL,
  business_day text NOT NULL,
  event_seq bigint NOT NULL,
  figure text NOT NULL,
  station_value bigint NOT NULL,
  hub_value bigint NOT NULL,
  matches boolean NOT NULL,
  reconciled_at text NOT NULL,
  PRIMARY KEY (station_id, event_seq, figure)
);

CREATE INDEX day_reconciliations_day ON day_reconciliations(business_day, station_id);

CREATE TRIGGER day_reconciliations_append_only BEFORE UPDATE OR DELETE ON day_reconciliations FOR EACH ROW EXECUTE FUNCTION reject_change();
`;
