// Synchronous execution of kysely-built queries on better-sqlite3, with a prepared-statement cache.
// Transactions stay synchronous (db.transaction) and are never held across an await.
import type { CompiledQuery, Compilable } from 'kysely';
import type Database from 'better-sqlite3';
import type { Sqlite } from './open';

type Param = string | number | bigint | Buffer | null;

export class Statements {
  private readonly cache = new Map<string, Database.Statement<Param[]>>();
  constructor(readonly sqlite: Sqlite) {}

  prepare(text: string) {
    let st = this.cache.get(text);
    if (!st) {
      st = this.sqlite.prepare<Param[]>(text);
      this.cache.set(text, st);
    }
    return st;
  }

  private compiled(q: Compilable | CompiledQuery): CompiledQuery {
    return 'compile' in q ? q.compile() : q;
  }

  all<T>(q: Compilable | CompiledQuery): T[] {
    const c = this.compiled(q);
    return this.prepare(c.sql).all(...(c.parameters as Param[])) as T[];
  }

  get<T>(q: Compilable | CompiledQuery): T | undefined {
    const c = this.compiled(q);
    return this.prepare(c.sql).get(...(c.parameters as Param[])) as T | undefined;
  }

  run(q: Compilable | CompiledQuery): { changes: number } {
    const c = this.compiled(q);
    return this.prepare(c.sql).run(...(c.parameters as Param[]));
  }

  /** Plain SQL with positional parameters, for hot paths and aggregates. */
  sqlAll<T>(text: string, ...params: Param[]): T[] { return this.prepare(text).all(...params) as T[]; }
  sqlGet<T>(text: string, ...params: Param[]): T | undefined { return this.prepare(text).get(...params) as T | undefined; }
  sqlRun(text: string, ...params: Param[]): { changes: number } { return this.prepare(text).run(...params); }

  /** BEGIN IMMEDIATE: the write lock is taken up front, so receipt numbers are allocated without races. */
  tx<T>(fn: () => T): T {
    return this.sqlite.transaction(fn).immediate();
  }
}
