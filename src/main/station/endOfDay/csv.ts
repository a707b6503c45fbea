// CSV text for exports: RFC 4180 quoting, and text cells that a spreadsheet would run as a
// formula (=, +, -, @) are prefixed with an apostrophe. Amounts are plain decimals from cents.

export function centsDecimal(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Amount cells are passed through `amount()` so they stay numbers, not text. */
export class Amount { constructor(readonly cents: number) {} }
export const amount = (cents: number) => new Amount(cents);

/** One CSV record with its CRLF. */
export function csvLine(r: (string | number | null | Amount)[]): string {
  return r.map((v) => (v instanceof Amount ? centsDecimal(v.cents) : cell(v))).join(',') + '\r\n';
}

export function toCsv(header: string[], rows: (string | number | null | Amount)[][]): string {
  return csvLine(header) + rows.map(csvLine).join('');
}
