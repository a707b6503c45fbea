// A hub database for a bench: on PostgreSQL when DATABASE_URL is set (in a schema of its own, dropped
// afterwards), else on PGlite in the bench's temp folder.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { openHubDb, type HubDb } from '../src/hub/db';

const DATABASE_URL = process.env.DATABASE_URL || undefined;

export async function benchHubDb(dir: string): Promise<{ db: HubDb; drop: () => Promise<void> }> {
  const schema = DATABASE_URL ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const db = await openHubDb({ databaseUrl: DATABASE_URL, dataDir: join(dir, 'pglite'), schema });
  const drop = async () => {
    await db.close();
    if (!schema) return;
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    try { await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`); } finally { await c.end(); }
  };
  return { db, drop };
}
