// Returned checks (DOMAIN.md "Returned check"): find the check tender, record the return with its
// reason, reverse the payments it made on the same revenue codes and accounts (new rows: the receipt
// stays as posted), charge the returned-check fee to the account and flag the payer cash-only.
import { randomUUID } from 'node:crypto';
import type { CheckTenderView, ReturnReason, ReturnedCheckView } from '../../../shared/endOfDayViews';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { ReceiptLinesTable } from '../../db/schema';
import { assertDayOpen } from '../postingGuards';
import type { Station } from '../station';
import { person } from './common';
import { revenueCodeNames } from './aggregates';
import type { ReturnedCheckLineRow, ReturnedCheckRow } from './rows';

/** The revenue code the returned-check fee is charged under (the demo city's NSF). */
export const RETURNED_CHECK_FEE_CODE = 'NSF';

const CHECK_SELECT = `SELECT r.id AS receipt_id, r.receipt_number, r.station_id, r.business_day, r.created_at, r.payer_name,
    t.tender_no, t.check_routing, t.check_account, t.check_number, t.amount_cents,
    EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id) AS voided,
    (SELECT rc.id FROM returned_checks rc WHERE rc.receipt_id = r.id AND rc.tender_no = t.tender_no) AS returned_id,
    (SELECT d.deposit_id FROM deposit_items d WHERE d.receipt_id = r.id AND d.tender_no = t.tender_no) AS deposit_id
  FROM tenders t JOIN receipts r ON r.id = t.receipt_id`;

interface CheckRow {
  receipt_id: string; receipt_number: string; station_id: string; business_day: string; created_at: string; payer_name: string | null;
  tender_no: number; check_routing: string; check_account: string; check_number: string; amount_cents: number;
  voided: number; returned_id: string | null; deposit_id: string | null;
}

function accountsOf(station: Station, receiptId: string): string[] {
  return station.st.sqlAll<{ a: string }>('SELECT DISTINCT account_number AS a FROM receipt_lines WHERE receipt_id = ? AND account_number IS NOT NULL ORDER BY line_no', receiptId).map((r) => r.a);
}

function checkView(station: Station, r: CheckRow): CheckTenderView {
  return {
    receiptNumber: r.receipt_number, tenderNo: r.tender_no, stationId: r.station_id, businessDay: r.business_day, createdAt: r.created_at,
    payerName: r.payer_name, routing: r.check_routing, account: r.check_account, checkNumber: r.check_number, amountCents: r.amount_cents,
    accountNumbers: accountsOf(station, r.receipt_id), voided: r.voided === 1, returnedCheckId: r.returned_id, depositId: r.deposit_id,
  };
}

export interface FindCheck { checkNumber?: string | undefined; routing?: string | undefined; account?: string | undefined; amountCents?: number | undefined; from?: string | undefined; to?: string | undefined; limit: number }

export function findChecks(station: Station, q: FindCheck): CheckTenderView[] {
  const cond = ["t.kind = 'check'"];
  const params: (string | number)[] = [];
  if (q.checkNumber) { cond.push('t.check_number = ?'); params.push(q.checkNumber); }
  if (q.routing) { cond.push('t.check_routing = ?'); params.push(q.routing); }
  if (q.account) { cond.push('t.check_account = ?'); params.push(q.account); }
  if (q.amountCents) { cond.push('t.amount_cents = ?'); params.push(q.amountCents); }
  if (q.from) { cond.push('r.business_day >= ?'); params.push(q.from); }
  if (q.to) { cond.push('r.business_day <= ?'); params.push(q.to); }
  return station.st.sqlAll<CheckRow>(`${CHECK_SELECT} WHERE ${cond.join(' AND ')} ORDER BY r.created_at DESC, r.receipt_number DESC LIMIT ?`, ...params, q.limit)
    .map((r) => checkView(station, r));
}

/**
 * Spreads the check's amount over the receipt's lines in proportion to each line (largest
 * remainder, in cents), so a receipt paid partly by the check reverses only the check's share.
 */
export function allocate(amount: number, lines: { line_no: number; amount_cents: number }[]): Map<number, number> {
  // BigInt: amount × line may pass 2^53 for the largest amounts a receipt may hold.
  const total = BigInt(lines.reduce((a, l) => a + l.amount_cents, 0));
  const out = new Map<number, number>();
  let given = 0;
  const rests = lines.map((l) => {
    const exact = BigInt(amount) * BigInt(l.amount_cents);
    const share = Number(exact / total);
    out.set(l.line_no, share);
    given += share;
    return { line: l.line_no, rest: exact % total };
  });
  rests.sort((a, b) => (a.rest === b.rest ? a.line - b.line : a.rest > b.rest ? -1 : 1));
  for (let i = 0; given < amount; i++, given++) out.set(rests[i]!.line, out.get(rests[i]!.line)! + 1);
  return out;
}

function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface RecordReturn { id: string; receiptNumber: string; tenderNo: number; reason: ReturnReason; note?: string | undefined; returnedOn?: string | undefined }

export function recordReturnedCheck(station: Station, user: UserView, input: RecordReturn): ReturnedCheckView {
  const replay = station.st.sqlGet<ReturnedCheckRow>('SELECT * FROM returned_checks WHERE id = ?', input.id);
  if (replay) {
    const same = station.st.sqlGet('SELECT 1 FROM receipts WHERE id = ? AND receipt_number = ?', replay.receipt_id, input.receiptNumber) && replay.tender_no === input.tenderNo;
    if (!same) throw new StationError('IDEMPOTENCY_CONFLICT');
    return returnedCheckView(station, input.id);
  }
  station.commit(() => {
    const st = station.st;
    const c = st.sqlGet<CheckRow>(`${CHECK_SELECT} WHERE r.receipt_number = ? AND t.tender_no = ? AND t.kind = 'check'`, input.receiptNumber, input.tenderNo);
    if (!c) throw new StationError('CHECK_NOT_FOUND', { receipt: input.receiptNumber, tender: input.tenderNo }, 'receiptNumber');
    if (c.voided) throw new StationError('CHECK_VOIDED', { receipt: input.receiptNumber }, 'receiptNumber');
    if (c.returned_id) {
      const first = st.sqlGet<{ returned_on: string }>('SELECT returned_on FROM returned_checks WHERE id = ?', c.returned_id)!;
      throw new StationError('CHECK_ALREADY_RETURNED', { check: c.check_number, receipt: input.receiptNumber, date: first.returned_on }, 'receiptNumber');
    }
    const now = station.clock.now();
    const at = now.toISOString();
    const day = station.businessDay(now);
    // The return counts for today's business day: a closed day takes nothing more.
    assertDayOpen(station, day);
    const lines = st.sqlAll<ReceiptLinesTable>('SELECT * FROM receipt_lines WHERE receipt_id = ? ORDER BY line_no', c.receipt_id);
    const shares = allocate(c.amount_cents, lines);
    const accounts = accountsOf(station, c.receipt_id);
    const feeCode = st.sqlGet<{ code: string }>('SELECT code FROM revenue_codes WHERE code = ?', RETURNED_CHECK_FEE_CODE)?.code ?? null;
    // No fee when the city has no fee code to charge it under.
    const feeCents = feeCode ? station.config.returnedCheckFeeCents : 0;
    const feeAccount = accounts[0] ?? null;
    const months = station.config.cashOnlyMonths;
    const until = months > 0 ? addMonths(day, months) : null;
    st.sqlRun(`INSERT INTO returned_checks(id, receipt_id, tender_no, amount_cents, reason, note, returned_on, business_day, recorded_by, recorded_at, fee_cents, fee_revenue_code, fee_account, cash_only_until)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, input.id, c.receipt_id, c.tender_no, c.amount_cents, input.reason, input.note ?? null,
    input.returnedOn ?? day, day, user.id, at, feeCents, feeCents > 0 ? feeCode : null, feeCents > 0 ? feeAccount : null, until);
    for (const l of lines) {
      const share = shares.get(l.line_no) ?? 0;
      if (share > 0) st.sqlRun('INSERT INTO returned_check_lines(returned_check_id, line_no, revenue_code, account_number, amount_cents) VALUES (?, ?, ?, ?, ?)', input.id, l.line_no, l.revenue_code, l.account_number, share);
    }
    if (until) {
      const reason = `returned check ${c.check_number} (${input.reason})`;
      for (const a of accounts) st.sqlRun('INSERT INTO cash_only_flags(id, account_number, bank_routing, bank_account, until, reason, source_ref, created_at) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?)', randomUUID(), a, until, reason, input.id, at);
      st.sqlRun('INSERT INTO cash_only_flags(id, account_number, bank_routing, bank_account, until, reason, source_ref, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)', randomUUID(), c.check_routing, c.check_account, until, reason, input.id, at);
    }
    const v = returnedCheckView(station, input.id);
    // For the hub: the reversal as negative amounts on the original revenue codes and accounts, the fee as a charge.
    station.record('check.returned', input.id, {
      returnedCheckId: input.id, stationId: station.stationId, businessDay: day, receiptId: c.receipt_id, receiptNumber: c.receipt_number,
      originalBusinessDay: c.business_day, tenderNo: c.tender_no, amountCents: c.amount_cents, routing: c.check_routing, account: c.check_account,
      checkNumber: c.check_number, reason: input.reason, note: input.note ?? null, returnedOn: v.returnedOn, recordedBy: user.id,
      reversals: v.reversals.map((r) => ({ revenueCode: r.revenueCode, glAccount: r.glAccount, accountNumber: r.accountNumber, amountCents: -r.amountCents })),
      fee: v.fee, cashOnlyUntil: until, flagged: v.flagged,
    }, at);
  });
  return returnedCheckView(station, input.id);
}

export function returnedCheckView(station: Station, id: string): ReturnedCheckView {
  const st = station.st;
  const rc = st.sqlGet<ReturnedCheckRow>('SELECT * FROM returned_checks WHERE id = ?', id)!;
  const c = st.sqlGet<CheckRow>(`${CHECK_SELECT} WHERE t.receipt_id = ? AND t.tender_no = ?`, rc.receipt_id, rc.tender_no)!;
  const names = revenueCodeNames(station);
  const lines = st.sqlAll<ReturnedCheckLineRow>('SELECT * FROM returned_check_lines WHERE returned_check_id = ? ORDER BY line_no', id);
  const flags = st.sqlAll<{ account_number: string | null; bank_routing: string | null; bank_account: string | null }>('SELECT account_number, bank_routing, bank_account FROM cash_only_flags WHERE source_ref = ? ORDER BY rowid', id);
  const bankFlag = flags.find((f) => f.bank_routing !== null);
  return {
    id, check: checkView(station, c), reason: rc.reason as ReturnReason, note: rc.note, returnedOn: rc.returned_on, businessDay: rc.business_day,
    recordedAt: rc.recorded_at, recordedBy: person(station, rc.recorded_by),
    reversals: lines.map((l) => {
      const n = names.get(l.revenue_code);
      return { revenueCode: l.revenue_code, nameEn: n?.name_en ?? l.revenue_code, nameEs: n?.name_es ?? l.revenue_code, glAccount: n?.gl_account ?? '', accountNumber: l.account_number, amountCents: l.amount_cents };
    }),
    fee: rc.fee_cents > 0 && rc.fee_revenue_code ? { revenueCode: rc.fee_revenue_code, glAccount: names.get(rc.fee_revenue_code)?.gl_account ?? '', accountNumber: rc.fee_account, amountCents: rc.fee_cents } : null,
    cashOnlyUntil: rc.cash_only_until,
    flagged: {
      accountNumbers: flags.filter((f) => f.account_number !== null).map((f) => f.account_number!),
      bank: bankFlag ? { routing: bankFlag.bank_routing!, account: bankFlag.bank_account! } : null,
    },
  };
}

export function listReturnedChecks(station: Station, from: string | undefined, to: string | undefined, limit: number): ReturnedCheckView[] {
  return station.st.sqlAll<{ id: string }>('SELECT id FROM returned_checks WHERE business_day >= ? AND business_day <= ? ORDER BY recorded_at DESC, id LIMIT ?',
    from ?? '0000-00-00', to ?? '9999-12-31', limit).map((r) => returnedCheckView(station, r.id));
}
