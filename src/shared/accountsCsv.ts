// The account directory as a CIS export (CSV), read with the same rules on the station and on the hub:
// all or nothing, errors named by line.
//
// Columns (header row required, any order, extra columns ignored):
//   account_number   letters, digits, dashes (e.g. 100234-17)
//   name             customer name
//   service_address  service address
//   status           active | delinquent | shutoff_pending | closed | final
//   balance          dollars with up to 2 decimals, e.g. 123.45 or -12.00 (credit)
//   cash_only_until  optional, YYYY-MM-DD
import { parse } from 'csv-parse/sync';
import { ACCOUNT_STATUSES } from './domain';
import { parseMoney } from './money';
import { CARD_NUMBER_MESSAGE, foldLines, hasCardNumber, hasControlChars } from './text';

export const ACCOUNT_CSV_COLUMNS = ['account_number', 'name', 'service_address', 'status', 'balance'] as const;

export interface CsvAccount { accountNumber: string; name: string; serviceAddress: string; status: string; balanceCents: number; cashOnlyUntil: string | null }

export class AccountsCsvError extends Error {
  constructor(readonly line: number, readonly reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'AccountsCsvError';
  }
}

export function parseAccountsCsvText(text: string): CsvAccount[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), info: true, skip_empty_lines: true, bom: true, trim: true, relax_column_count: false });
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new AccountsCsvError(err.lines ?? 1, `not readable as CSV: ${err.message.replace(/^Invalid Record Length: /, '')}`);
  }
  const first = records[0];
  if (!first) throw new AccountsCsvError(1, 'the file has no account rows');
  for (const col of ACCOUNT_CSV_COLUMNS) {
    if (!(col in first.record)) throw new AccountsCsvError(1, `missing column "${col}" (need: ${ACCOUNT_CSV_COLUMNS.join(', ')})`);
  }
  const seen = new Map<string, number>();
  return records.map(({ record: r, info }) => {
    const line = info.lines;
    const fail = (reason: string): never => { throw new AccountsCsvError(line, reason); };
    const num = r.account_number ?? '';
    if (!/^[A-Za-z0-9-]{1,32}$/.test(num)) fail(`account_number "${num}" must be 1–32 letters, digits or dashes`);
    if (seen.has(num)) fail(`account ${num} appears twice (first on line ${seen.get(num)})`);
    seen.set(num, line);
    if (!r.name) fail(`account ${num} has no name`);
    if (!r.service_address) fail(`account ${num} has no service address`);
    // Names and addresses are printed on receipts: text only, and never a card number.
    const name = foldLines(r.name!).trim(), address = foldLines(r.service_address!).trim();
    for (const [column, v] of [['name', name], ['service_address', address]] as const) {
      if (hasControlChars(v)) fail(`account ${num}: ${column} has a control character (an invisible code): correct it in the export`);
      if (hasCardNumber(v)) fail(`account ${num}: ${column} holds a card number. ${CARD_NUMBER_MESSAGE}`);
    }
    if (!(ACCOUNT_STATUSES as readonly string[]).includes(r.status ?? '')) fail(`status "${r.status}" must be one of ${ACCOUNT_STATUSES.join(', ')}`);
    const balance = /^-?\d{1,8}(\.\d{1,2})?$/.test(r.balance ?? '') ? parseMoney(r.balance!) : null;
    if (balance === null) fail(`balance "${r.balance}" is not an amount in dollars and cents (e.g. 123.45)`);
    const until = r.cash_only_until || null;
    if (until && !/^\d{4}-\d{2}-\d{2}$/.test(until)) fail(`cash_only_until "${until}" must be a date YYYY-MM-DD`);
    return { accountNumber: num, name, serviceAddress: address, status: r.status!, balanceCents: balance!, cashOnlyUntil: until };
  });
}
