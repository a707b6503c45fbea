// F8 Card: the attempt is written and committed (fsynced) before the terminal is asked; the terminal's
// answer is recorded; an approval that covers what is due posts the receipt. A request the terminal
// may have received but did not answer is settled by asking its status, never by charging again.
import type { ParsedInputOf } from '../../../shared/api';
import type { CardChargeResult } from '../../../shared/contract/card';
import { StationError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import type { UserView } from '../../../shared/views';
import { newServiceId } from '../../../hardware/terminal/nexoTerminal';
import { TerminalError } from '../../../hardware/terminal/terminal';
import { canonicalJson } from '../../../shared/canonical';
import { saleTotal, type PostReceiptInput } from '../receipts';
import { requireOpenSession } from '../sessions';
import type { Station } from '../station';
import { appendOutcome, appendResult, attemptRow, attemptView, results, stateOf, unfinished, type AttemptRow } from './attempts';
import { askStatus, recordStatus, resolveUnfinished } from './resolve';
import { postedReceipt, postIfCovered } from './settle';
import { recovering, terminalOf } from './terminal';
import { quoteFee } from './fee';

type ChargeInput = ParsedInputOf<'card.charge'>;

function result(station: Station, row: AttemptRow, offerKeyed = false): CardChargeResult {
  const view = attemptView(station, row);
  return { attempt: view, receipt: postedReceipt(station, row.receipt_id), offerKeyed };
}

export async function chargeCard(station: Station, user: UserView, input: ChargeInput): Promise<CardChargeResult> {
  // A retried call (double click, lost IPC answer) gets the attempt's result: the terminal is asked once.
  const again = attemptRow(station, input.attemptId);
  if (again) return result(station, again);
  const terminal = terminalOf(station);
  if (!terminal) throw new StationError('CARD_NO_TERMINAL');
  await recovering(station);
  // What a crash or a lost answer left is settled first; this sale's own approved cards are kept.
  const left = await resolveUnfinished(station, terminal, input.receiptId);
  const blocking = left.find((a) => a.receiptId !== input.receiptId || a.state !== 'approved');
  if (blocking) throw new StationError('CARD_UNRESOLVED', { amount: formatCents(blocking.amountCents) });
  const session = requireOpenSession(station, user);
  const due = saleTotal(station, { id: input.receiptId, lines: input.lines, tenders: [] }) - input.tenders.reduce((s, t) => s + t.amountCents, 0);
  if (input.amountCents > due) throw new StationError('CARD_OVER_DUE', { amount: formatCents(input.amountCents), due: formatCents(Math.max(0, due)) }, 'amountCents');
  // The fee is the station's figure, and it is the one the payer was shown before the charge.
  const fee = quoteFee(station, input.lines, input.amountCents);
  if (fee.feeCents !== (input.feeCents ?? 0)) {
    throw new StationError('FEE_MISMATCH', { code: fee.revenueCode, expected: formatCents(fee.feeCents), given: formatCents(input.feeCents ?? 0) }, 'feeCents');
  }
  const charged = input.amountCents + fee.feeCents;
  const sale: PostReceiptInput = {
    id: input.receiptId, payerName: input.payerName,
    lines: fee.feeCents > 0 ? [...input.lines, { revenueCode: fee.revenueCode, amountCents: fee.feeCents }] : input.lines,
    tenders: [...input.tenders, { kind: 'card', amountCents: charged, attemptId: input.attemptId }],
  };
  if (sale.payerName === undefined) delete sale.payerName;
  const serviceId = newServiceId();
  const at = station.nowIso();
  station.commit(() => {
    station.st.sqlRun(`INSERT INTO card_attempts(id, receipt_id, session_id, cashier_id, service_id, poi_id, amount_cents, fee_cents, sale, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, input.attemptId, input.receiptId, session.id, user.id, serviceId, '', charged, fee.feeCents, canonicalJson(sale), at);
    station.record('card.attempt', input.attemptId, { attemptId: input.attemptId, receiptId: input.receiptId, serviceId, amountCents: charged, feeCents: fee.feeCents, cashierId: user.id }, at, { sync: false });
  });
  const row = attemptRow(station, input.attemptId)!;
  station.publish('card.waiting', { attemptId: row.id, amountCents: row.amount_cents });
  try {
    const outcome = await terminal.pay({ serviceId, transactionId: input.receiptId.slice(0, 18), amountCents: charged, at });
    station.commit(() => appendOutcome(station, row.id, outcome));
  } catch (e) {
    if (!(e instanceof TerminalError)) throw e;
    if (!e.sent) {
      // Refused before a byte was sent (no answer, wrong certificate): nothing was charged.
      station.commit(() => appendResult(station, row.id, 'failed', { reason: e.message }));
      return result(station, row, e.kind === 'unreachable');
    }
    recordStatus(station, row, await askStatus(terminal, row), e.message);
  }
  if (stateOf(results(station, row.id)) === 'approved') postIfCovered(station, row);
  return result(station, row);
}

/** The customer is still at the terminal and the cashier presses Cancel. */
export async function cancelCharge(station: Station, attemptId: string): Promise<{ ok: true }> {
  const row = attemptRow(station, attemptId);
  if (!row) throw new StationError('CARD_ATTEMPT_NOT_FOUND', { attempt: attemptId });
  const terminal = terminalOf(station);
  if (terminal && stateOf(results(station, row.id)) === 'pending') await terminal.abort(row.service_id).catch(() => undefined);
  return { ok: true };
}

export { unfinished };
