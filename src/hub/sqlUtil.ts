// Multi-row inserts kept under PostgreSQL's 65,535 bind parameters per statement.
import type { Insertable, Transaction } from 'kysely';
import type { HubDB } from './schema';

export async function insertChunked<T extends keyof HubDB & string>(tx: Transaction<HubDB>, table: T, rows: Insertable<HubDB[T]>[], onConflictDoNothing = false): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(30_000 / cols));
  for (let i = 0; i < rows.length; i += size) {
    const q = tx.insertInto(table).values(rows.slice(i, i + size) as never);
    await (onConflictDoNothing ? q.onConflict((oc) => oc.doNothing()) : q).execute();
  }
}
