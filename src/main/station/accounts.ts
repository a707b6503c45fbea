// The account directory: type-ahead search by number, name or service address, and balances.
import type { AccountStatus } from '../../shared/domain';
import { StationError } from '../../shared/errors';
import type { AccountView } from '../../shared/views';
import type { AccountsTable } from '../db/schema';
import type { Station } from './station';
import { hasAny } from './arrangements/standing';
import { arrangementSummary } from './arrangements/view';

type AccountRow = AccountsTable & { paid_since: number };

// Payments this station took on the account since the directory row was last refreshed, less the
// payments reversed by returned checks and the returned-check fees charged since.
const WITH_PAID = `a.*, COALESCE((SELECT SUM(l.amount_cents) FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id
  WHERE l.account_number = a.account_number AND r.created_at >= a.updated_at
  AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)), 0)
  - COALESCE((SELECT SUM(x.amount_cents) FROM returned_check_lines x JOIN returned_checks rc ON rc.id = x.returned_check_id
  WHERE x.account_number = a.account_number AND rc.recorded_at >= a.updated_at), 0)
  - COALESCE((SELECT SUM(rc.fee_cents) FROM returned_checks rc WHERE rc.fee_account = a.account_number AND rc.recorded_at >= a.updated_at), 0) AS paid_since`;

function toView(station: Station, r: AccountRow): AccountView {
  return {
    accountNumber: r.account_number,
    name: r.name,
    serviceAddress: r.service_address,
    status: r.status as AccountStatus,
    balanceCents: r.balance_cents - r.paid_since,
    directoryBalanceCents: r.balance_cents,
    cashOnlyUntil: r.cash_only_until,
    arrangement: hasAny(station, r.account_number) ? arrangementSummary(station, r.account_number, station.businessDay()) : null,
  };
}

export function getAccount(station: Station, accountNumber: string): AccountView {
  const row = station.st.sqlGet<AccountRow>(`SELECT ${WITH_PAID} FROM accounts a WHERE a.account_number = ?`, accountNumber);
  if (!row) throw new StationError('UNKNOWN_ACCOUNT', { account: accountNumber }, 'accountNumber');
  return toView(station, row);
}

/** Upper bound for a case-insensitive prefix range on a NOCASE index. */
function prefixEnd(prefix: string): string {
  return prefix + '\u{10FFFF}';
}

/**
 * Prefix matches (account number, name, address) come first, then substring matches through the
 * FTS5 trigram index, which needs three characters or more.
 */
export function searchAccounts(station: Station, query: string, limit: number): AccountView[] {
  const q = query.trim();
  const seen = new Set<string>();
  const out: AccountView[] = [];
  const take = (rows: AccountRow[]) => {
    for (const r of rows) {
      if (out.length >= limit) return;
      if (seen.has(r.account_number)) continue;
      seen.add(r.account_number);
      out.push(toView(station, r));
    }
  };
  const st = station.st;
  take(st.sqlAll<AccountRow>(`SELECT ${WITH_PAID} FROM accounts a WHERE a.account_number >= ? AND a.account_number < ? ORDER BY a.account_number LIMIT ?`, q, prefixEnd(q), limit));
  if (out.length < limit) {
    take(st.sqlAll<AccountRow>(`SELECT ${WITH_PAID} FROM accounts a WHERE a.name >= ? COLLATE NOCASE AND a.name < ? COLLATE NOCASE ORDER BY a.name COLLATE NOCASE LIMIT ?`, q, prefixEnd(q), limit));
  }
  if (out.length < limit) {
    take(st.sqlAll<AccountRow>(`SELECT ${WITH_PAID} FROM accounts a WHERE a.service_address >= ? COLLATE NOCASE AND a.service_address < ? COLLATE NOCASE ORDER BY a.service_address COLLATE NOCASE LIMIT ?`, q, prefixEnd(q), limit));
  }
  if (out.length < limit && [...q].length >= 3) {
    const phrase = `"${q.replace(/"/g, '""')}"`;
    take(st.sqlAll<AccountRow>(`SELECT ${WITH_PAID} FROM accounts_fts f JOIN accounts a ON a.rowid = f.rowid WHERE accounts_fts MATCH ? LIMIT ?`, phrase, limit + seen.size));
  }
  return out;
}

/** Is this payer cash-only today (returned check), by account or by the check's bank account? */
export function cashOnlyUntil(station: Station, today: string, accountNumbers: string[], bank?: { routing: string; account: string }): string | null {
  let until: string | null = null;
  const later = (u: string | null | undefined) => { if (u && u >= today && (!until || u > until)) until = u; };
  for (const acct of accountNumbers) {
    later(station.st.sqlGet<{ u: string | null }>('SELECT cash_only_until AS u FROM accounts WHERE account_number = ?', acct)?.u);
    later(station.st.sqlGet<{ u: string | null }>('SELECT MAX(until) AS u FROM cash_only_flags WHERE account_number = ?', acct)?.u);
  }
  if (bank) later(station.st.sqlGet<{ u: string | null }>('SELECT MAX(until) AS u FROM cash_only_flags WHERE bank_routing = ? AND bank_account = ?', bank.routing, bank.account)?.u);
  return until;
}
