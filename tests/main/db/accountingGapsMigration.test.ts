// 0018 on a database already in use: deposit_sessions is rebuilt from its own definition without
// UNIQUE(session_id) (a discarded draft frees its sessions), keeping every row and its append-only
// triggers; a session still goes into at most one deposit that is not discarded.
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

const triggers = (db: Database.Database) => db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'deposit_sessions' AND type = 'trigger' AND name NOT LIKE '%one_deposit' ORDER BY name").all();

it('keeps the deposits and their sessions of a station migrated from 0014', async () => {
  const path = join(dir, 's.db');
  const sqlite = new Database(path);
  sqlite.pragma('foreign_keys = ON');
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const before = stationMigrations.filter(([name]) => name <= '0014_slips');
  const r = await new Migrator({ db: kysely, provider: { getMigrations: async () => Object.fromEntries(before) } }).migrateToLatest();
  expect(r.error).toBeUndefined();
  sqlite.prepare("INSERT INTO users(id, name, role, pin_hash, created_at) VALUES ('sup', 'Sam', 'supervisor', 'h', 't')").run();
  for (const s of ['S1', 'S2']) {
    sqlite.prepare(`INSERT INTO drawer_sessions(id, station_id, cashier_id, state, business_day, opened_at, float_cents, float_counts, closed_at)
      VALUES (?, 'ST01', 'sup', 'closed', '2026-11-20', 't', 15000, '{}', 't')`).run(s);
  }
  sqlite.prepare(`INSERT INTO deposits(id, station_id, bank_name, bank_routing, bank_account, state, created_by, created_at, available_counts, float_kept_counts, cash_cents, checks_cents, money_orders_cents, total_cents)
    VALUES ('D1', 'ST01', 'b', '1', '2', 'draft', 'sup', 't', '{}', '{}', 0, 0, 0, 0)`).run();
  sqlite.prepare("INSERT INTO deposit_sessions(deposit_id, session_id) VALUES ('D1', 'S1'), ('D1', 'S2')").run();
  const triggersBefore = triggers(sqlite);
  expect(triggersBefore.length).toBeGreaterThan(0);
  sqlite.pragma(`user_version = ${before.length}`);
  await kysely.destroy();
  sqlite.close();

  const db = await openDb(path);
  try {
    expect(db.sqlite.prepare('SELECT deposit_id, session_id FROM deposit_sessions ORDER BY session_id').all()).toEqual([{ deposit_id: 'D1', session_id: 'S1' }, { deposit_id: 'D1', session_id: 'S2' }]);
    expect(triggers(db.sqlite)).toEqual(triggersBefore);
    expect(() => db.sqlite.prepare("DELETE FROM deposit_sessions WHERE session_id = 'S1'").run()).toThrow(/append-only|never deleted/);
    db.sqlite.prepare(`INSERT INTO deposits(id, station_id, bank_name, bank_routing, bank_account, state, created_by, created_at, available_counts, float_kept_counts, cash_cents, checks_cents, money_orders_cents, total_cents)
      VALUES ('D2', 'ST01', 'b', '1', '2', 'draft', 'sup', 't', '{}', '{}', 0, 0, 0, 0)`).run();
    // S1 is still D1's: refused. Once D1 is discarded, S1 may go into D2.
    expect(() => db.sqlite.prepare("INSERT INTO deposit_sessions(deposit_id, session_id) VALUES ('D2', 'S1')").run()).toThrow(/at most one deposit/);
    db.sqlite.prepare("INSERT INTO deposit_discards(deposit_id, discarded_by, discarded_at, reason) VALUES ('D1', 'sup', 't', 'wrong drawers')").run();
    db.sqlite.prepare("INSERT INTO deposit_sessions(deposit_id, session_id) VALUES ('D2', 'S1')").run();
    expect(() => db.sqlite.prepare("UPDATE deposits SET state = 'prepared', bag_number = 'B', prepared_by = 'sup', prepared_at = 't' WHERE id = 'D1'").run()).toThrow(/discarded deposit does not change/);
    expect(db.sqlite.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('receipts') WHERE name = 'cash_rounding_cents'").get()).toEqual({ n: 1 });
  } finally {
    db.sqlite.close();
  }
});
