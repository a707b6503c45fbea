// Writing the account directory and the revenue-code catalogue (CIS import, demo, hub pull).
import type { FeeRule } from '../../shared/fees';
import { invalidateCatalog } from './catalogCache';
import type { Station } from './station';

export interface DirectoryAccount { accountNumber: string; name: string; serviceAddress: string; status: string; balanceCents: number; cashOnlyUntil?: string | null }

/** Upserts accounts; call inside station.commit(). Returns the number written. */
export function upsertAccounts(station: Station, accounts: Iterable<DirectoryAccount>, at: string): number {
  const st = station.st.prepare(`INSERT INTO accounts(account_number, name, service_address, status, balance_cents, cash_only_until, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(account_number) DO UPDATE SET name = excluded.name, service_address = excluded.service_address, status = excluded.status,
      balance_cents = excluded.balance_cents, cash_only_until = excluded.cash_only_until, updated_at = excluded.updated_at`);
  let n = 0;
  for (const a of accounts) {
    st.run(a.accountNumber, a.name, a.serviceAddress, a.status, a.balanceCents, a.cashOnlyUntil ?? null, at);
    n++;
  }
  return n;
}

/**
 * A large load (the first full pull from the hub, a CIS import, the demo) brings many new accounts:
 * indexing each new row for search through the per-row trigger costs several times the insert itself.
 * So, inside the caller's transaction, the insert trigger is set aside, the new rows are indexed in
 * one statement, and the trigger is put back exactly as it was defined — all or nothing.
 */
export function bulkUpsertAccounts(station: Station, accounts: Iterable<DirectoryAccount>, at: string): number {
  const st = station.st;
  const trigger = st.sqlGet<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'accounts_fts_ai'")?.sql;
  if (!trigger) return upsertAccounts(station, accounts, at);
  const before = st.sqlGet<{ m: number | null }>('SELECT MAX(rowid) AS m FROM accounts')!.m ?? 0;
  st.sqlite.exec('DROP TRIGGER accounts_fts_ai');
  const n = upsertAccounts(station, accounts, at);
  // New rows take rowids past the largest (accounts are never deleted); updated rows were re-indexed by accounts_fts_au.
  st.sqlRun('INSERT INTO accounts_fts(rowid, account_number, name, service_address) SELECT rowid, account_number, name, service_address FROM accounts WHERE rowid > ?', before);
  st.sqlite.exec(trigger);
  return n;
}

export interface CatalogCode { code: string; nameEn: string; nameEs: string; gl: string; category: string; requiresAccount: boolean; schedules: { from: string; rule: FeeRule }[] }

/** Adds revenue codes and any schedule not yet present; call inside station.commit(). */
export function upsertRevenueCodes(station: Station, codes: CatalogCode[], at: string): void {
  invalidateCatalog(station);
  codes.forEach((c, i) => {
    station.st.sqlRun(`INSERT INTO revenue_codes(code, name_en, name_es, gl_account, category, requires_account, sort) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(code) DO UPDATE SET name_en = excluded.name_en, name_es = excluded.name_es, gl_account = excluded.gl_account, category = excluded.category, requires_account = excluded.requires_account`,
      c.code, c.nameEn, c.nameEs, c.gl, c.category, c.requiresAccount ? 1 : 0, i);
    for (const s of c.schedules) {
      station.st.sqlRun('INSERT INTO fee_schedules(revenue_code, effective_from, rule, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(revenue_code, effective_from) DO NOTHING',
        c.code, s.from, JSON.stringify(s.rule), at);
    }
  });
}
