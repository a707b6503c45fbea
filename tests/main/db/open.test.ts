// The database as opened: pragmas, STRICT tables, migrations, and refusal of a newer schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDb, SCHEMA_VERSION } from '../../../src/main/db/open';
import { StationError } from '../../../src/shared/errors';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'civictill-db-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('opens with WAL, synchronous=FULL, foreign keys, and every table STRICT', async () => {
  const db = await openDb(join(dir, 's.db'));
  try {
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'accounts_fts%'").all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT/);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(() => db.sqlite.prepare("INSERT INTO users(id, name, role, pin_hash, failed_attempts, created_at) VALUES ('x', 'x', 'cashier', 'h', 'many', 't')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  } finally { db.close(); }
});

it('is idempotent: a second open runs no migration again', async () => {
  const path = join(dir, 's.db');
  (await openDb(path)).close();
  const db = await openDb(path);
  const n = (db.sqlite.prepare('SELECT COUNT(*) AS n FROM kysely_migration').get() as { n: number }).n;
  db.close();
  expect(n).toBe(SCHEMA_VERSION);
});

it('refuses a database written by a newer CivicTill, and leaves it untouched', async () => {
  const path = join(dir, 's.db');
  (await openDb(path)).close();
  const raw = new Database(path);
  raw.prepare("INSERT INTO kysely_migration(name, timestamp) VALUES ('9999_from_the_future', '2030-01-01')").run();
  raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  const err = await openDb(path).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StationError);
  expect((err as StationError).code).toBe('DB_NEWER_VERSION');
  expect((err as StationError).message).toContain('Update CivicTill');
  const after = new Database(path, { readonly: true });
  expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
  after.close();
});
