// 0015 — the demo city is no longer the default of every station: the code's defaults name no city and
// no bank. A database made by `civictill demo` before this kept the demo's city only through those
// defaults, so it gets them written down as its own settings; any other database is left as it is
// (it shows no city until it is set up or an admin names it). Frozen once released.
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const DEMO_CITY: Record<string, unknown> = {
  cityName: 'City of Riverton',
  cityAddress: '100 Main Street, Riverton',
  depositBank: { name: 'First Riverton Bank', routing: '121000358', account: '4400012345' },
};

export const m0015_no_demo_defaults: Migration = {
  up: async (db) => {
    const demo = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM journal WHERE kind = 'directory.seeded' AND ref = 'demo'`.execute(db);
    if (!demo.rows[0]?.n) return;
    for (const [key, value] of Object.entries(DEMO_CITY)) {
      await sql`INSERT INTO settings(key, value) VALUES (${key}, ${JSON.stringify(value)}) ON CONFLICT(key) DO NOTHING`.execute(db);
    }
  },
};
