// The stubs a receipt's lines were scanned from, read again by the station and written with the
// receipt (receipt_stubs, in the posting's transaction): the same stub is then told apart tomorrow too.
import { StationError } from '../../../shared/errors';
import { stubKey, type Stub } from '../../../shared/stubs';
import type { Station } from '../station';
import { readStub } from './read';

export interface LineStub { lineNo: number; stub: Stub }

/** The stub of each line that has one; its account must be the line's. */
export function lineStubs(station: Station, lines: { accountNumber?: string | undefined; stub?: { raw: string } | undefined }[]): LineStub[] {
  const out: LineStub[] = [];
  lines.forEach((l, i) => {
    if (!l.stub) return;
    const stub = readStub(station, l.stub.raw, `lines.${i}.stub`);
    if (l.accountNumber !== stub.accountNumber) throw new StationError('STUB_ACCOUNT_MISMATCH', { account: l.accountNumber ?? '', stubAccount: stub.accountNumber }, `lines.${i}.accountNumber`);
    out.push({ lineNo: i + 1, stub });
  });
  return out;
}

export function insertStubs(station: Station, receiptId: string, stubs: LineStub[]): void {
  for (const { lineNo, stub: s } of stubs) {
    station.st.run(station.kysely.insertInto('receipt_stubs').values({
      receipt_id: receiptId, line_no: lineNo, format_id: s.formatId, account_number: s.accountNumber, bill_number: s.billNumber,
      due_date: s.dueDate, amount_due_cents: s.amountCents, stub_key: stubKey(s), raw: s.raw,
    }));
  }
}

/** The stubs of a receipt, by line number (for its validations). */
export function stubsOf(station: Station, receiptId: string): Map<number, { accountNumber: string; billNumber: string | null; dueDate: string | null }> {
  const rows = station.st.all<{ line_no: number; account_number: string; bill_number: string | null; due_date: string | null }>(
    station.kysely.selectFrom('receipt_stubs').select(['line_no', 'account_number', 'bill_number', 'due_date']).where('receipt_id', '=', receiptId));
  return new Map(rows.map((r) => [r.line_no, { accountNumber: r.account_number, billNumber: r.bill_number, dueDate: r.due_date }]));
}
