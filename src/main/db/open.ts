// Opens a station database: pragmas of ARCHITECTURE.md "Data", then the static migrations.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { stationMigrations } from '../../../migrations/index';
import { StationError } from '../../shared/errors';
import type { DB } from './schema';

export type Sqlite = Database.Database;

export interface OpenedDb {
  sqlite: Sqlite;
  kysely: Kysely<DB>;
  close(): void;
}

export const SCHEMA_VERSION = stationMigrations.length;

function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the call returns (commit before print).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

/** Refuses a database written by a newer CivicTill before touching it; says whether it is up to date. */
function refuseNewer(sqlite: Sqlite): { current: boolean } {
  const found = sqlite.pragma('user_version', { simple: true }) as number;
  const known = new Set(stationMigrations.map(([name]) => name));
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='kysely_migration'").get();
  const applied = hasTable ? (sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name) : [];
  const unknown = applied.filter((name) => !known.has(name));
  if (found > SCHEMA_VERSION || unknown.length > 0) {
    throw new StationError('DB_NEWER_VERSION', { found: Math.max(found, SCHEMA_VERSION + unknown.length), known: SCHEMA_VERSION });
  }
  // Every known migration recorded (kysely records one only once it has run) and the version stamped.
  return { current: found === SCHEMA_VERSION && new Set(applied).size === known.size };
}

export async function openDb(path: string, opts: { readonly?: boolean } = {}): Promise<OpenedDb> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly: opts.readonly ?? false });
  try {
    const { current } = refuseNewer(sqlite);
    if (!opts.readonly) applyPragmas(sqlite);
    const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    // The Migrator would find nothing to do, after ~40 ms of locking and introspection at each start.
    if (!opts.readonly && !current) await migrate(kysely, sqlite);
    return { sqlite, kysely, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

async function migrate(kysely: Kysely<DB>, sqlite: Sqlite): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => Object.fromEntries(stationMigrations) };
  const { error, results } = await new Migrator({ db: kysely, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
}
