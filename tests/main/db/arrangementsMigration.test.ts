// 0013 on a database already in use: the print queue is rebuilt to take the agreement form, keeping
// every job, index and trigger it had; the forms it refused before it still refuses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { stationMigrations } from '../../../migrations/index';
import { openDb } from '../../../src/main/db/open';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'civictill-mig-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const shape = (db: Database.Database) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'print_jobs' AND type IN ('index', 'trigger') ORDER BY name").all();

it('keeps the print jobs, indexes and triggers of a station migrated from 0006', async () => {
  const path = join(dir, 's.db');
  const sqlite = new Database(path);
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const before = stationMigrations.filter(([name]) => name <= '0006_print_messages');
  const r = await new Migrator({ db: kysely, provider: { getMigrations: async () => Object.fromEntries(before) } }).migrateToLatest();
  expect(r.error).toBeUndefined();
  sqlite.prepare("INSERT INTO users(id, name, role, pin_hash, created_at) VALUES ('cashier', 'Casey', 'cashier', 'h', 't')").run();
  sqlite.prepare(`INSERT INTO print_jobs(id, seq, form, ref, copy, cause, lang, data, state, created_at, created_by, last_error_message)
    VALUES ('j1', 1, 'receipt', 'r1', 0, 'receipt.posted', 'en', '{}', 'printed', 't', 'cashier', NULL)`).run();
  const triggersBefore = shape(sqlite);
  sqlite.pragma('user_version = 6');
  await kysely.destroy();

  const db = await openDb(path);
  try {
    expect(db.sqlite.prepare('SELECT id, form, state, created_by FROM print_jobs').all()).toEqual([{ id: 'j1', form: 'receipt', state: 'printed', created_by: 'cashier' }]);
    expect(shape(db.sqlite)).toEqual(triggersBefore);
    // Still final once printed, still append-only; the new form is taken, an unknown one is not.
    expect(() => db.sqlite.prepare("UPDATE print_jobs SET state = 'queued' WHERE id = 'j1'").run()).toThrow(/final/);
    expect(() => db.sqlite.prepare("DELETE FROM print_jobs WHERE id = 'j1'").run()).toThrow(/never deleted/);
    db.sqlite.prepare("INSERT INTO print_jobs(id, seq, form, ref, copy, cause, lang, data, state, created_at) VALUES ('j2', 2, 'arrangement', 'a1', 0, 'arrangement.created', 'es', '{}', 'queued', 't')").run();
    expect(() => db.sqlite.prepare("INSERT INTO print_jobs(id, seq, form, ref, copy, cause, lang, data, state, created_at) VALUES ('j3', 3, 'bogus', 'a1', 0, 'x', 'es', '{}', 'queued', 't')").run()).toThrow(/CHECK/);
    expect(db.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'print_jobs'").get()).toMatchObject({ sql: expect.stringMatching(/\)\s*STRICT$/) });
  } finally {
    db.close();
  }
});
