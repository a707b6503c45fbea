// 0004 — the station's devices: which port or address each one uses. Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from './script';

export const m0004_devices: Migration = {
  up: (db) => runScript(db, DDL),
};

// Settings, not financial rows: an admin edits them (each change is journaled as 'devices.configured').
const DDL = `
CREATE TABLE device_settings (
  device_id TEXT PRIMARY KEY CHECK (length(device_id) BETWEEN 1 AND 32),
  kind TEXT NOT NULL CHECK (kind IN ('printer','drawer','micr','tenkey','display')),
  address TEXT NOT NULL CHECK (length(address) <= 300),
  options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options) AND json_type(options) = 'object'),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  position INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
) STRICT;
`;
