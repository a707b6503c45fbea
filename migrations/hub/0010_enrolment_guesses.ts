// 0010 — first-run enrolment with the code alone: wrong codes are counted per client address so the hub
// can limit guessing, and a spent code remembers the request that spent it, so a station whose answer
// was lost (the hub went away mid-enrolment) can ask again with the same request and get a new secret.
// Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0010_enrolment_guesses: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
ALTER TABLE enrolment_codes ADD COLUMN request_id text

CREATE TABLE enrolment_failures (
  id bigserial PRIMARY KEY,
  client text NOT NULL,
  at text NOT NULL
)

CREATE INDEX enrolment_failures_at ON enrolment_failures (at)
`;
