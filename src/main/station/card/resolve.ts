// Before the till takes another sale, every unfinished attempt is settled: the terminal is asked what
// became of each request (TransactionStatus by its service ID), the answer recorded, and every approved
// charge then ends as its sale's receipt or a reversal. What the terminal cannot tell stays 'unknown'
// and is shown to the cashier and supervisor; nothing is charged again meanwhile.
import type { PaymentTerminal } from '../../../hardware/terminal/terminal';
import { TerminalError } from '../../../hardware/terminal/terminal';
import type { CardAttemptView, StatusOutcome } from '../../../shared/terminal';
import type { Station } from '../station';
import { appendOutcome, appendResult, attemptView, results, stateOf, unfinished, type AttemptRow } from './attempts';
import { postIfCovered, reverseAttempt } from './settle';

/** Asks the terminal about one request; a payment still running is aborted first (its customer is gone). */
export async function askStatus(terminal: PaymentTerminal, row: AttemptRow): Promise<StatusOutcome | null> {
  try {
    let s = await terminal.status(row.service_id, row.amount_cents);
    if (s.kind === 'in_progress') {
      await terminal.abort(row.service_id).catch(() => undefined);
      for (let i = 0; i < 5 && s.kind === 'in_progress'; i++) {
        await new Promise((r) => setTimeout(r, 100 * (i + 1)));
        s = await terminal.status(row.service_id, row.amount_cents);
      }
    }
    return s;
  } catch (e) {
    if (e instanceof TerminalError) return null;
    throw e;
  }
}

/** Records what the terminal said of a pending or unknown attempt. */
export function recordStatus(station: Station, row: AttemptRow, s: StatusOutcome | null, why: string): void {
  const state = stateOf(results(station, row.id));
  if (state !== 'pending' && state !== 'unknown') return;
  station.commit(() => {
    if (s === null || s.kind === 'in_progress') {
      if (state !== 'unknown') appendResult(station, row.id, 'unknown', { reason: why });
    } else if (s.kind === 'not_found') {
      // The terminal never had the request: nothing was charged.
      appendResult(station, row.id, 'failed', { reason: 'the terminal never received the request' });
    } else appendOutcome(station, row.id, s);
  });
}

/**
 * Settles every unfinished attempt except the approved ones held for `keepReceiptId` (the sale at the
 * till, paid partly by card). Returns the attempts still unfinished afterwards.
 */
export async function resolveUnfinished(station: Station, terminal: PaymentTerminal | null, keepReceiptId?: string): Promise<CardAttemptView[]> {
  if (terminal) {
    for (const row of unfinished(station)) {
      const state = stateOf(results(station, row.id));
      if (state === 'pending' || state === 'unknown') recordStatus(station, row, await askStatus(terminal, row), 'the terminal could not be asked what became of this payment');
    }
  }
  // Approved and on no receipt: the newest attempt of each sale carries the sale as it stood; post it.
  const held = unfinished(station).filter((r) => stateOf(results(station, r.id)) === 'approved' && r.receipt_id !== keepReceiptId);
  for (const row of [...held].reverse()) {
    if (!station.st.sqlGet('SELECT 1 FROM receipts WHERE id = ?', row.receipt_id)) postIfCovered(station, row);
  }
  if (terminal) {
    for (const row of unfinished(station)) {
      if (row.receipt_id === keepReceiptId || stateOf(results(station, row.id)) !== 'approved') continue;
      await reverseAttempt(station, terminal, row, null).catch((e: unknown) => { if (!(e instanceof TerminalError)) throw e; });
    }
  }
  return unfinished(station).map((r) => attemptView(station, r));
}
