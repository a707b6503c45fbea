// 0013 — the city's copy of the check images (issue 16). A station names its images in check.images
// events (check_image_refs, filled when the event is applied) and uploads each in chunks; the chunks wait
// in check_image_parts until the last arrives, then the whole image is hashed and, only if it matches its
// name, kept in check_images (append-only) and the parts dropped. Frozen once released.
//
// Chunks as rows, not `bytes = bytes || chunk`: appending to one bytea rewrites the whole value on every
// chunk (TOAST keeps no partial update), and a chunk row is written once and read once, at completion.
// The complete image is one bytea: at most 1 MiB (MAX_CHECK_IMAGE_BYTES), read whole when it is served.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0013_check_images: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE check_image_refs (
  station_id text NOT NULL,
  receipt_id text NOT NULL,
  tender_no integer NOT NULL,
  side text NOT NULL CHECK (side IN ('front', 'back')),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  event_seq bigint NOT NULL,
  PRIMARY KEY (station_id, receipt_id, tender_no, side)
)

CREATE INDEX check_image_refs_sha ON check_image_refs(sha256, station_id)

CREATE TABLE check_image_uploads (
  sha256 text PRIMARY KEY,
  station_id text NOT NULL,
  total_bytes integer NOT NULL CHECK (total_bytes > 0),
  received_bytes integer NOT NULL CHECK (received_bytes >= 0 AND received_bytes <= total_bytes),
  started_at text NOT NULL,
  updated_at text NOT NULL
)

CREATE TABLE check_image_parts (
  sha256 text NOT NULL REFERENCES check_image_uploads(sha256) ON DELETE CASCADE,
  start_byte integer NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (sha256, start_byte)
)

CREATE TABLE check_images (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea NOT NULL,
  size integer NOT NULL,
  station_id text NOT NULL,
  received_at text NOT NULL,
  chunks integer NOT NULL
)

CREATE TRIGGER check_images_append_only BEFORE UPDATE OR DELETE ON check_images FOR EACH ROW EXECUTE FUNCTION reject_change()

CREATE TRIGGER check_image_refs_append_only BEFORE UPDATE OR DELETE ON check_image_refs FOR EACH ROW EXECUTE FUNCTION reject_change()
`;
