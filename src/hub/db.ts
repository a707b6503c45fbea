// The hub's database: PostgreSQL through kysely + pg when a URL is given, else PGlite embedded in a folder.
// PGlite is reached through its node-postgres adapter, so both run the very same kysely PostgresDialect.
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { hubMigrations } from '../../migrations/hub/index';
import type { HubDB } from './schema';

export interface HubDb {
  kysely: Kysely<HubDB>;
  /** Which engine answered: the benchmark and health check say it. */
  engine: 'postgresql' | 'pglite';
  close(): Promise<void>;
}

export interface HubDbOptions {
  /** postgres://… — use that server; otherwise PGlite in dataDir. */
  databaseUrl?: string | undefined;
  /** PGlite's folder (created when missing), or memory:// for a database that lives as long as the process. */
  dataDir?: string | undefined;
  /** A PGlite data-folder tarball to start from (tests: a ready-made empty hub). */
  loadDataDir?: Blob | undefined;
  /** PostgreSQL schema to keep every table in (created when missing): lets test runs share one server. */
  schema?: string | undefined;
}

const INT8 = 20, NUMERIC = 1700;

/** Whole numbers come back as numbers (cents, seqs, versions), refusing any beyond 2^53. */
function parseWhole(text: string): number | string {
  if (!/^-?\d+$/.test(text)) return text;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`whole number out of range: ${text}`);
  return n;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return parseWhole;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad schema name ${name}`);
  return `"${name}"`;
}

export async function openHubDb(opts: HubDbOptions): Promise<HubDb> {
  let pool: pg.Pool;
  let lite: PGlite | undefined;
  if (opts.databaseUrl) {
    if (opts.schema) {
      const admin = new pg.Client({ connectionString: opts.databaseUrl });
      await admin.connect();
      try { await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(opts.schema)}`); } finally { await admin.end(); }
    }
    pool = new pg.Pool({
      connectionString: opts.databaseUrl, max: 8, types,
      ...(opts.schema ? { options: `-c search_path=${quoteIdent(opts.schema)}` } : {}),
    });
  } else {
    const dir = opts.dataDir ?? '.hub-data/pglite';
    if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
    lite = await PGlite.create(dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    if (opts.schema) await lite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(opts.schema)}; SET search_path TO ${quoteIdent(opts.schema)}`);
    pool = new pg.Pool({ ...createPgConfig(lite), types } as unknown as pg.PoolConfig);
  }
  const kysely = new Kysely<HubDB>({ dialect: new PostgresDialect({ pool }) });
  const db: HubDb = {
    kysely,
    engine: lite ? 'pglite' : 'postgresql',
    async close() {
      await kysely.destroy();
      if (lite) await lite.close();
    },
  };
  try {
    await migrateHub(kysely, opts.schema);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

export const HUB_SCHEMA_VERSION = hubMigrations.length;

async function migrateHub(kysely: Kysely<HubDB>, schema: string | undefined): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => Object.fromEntries(hubMigrations) };
  const known = new Set(hubMigrations.map(([n]) => n));
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration')::text AS t`.execute(kysely);
  if (exists.rows[0]?.t) {
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(kysely);
    const unknown = applied.rows.filter((r) => !known.has(r.name));
    if (unknown.length) throw new Error(`this hub database was written by a newer CivicTill (migration ${unknown[0]!.name}); update the hub first`);
  }
  // In a schema of its own (tests, several hubs on one server), kysely's bookkeeping tables are looked for
  // there: otherwise a hub in another schema holding them makes the migrator skip creating its own.
  const { error, results } = await new Migrator({ db: kysely, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`hub migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
