// 0021 — check images to the hub (issue 16). image_uploads: each image a check.images outbox event names,
// with that event's seq (it is uploaded only once the hub acknowledged the event) and its size.
// image_confirmations: when the hub said it holds the whole image, its hash checked. Both only grow:
// an image's state is whether a confirmation row exists. Frozen once released.
import type { Migration } from 'kysely/migration';
import { appendOnly, scriptMigration } from './script';

const DDL = `
CREATE TABLE image_uploads (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  event_seq INTEGER NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  queued_at TEXT NOT NULL
) STRICT;

CREATE INDEX image_uploads_seq ON image_uploads(event_seq);

CREATE TABLE image_confirmations (
  sha256 TEXT PRIMARY KEY REFERENCES image_uploads(sha256),
  confirmed_at TEXT NOT NULL,
  already_had INTEGER NOT NULL CHECK (already_had IN (0, 1))
) STRICT;
` + '\n\n' + appendOnly('image_uploads') + '\n\n' + appendOnly('image_confirmations');

export const m0021_image_uploads: Migration = scriptMigration(DDL);
