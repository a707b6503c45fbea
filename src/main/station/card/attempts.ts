// Card attempts as stored: the attempt (written before the terminal is asked) and what became of it
// (appended rows; the latest says where it stands). Only the last four digits are ever kept.
import type { CardBrand } from '../../../shared/domain';
import type { CardApproval, CardAttemptState, CardAttemptView, EntryMode, PaymentOutcome } from '../../../shared/terminal';
import type { CardAttemptResultsTable, CardAttemptsTable } from '../../db/schema';
import type { Station } from '../station';

export type AttemptRow = CardAttemptsTable;

export function attemptRow(station: Station, id: string): AttemptRow | undefined {
  return station.st.sqlGet<AttemptRow>('SELECT * FROM card_attempts WHERE id = ?', id);
}

export function results(station: Station, id: string): CardAttemptResultsTable[] {
  return station.st.sqlAll<CardAttemptResultsTable>('SELECT * FROM card_attempt_results WHERE attempt_id = ? ORDER BY seq', id);
}

/** Where an attempt stands: its latest result, 'pending' with none. A refused reversal leaves it approved. */
export function stateOf(rs: CardAttemptResultsTable[]): CardAttemptState {
  const last = rs.filter((r) => r.state !== 'reversal_refused').at(-1);
  return (last?.state as CardAttemptState | undefined) ?? 'pending';
}

export function approvalOf(rs: CardAttemptResultsTable[]): CardApproval | null {
  const a = rs.find((r) => r.state === 'approved');
  if (!a) return null;
  return {
    brand: a.brand as CardBrand, last4: a.last4!, maskedPan: `**** **** **** ${a.last4!}`, authCode: a.auth_code!, transactionId: a.transaction_id!,
    transactionTime: a.transaction_time ?? '', entryMode: (a.entry_mode ?? 'other') as EntryMode, aid: a.aid, appLabel: a.app_label,
    terminalId: a.terminal_id ?? '', approvedCents: a.approved_cents!, offline: a.offline === 1, signatureRequired: a.signature === 1,
  };
}

export function consumedBy(station: Station, id: string): string | null {
  return station.st.sqlGet<{ n: string }>('SELECT r.receipt_number AS n FROM tenders t JOIN receipts r ON r.id = t.receipt_id WHERE t.card_attempt_id = ?', id)?.n ?? null;
}

export function attemptView(station: Station, row: AttemptRow): CardAttemptView {
  const rs = results(station, row.id);
  const last = rs.at(-1);
  return {
    id: row.id, receiptId: row.receipt_id, amountCents: row.amount_cents, state: stateOf(rs), reason: last?.reason ?? null,
    approval: approvalOf(rs), receiptNumber: consumedBy(station, row.id), createdAt: row.created_at,
  };
}

/** Appends a result inside the caller's commit; journaled with the attempt (last four digits only). */
export function appendResult(station: Station, attemptId: string, state: CardAttemptState | 'reversal_refused', o: { reason?: string | null; approval?: CardApproval; userId?: string | null } = {}): void {
  const seq = (station.st.sqlGet<{ s: number | null }>('SELECT MAX(seq) AS s FROM card_attempt_results WHERE attempt_id = ?', attemptId)!.s ?? 0) + 1;
  const a = o.approval;
  const at = station.nowIso();
  station.st.sqlRun(`INSERT INTO card_attempt_results(attempt_id, seq, state, reason, brand, last4, auth_code, transaction_id, transaction_time, entry_mode, aid, app_label,
    terminal_id, approved_cents, offline, signature, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  attemptId, seq, state, o.reason ?? null, a?.brand ?? null, a?.last4 ?? null, a?.authCode ?? null, a?.transactionId ?? null, a?.transactionTime ?? null,
  a?.entryMode ?? null, a?.aid ?? null, a?.appLabel ?? null, a?.terminalId ?? null, a?.approvedCents ?? null, a?.offline ? 1 : 0, a?.signatureRequired ? 1 : 0,
  o.userId ?? null, at);
  station.record('card.result', attemptId, { attemptId, seq, state, reason: o.reason ?? null, ...(a ? { brand: a.brand, last4: a.last4, authCode: a.authCode, transactionId: a.transactionId, approvedCents: a.approvedCents } : {}) }, at, { sync: false });
}

/** The result rows an outcome from the terminal becomes. */
export function appendOutcome(station: Station, attemptId: string, outcome: PaymentOutcome): void {
  if (outcome.kind === 'approved') appendResult(station, attemptId, 'approved', { approval: outcome.approval });
  else appendResult(station, attemptId, outcome.kind, { reason: outcome.reason });
}

/** Attempts that are not over: pending or unknown, or approved and on no receipt and not reversed. */
export function unfinished(station: Station): AttemptRow[] {
  return station.st.sqlAll<AttemptRow>(`SELECT a.* FROM card_attempts a
    WHERE NOT EXISTS (SELECT 1 FROM card_attempt_results r WHERE r.attempt_id = a.id AND r.state IN ('declined','cancelled','failed','reversed'))
      AND NOT EXISTS (SELECT 1 FROM tenders t WHERE t.card_attempt_id = a.id)
    ORDER BY a.created_at, a.id`);
}
