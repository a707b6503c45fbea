// 0005 — a station ID taken over by a replaced PC: an enrolment code may allow the takeover to rewind
// the station's acknowledged seq (its ledger restored from an older backup), and each takeover is kept.
// Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0005_takeover: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
ALTER TABLE enrolment_codes ADD COLUMN allow_rewind boolean NOT NULL DEFAULT false

CREATE TABLE station_takeovers (
  id bigserial PRIMARY KEY,
  station_id text NOT NULL REFERENCES stations(station_id),
  at text NOT NULL,
  station_last_seq bigint NOT NULL,
  hub_acked_seq bigint NOT NULL,
  rewound boolean NOT NULL,
  exception_id bigint REFERENCES exceptions(id)
)

CREATE TRIGGER station_takeovers_append_only BEFORE UPDATE OR DELETE ON station_takeovers FOR EACH ROW EXECUTE FUNCTION reject_change()
`;
