// SQLite cannot alter a CHECK constraint: a table whose `CHECK (<column> IN (…))` must admit more values
// is rebuilt from its own current definition (read from sqlite_master, so columns added by any earlier
// migration come along), its rows copied, and its indexes and triggers made again as they were.
import { sql, type Kysely } from 'kysely';

export async function widenInCheck(db: Kysely<unknown>, table: string, column: string, values: readonly string[]): Promise<void> {
  const current = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db)).rows[0]?.sql;
  if (!current) throw new Error(`${table} does not exist`);
  const marker = `CHECK (${column} IN (`;
  // A table whose column takes any value (no list) admits these already.
  if (!current.includes(marker)) return;
  const missing = values.filter((v) => !current.includes(`'${v}'`));
  if (missing.length === 0) return;
  await rebuildTable(db, table, (sqlText) => sqlText.replace(marker, `${marker}${missing.map((v) => `'${v}',`).join('')}`));
}

/**
 * Rebuilds a table from its own current definition changed by `edit` (e.g. a column constraint dropped),
 * its rows copied, its indexes and triggers made again as they were. Run it inside the migration's
 * transaction with foreign keys deferred when other tables refer to it.
 */
export async function rebuildTable(db: Kysely<unknown>, table: string, edit: (createSql: string) => string): Promise<void> {
  const current = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db)).rows[0]?.sql;
  if (!current) throw new Error(`${table} does not exist`);
  const extras = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE tbl_name = ${table} AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db)).rows.map((r) => r.sql);
  const edited = edit(current);
  if (edited === current) throw new Error(`${table}: the edit changes nothing in its definition`);
  const rebuilt = edited.replace(new RegExp(`^CREATE TABLE "?${table}"?`), `CREATE TABLE ${table}_widened`);
  await sql.raw(rebuilt).execute(db);
  await sql.raw(`INSERT INTO ${table}_widened SELECT * FROM ${table}`).execute(db);
  await sql.raw(`DROP TABLE ${table}`).execute(db);
  await sql.raw(`ALTER TABLE ${table}_widened RENAME TO ${table}`).execute(db);
  for (const s of extras) await sql.raw(s).execute(db);
}
