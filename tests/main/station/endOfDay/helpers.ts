// Helpers for the end-of-day tests: a day at the counter through the real dispatcher.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { InputOf } from '../../../../src/shared/api';
import { Station } from '../../../../src/main/station/station';
import { ROUTING, SettableClock, signedIn, uuid, type TestStation } from '../../../helpers/station';

export const SUPERVISOR = { userId: 'supervisor', pin: '2222' } as const;

/** Row counts of every table a failed call must leave alone. */
export function rowCounts(t: TestStation): Record<string, number> {
  const tables = ['journal', 'outbox', 'receipts', 'tenders', 'drawer_movements', 'closeout_starts', 'session_counts', 'session_count_lines', 'session_count_items',
    'session_closures', 'session_reopenings', 'deposits', 'deposit_sessions', 'deposit_items', 'returned_checks', 'returned_check_lines', 'cash_only_flags', 'business_days'];
  const out: Record<string, number> = {};
  for (const tb of tables) out[tb] = t.station.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM ${tb}`)!.n;
  out.sessionStates = t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM drawer_sessions WHERE state = 'closed'")!.n;
  out.depositStates = t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM deposits WHERE state <> 'draft'")!.n;
  return out;
}

/** Asserts the call fails with `code` and writes nothing. */
export async function expectRefused(t: TestStation, code: string, fn: () => Promise<{ ok: boolean; error?: { code: string } }>): Promise<void> {
  const before = rowCounts(t);
  const r = await fn();
  expect(r.ok, `expected ${code}`).toBe(false);
  expect((r as { error: { code: string } }).error.code).toBe(code);
  expect(rowCounts(t)).toEqual(before);
}

export const cash = (cents: number) => ({ kind: 'cash' as const, amountCents: cents });
export const check = (cents: number, checkNumber: string, account = '123456789') => ({ kind: 'check' as const, amountCents: cents, routing: ROUTING, account, checkNumber });

export async function pay(t: TestStation, lines: InputOf<'receipt.post'>['lines'], tenders: InputOf<'receipt.post'>['tenders'], payerName?: string) {
  return t.ok('receipt.post', { id: uuid(), lines, tenders, ...(payerName ? { payerName } : {}) });
}

/**
 * A fresh station on a copy of an already seeded database file: the same real SQLite station as
 * makeStation() without re-seeding it (property tests open one per generated day).
 */
export async function cloneStation(template: TestStation): Promise<TestStation> {
  template.station.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const dir = mkdtempSync(join(tmpdir(), 'civictill-'));
  const path = join(dir, 'station.db');
  copyFileSync(template.path, path);
  const clock = new SettableClock(new Date(template.clock.t));
  const station = await Station.open(path, clock);
  return signedIn(station, dir, path, clock);
}
