// Multi-row inserts kept under PostgreSQL's 65,535 bind parameters per statement.
import type { Insertable, Transaction } from 'kysely';
import type { HubDB } from './schema';

export async function insertChunked<T extends keyof HubDB & string>(tx: Transaction<HubDB>, table: T, rows: Insertable<HubDB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(30_000 / cols));
  for (let i = 0; i < rows.length; i += size) {
    // No ON CONFLICT: clashes are decided before a row is written (ownership.ts), so none is swallowed.
    await tx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}
