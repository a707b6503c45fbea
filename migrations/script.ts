import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Runs a DDL script whose statements are separated by blank lines (a trigger body may hold several `;`). */
export async function runScript(db: Kysely<unknown>, ddl: string): Promise<void> {
  for (const stmt of ddl.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(stmt).execute(db);
  }
}

/** Financial rows are append-only (DOMAIN.md invariant 8): these triggers reject UPDATE and DELETE. */
export function appendOnly(table: string): string {
  return `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only: write a correcting row'); END;

CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only: rows are never deleted'); END;`;
}

/** A migration that is one DDL script, all of it or none (BEGIN IMMEDIATE: no writer can slip in between). */
export function scriptMigration(ddl: string): Migration {
  return {
    up: async (db) => {
      await sql.raw('BEGIN IMMEDIATE').execute(db);
      try {
        await runScript(db, ddl);
        await sql.raw('COMMIT').execute(db);
      } catch (e) {
        await sql.raw('ROLLBACK').execute(db);
        throw e;
      }
    },
  };
}
