// 0007 — two records an auditor asks for (issue 17). Frozen once released.
// print_jobs.unconfirmed: the printer never confirmed an attempt of this job (the connection dropped
// mid-job, or the station stopped while it printed), so what prints next is marked as a copy.
// deposits.float_target_cents / float_accepted_by: the float the deposit should keep back, and the
// supervisor who accepted a float that is not exactly it (no choice of the notes and coins made it).
import type { Migration } from 'kysely/migration';
import { runScript } from './script';

export const m0007_unconfirmed_copies_float_acceptance: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
ALTER TABLE print_jobs ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1))

ALTER TABLE deposits ADD COLUMN float_target_cents INTEGER CHECK (float_target_cents IS NULL OR float_target_cents >= 0)

ALTER TABLE deposits ADD COLUMN float_accepted_by TEXT REFERENCES users(id)
`;
