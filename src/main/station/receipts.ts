// Posting a receipt: lines, tenders and change, checked on the main side and written in one
// transaction with its gapless receipt number, journal row and outbox event.
import type { ParsedInputOf } from '../../shared/api';
import { isValidRouting } from '../../shared/domain';
import { StationError } from '../../shared/errors';
import { formatCents, MAX_CENTS } from '../../shared/money';
import type { ReceiptView, UserView } from '../../shared/views';
import { cashOnlyUntil } from './accounts';
import { computeFee, scheduleOn } from './fees';
import { formatReceiptNumber, receiptRecord, receiptView, viewFromRecord, type ReceiptRecord } from './receiptView';
import { catalog } from './catalogCache';
import type { FeeInputs } from '../../shared/fees';
import { requireOpenSession } from './sessions';
import type { DrawerSessionsTable } from '../db/schema';
import type { Station } from './station';
import { canonicalJson } from '../../shared/canonical';
import { cashRoundingFor } from '../../shared/cashRounding';
import { assertDayOpen } from './postingGuards';
import { applyToArrangements } from './arrangements/applyPayment';
import { insertStubs, lineStubs } from './stubs/receiptStubs';
import { fillCardTenders } from './card/tenders';
import { terminalCard } from './card/terminalCard';
import { attachTenderImages, checkImageOverrides } from './checkImages/attach';
import { refuseDuplicateChecks } from './checkImages/duplicates';

export type PostReceiptInput = ParsedInputOf<'receipt.post'>;

const KIND_WORD: Record<string, string> = { check: 'check', money_order: 'money order', card: 'card', other: 'other tender' };

interface PreparedLine { revenueCode: string; accountNumber: string | null; amountCents: number; feeInputs: FeeInputs | null; description: string | null }

function prepareLines(station: Station, input: PostReceiptInput, day: string, keepUnknownAccounts: boolean): PreparedLine[] {
  return input.lines.map((line, i) => {
    const code = catalog(station).get(line.revenueCode);
    if (!code || !code.active) throw new StationError('UNKNOWN_REVENUE_CODE', { code: line.revenueCode }, `lines.${i}.revenueCode`);
    if (code.requiresAccount && !line.accountNumber) throw new StationError('ACCOUNT_REQUIRED', { code: line.revenueCode }, `lines.${i}.accountNumber`);
    // A batch keeps money for an unknown account (it raises an exception instead); the counter asks again.
    if (!keepUnknownAccounts && line.accountNumber && !station.st.sqlGet('SELECT 1 FROM accounts WHERE account_number = ?', line.accountNumber)) {
      throw new StationError('UNKNOWN_ACCOUNT', { account: line.accountNumber }, `lines.${i}.accountNumber`);
    }
    const { rule } = scheduleOn(station, line.revenueCode, day);
    let fee;
    try {
      fee = computeFee(line.revenueCode, rule, line.feeInputs ?? {});
    } catch (e) {
      if (e instanceof StationError && e.field) throw new StationError(e.code, e.params, `lines.${i}.${e.field}`);
      throw e;
    }
    let amount: number;
    if (fee.amountCents === null) {
      if (line.amountCents === undefined) throw new StationError('INVALID_INPUT', { detail: 'enter the amount to pay' }, `lines.${i}.amountCents`);
      amount = line.amountCents;
    } else {
      if (line.amountCents !== undefined && line.amountCents !== fee.amountCents) {
        throw new StationError('FEE_MISMATCH', { code: line.revenueCode, expected: formatCents(fee.amountCents), given: formatCents(line.amountCents) }, `lines.${i}.amountCents`);
      }
      amount = fee.amountCents;
      if (amount <= 0) throw new StationError('INVALID_INPUT', { detail: 'this fee comes to nothing: remove the line' }, `lines.${i}`);
    }
    return { revenueCode: line.revenueCode, accountNumber: line.accountNumber ?? null, amountCents: amount, feeInputs: line.feeInputs ?? null, description: line.description ?? null };
  });
}

function checkTenders(station: Station, input: PostReceiptInput, total: number, accounts: string[], today: string, skipCashOnly: boolean): { tendered: number; change: number; rounding: number } {
  let nonCash = 0, tendered = 0;
  input.tenders.forEach((t, i) => {
    tendered += t.amountCents;
    if (t.kind !== 'cash') nonCash += t.amountCents;
    if (t.kind === 'check') {
      if (!isValidRouting(t.routing)) throw new StationError('INVALID_ROUTING', { routing: t.routing }, `tenders.${i}.routing`);
      const until = skipCashOnly ? null : cashOnlyUntil(station, today, accounts, { routing: t.routing, account: t.account });
      if (until) throw new StationError('CASH_ONLY_PAYER', { until }, `tenders.${i}`);
    }
    // Only cash gives change: the non-cash tenders together may not pass the total.
    if (t.kind !== 'cash' && nonCash > total) {
      const word = KIND_WORD[t.kind] ?? t.kind;
      throw new StationError('NON_CASH_EXCEEDS_DUE', { kind: word, Kind: word[0]!.toUpperCase() + word.slice(1) }, `tenders.${i}.amountCents`);
    }
  });
  if (tendered > MAX_CENTS) throw new StationError('TOO_LARGE', { total: formatCents(tendered) }, 'tenders');
  // The cash part rounded to the station's rule (issue 15): the cash pays total + rounding.
  const rounding = cashRoundingFor(total, input.tenders, station.config.cashRounding ?? 'none');
  if (tendered < total + rounding) throw new StationError('TENDER_SHORT', { due: formatCents(total + rounding - tendered) }, 'tenders');
  return { tendered, change: tendered - total - rounding, rounding };
}

/** The same request replayed: same lines and tenders, or it is a misuse of the key. */
function sameRequest(station: Station, id: string, input: PostReceiptInput): boolean {
  const rec = receiptRecord(station, id)!;
  const a = rec.lines.map((l) => [l.revenueCode, l.accountNumber, l.amountCents]);
  const b = input.lines.map((l, i) => [l.revenueCode, l.accountNumber ?? null, l.amountCents ?? rec.lines[i]?.amountCents]);
  const c = rec.tenders.map((t) => [t.kind, t.amountCents]);
  const d = input.tenders.map((t) => [t.kind, t.amountCents]);
  return canonicalJson([a, c]) === canonicalJson([b, d]);
}

type TenderInput = PostReceiptInput['tenders'][number];

function tenderRecord(station: Station, t: TenderInput, i: number): ReceiptRecord['tenders'][number] {
  const card = t.kind === 'card' && t.attemptId ? terminalCard(station, t.attemptId) : null;
  return {
    tenderNo: i + 1, kind: t.kind, amountCents: t.amountCents,
    checkRouting: t.kind === 'check' ? t.routing : null,
    checkAccount: t.kind === 'check' ? t.account : null,
    checkNumber: t.kind === 'check' ? t.checkNumber : null,
    micrRaw: t.kind === 'check' ? (t.micrRaw ?? null) : null,
    cardBrand: t.kind === 'card' ? (t.brand ?? null) : null,
    cardLast4: t.kind === 'card' ? (t.last4 ?? null) : null,
    cardAuth: t.kind === 'card' ? (t.authCode ?? null) : null,
    reference: t.kind === 'money_order' || t.kind === 'other' ? (t.reference ?? null) : null,
    ...(card ? { card } : {}),
  };
}

function insertReceipt(station: Station, rec: ReceiptRecord): void {
  const st = station.st;
  st.sqlRun(`INSERT INTO receipts(id, station_id, seq, receipt_number, session_id, cashier_id, business_day, created_at, payer_name, total_cents, tendered_cents, change_cents, cash_rounding_cents)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, rec.id, rec.stationId, rec.seq, rec.receiptNumber, rec.sessionId, rec.cashierId, rec.businessDay, rec.createdAt,
  rec.payerName, rec.totalCents, rec.tenderedCents, rec.changeCents, rec.cashRoundingCents ?? 0);
  for (const l of rec.lines) {
    st.sqlRun('INSERT INTO receipt_lines(receipt_id, line_no, revenue_code, account_number, amount_cents, fee_inputs, description) VALUES (?, ?, ?, ?, ?, ?, ?)',
      rec.id, l.lineNo, l.revenueCode, l.accountNumber, l.amountCents, l.feeInputs ? canonicalJson(l.feeInputs) : null, l.description);
  }
  for (const t of rec.tenders) {
    st.sqlRun(`INSERT INTO tenders(receipt_id, tender_no, kind, amount_cents, check_routing, check_account, check_number, micr_raw, card_brand, card_last4, card_auth, reference, card_attempt_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, rec.id, t.tenderNo, t.kind, t.amountCents, t.checkRouting, t.checkAccount, t.checkNumber, t.micrRaw, t.cardBrand, t.cardLast4, t.cardAuth, t.reference, t.card?.attemptId ?? null);
  }
}

/**
 * Writes a receipt inside the caller's transaction (station.commit): its lines, tenders, gapless number,
 * journal row and outbox event, and what it pays on running arrangements. A replay of the same request
 * returns the receipt already written.
 */
export interface WriteOptions {
  /** A batch's own session (no drawer) instead of the user's open drawer session. */
  session?: DrawerSessionsTable;
  /** Money that came by mail or in a file is never refused for its account: the caller raises an exception. */
  keepUnknownAccounts?: boolean;
  /** Money already in the bank (a lockbox file): a cash-only flag cannot send the check back. */
  skipCashOnly?: boolean;
  /** Money already in the bank: a check the station took before cannot be handed back either (the hub raises duplicate_check across stations). */
  skipDuplicateChecks?: boolean;
}

export function writeReceipt(station: Station, user: UserView, input: PostReceiptInput, opts: WriteOptions = {}): { rec: ReceiptRecord; replay: boolean } {
  if (station.st.sqlGet('SELECT 1 FROM receipts WHERE id = ?', input.id)) {
    if (!sameRequest(station, input.id, input)) throw new StationError('IDEMPOTENCY_CONFLICT');
    return { rec: receiptRecord(station, input.id)!, replay: true };
  }
  const session = opts.session ?? requireOpenSession(station, user);
  const now = station.clock.now();
  const day = station.businessDay(now);
  assertDayOpen(station, day);
  const lines = prepareLines(station, input, day, opts.keepUnknownAccounts ?? false);
  const stubs = lineStubs(station, input.lines);
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  if (total > MAX_CENTS) throw new StationError('TOO_LARGE', { total: formatCents(total) }, 'lines');
  const accounts = [...new Set(lines.map((l) => l.accountNumber).filter((a): a is string => a !== null))];
  input = { ...input, tenders: fillCardTenders(station, input.id, input.tenders) };
  const { tendered, change, rounding } = checkTenders(station, input, total, accounts, day, opts.skipCashOnly ?? false);
  if (!opts.skipDuplicateChecks) refuseDuplicateChecks(station, input.tenders, now);
  // Gapless: the next number is taken inside the IMMEDIATE transaction that writes the receipt. After a
  // takeover (a rebuilt PC) it follows the hub's last receipt of this station, whose rows this ledger lacks.
  const seq = (station.st.sqlGet<{ s: number }>(`SELECT MAX(COALESCE((SELECT MAX(seq) FROM receipts WHERE station_id = ?), 0),
    COALESCE((SELECT MAX(hub_receipt_seq) FROM station_takeovers WHERE station_id = ?), 0)) AS s`, station.stationId, station.stationId)!.s) + 1;
  const r: ReceiptRecord = {
    id: input.id, receiptNumber: formatReceiptNumber(station.stationId, seq), stationId: station.stationId, seq, sessionId: session.id, cashierId: user.id,
    businessDay: day, createdAt: now.toISOString(), payerName: input.payerName ?? null, totalCents: total, tenderedCents: tendered, changeCents: change,
    lines: lines.map((l, i) => ({ lineNo: i + 1, ...l })),
    tenders: input.tenders.map((t, i) => tenderRecord(station, t, i)),
    // Only when there is some: a receipt without rounding keeps the record it always had.
    ...(rounding ? { cashRoundingCents: rounding } : {}),
  };
  insertReceipt(station, r);
  insertStubs(station, r.id, stubs);
  station.record('receipt.posted', r.id, r, r.createdAt);
  attachTenderImages(station, user, r.id, input.tenders, r.createdAt);
  // The stubs its lines were scanned from: this counter's record (told apart when scanned again), not the hub's.
  if (stubs.length) {
    station.record('receipt.stubs', r.id, { receiptId: r.id, stubs: stubs.map(({ lineNo, stub: x }) => ({ lineNo, formatId: x.formatId, accountNumber: x.accountNumber, billNumber: x.billNumber, dueDate: x.dueDate, amountDueCents: x.amountCents, raw: x.raw })) }, r.createdAt, { sync: false });
  }
  applyToArrangements(station, r);
  return { rec: r, replay: false };
}

/** What the lines of a sale come to, as a posting would compute them (card.charge checks the amount against it). */
export function saleTotal(station: Station, input: PostReceiptInput): number {
  return prepareLines(station, input, station.businessDay(station.clock.now()), false).reduce((s, l) => s + l.amountCents, 0);
}

export function postReceipt(station: Station, user: UserView, input: PostReceiptInput): ReceiptView {
  checkImageOverrides(station, user, input.tenders);
  const { rec, replay } = station.commit(() => writeReceipt(station, user, input));
  if (replay) return receiptView(station, rec.id);
  return viewFromRecord(station, rec, { cashierName: user.name, voided: null, duplicate: false });
}
