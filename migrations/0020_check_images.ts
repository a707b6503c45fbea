// 0020 — check images (issue 16): each scan from an image check scanner (its MICR line, the SHA-256 of
// its front and back TIFFs, which live outside the database in a content-addressed folder, and what the
// quality checks found), the images of each check tender, and the image cash letters made for deposits.
// Frozen once released.
import type { Migration } from 'kysely/migration';
import { appendOnly, scriptMigration } from './script';


const DDL = `
CREATE TABLE check_scans (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  device_id TEXT NOT NULL,
  micr_raw TEXT NOT NULL,
  micr_ok INTEGER NOT NULL CHECK (micr_ok IN (0, 1)),
  front_sha256 TEXT NOT NULL CHECK (length(front_sha256) = 64),
  front_bytes INTEGER NOT NULL CHECK (front_bytes > 0),
  back_sha256 TEXT CHECK (back_sha256 IS NULL OR length(back_sha256) = 64),
  back_bytes INTEGER,
  width_px INTEGER NOT NULL,
  height_px INTEGER NOT NULL,
  dpi INTEGER NOT NULL,
  quality TEXT NOT NULL CHECK (quality IN ('ok', 'poor')),
  problems TEXT NOT NULL
) STRICT;

CREATE TABLE tender_images (
  receipt_id TEXT NOT NULL REFERENCES receipts(id),
  tender_no INTEGER NOT NULL,
  scan_id TEXT NOT NULL UNIQUE REFERENCES check_scans(id),
  front_sha256 TEXT NOT NULL,
  back_sha256 TEXT,
  paper_only INTEGER NOT NULL CHECK (paper_only IN (0, 1)),
  override_by TEXT REFERENCES users(id),
  PRIMARY KEY (receipt_id, tender_no)
) STRICT;

CREATE INDEX tender_images_front ON tender_images(front_sha256);

CREATE TABLE icl_files (
  id TEXT PRIMARY KEY,
  deposit_id TEXT NOT NULL REFERENCES deposits(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  items INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  profile TEXT NOT NULL
) STRICT;
` + '\n\n' + appendOnly('check_scans') + '\n\n' + appendOnly('tender_images') + '\n\n' + appendOnly('icl_files');

export const m0020_check_images: Migration = scriptMigration(DDL);
