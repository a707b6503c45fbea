// Closing a batch: only when what was entered equals the control figures (and, for a file, the bank's
// deposit), or with a supervisor's approval and a reason. The close writes the session's count (no cash;
// every check and money order in hand) and closure like a drawer's, so a mail batch goes into a deposit.
import { randomUUID } from 'node:crypto';
import type { BatchView } from '../../../shared/contract/batches';
import { StationError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import type { UserView } from '../../../shared/views';
import type { BatchesTable, DrawerSessionsTable } from '../../db/schema';
import { countableItems } from '../endOfDay/items';
import { expectedFigures } from '../endOfDay/expected';
import type { Station } from '../station';
import { loadBatch } from './open';
import { batchView, enteredFigures } from './view';

/** Writes the close inside the caller's transaction. */
export function writeClose(station: Station, user: UserView, session: DrawerSessionsTable, batch: BatchesTable, closureId: string, approver: UserView | null, reason: string | null): void {
  if (session.state === 'closed') throw new StationError('BATCH_CLOSED', { batch: batch.batch_number }, 'batchId');
  const entered = enteredFigures(station, session.id);
  if (entered.count === 0) throw new StationError('BATCH_EMPTY', {}, 'batchId');
  const dCount = entered.count - batch.control_count, dCents = entered.cents - batch.control_cents;
  const bankOut = batch.bank_deposit_cents !== null && batch.bank_deposit_cents !== entered.cents;
  const balanced = dCount === 0 && dCents === 0 && !bankOut;
  if (!balanced && !approver) {
    if (dCount !== 0 || dCents !== 0) throw new StationError('BATCH_UNBALANCED', { count: dCount, amount: formatCents(dCents) }, 'approval');
    throw new StationError('BATCH_BANK_DIFFERENCE', { total: formatCents(entered.cents), bank: formatCents(batch.bank_deposit_cents!) }, 'approval');
  }
  if (balanced && approver) throw new StationError('BATCH_APPROVAL_NOT_NEEDED', {}, 'approval');
  if (approver && !reason) throw new StationError('REASON_REQUIRED', {}, 'reason');
  const at = station.nowIso();
  const st = station.st;
  // The count: no cash, and every item of the batch in hand (it was keyed from the item itself).
  const exp = expectedFigures(station, session.id);
  const countId = randomUUID();
  st.sqlRun(`INSERT INTO session_counts(id, session_id, seq, counted_by, counted_at, cash_counts, cash_cents, drop_counts, drops_cents, expected, over_short_cents, over_short_abs_cents, tolerance_cents)
    VALUES (?, ?, 1, ?, ?, '{}', 0, '{}', 0, ?, 0, 0, 0)`, countId, session.id, user.id, at, JSON.stringify(exp));
  const lines = [
    { tender: 'cash', n: null, c: 0 }, { tender: 'check', n: exp.checks.count, c: exp.checks.totalCents }, { tender: 'money_order', n: exp.moneyOrders.count, c: exp.moneyOrders.totalCents },
    { tender: 'card', n: exp.cards.count, c: exp.cards.totalCents }, { tender: 'other', n: exp.other.count, c: exp.other.totalCents },
  ];
  for (const l of lines) {
    st.sqlRun("INSERT INTO session_count_lines(count_id, tender, brand, expected_count, expected_cents, counted_count, counted_cents, over_short_cents) VALUES (?, ?, '', ?, ?, ?, ?, 0)", countId, l.tender, l.n, l.c, l.n, l.c);
  }
  const items = countableItems(station, session.id);
  items.forEach((it, i) => {
    st.sqlRun(`INSERT INTO session_count_items(count_id, item_no, status, kind, receipt_id, tender_no, amount_cents, routing, account, check_number, reference, note)
      VALUES (?, ?, 'present', ?, ?, ?, ?, ?, ?, ?, ?, NULL)`, countId, i + 1, it.kind, it.receiptId, it.tenderNo, it.amountCents, it.routing, it.account, it.checkNumber, it.reference);
  });
  st.sqlRun('INSERT INTO closeout_starts(session_id, started_by, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', session.id, user.id, at);
  st.sqlRun('INSERT INTO session_closures(id, session_id, count_id, closed_by, approved_by, reason, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)', randomUUID(), session.id, countId, user.id, approver?.id ?? null, reason, at);
  st.sqlRun(`INSERT INTO batch_closures(id, session_id, entered_count, entered_cents, difference_count, difference_cents, closed_by, approved_by, reason, closed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, closureId, session.id, entered.count, entered.cents, dCount, dCents, user.id, approver?.id ?? null, reason, at);
  st.sqlRun("UPDATE drawer_sessions SET state = 'closed', closed_at = ? WHERE id = ?", at, session.id);
  station.record('closeout.counted', countId, {
    countId, sessionId: session.id, stationId: session.station_id, businessDay: session.business_day, seq: 1, countedBy: user.id,
    cashCounts: {}, cashCents: 0, dropCounts: {}, dropsCents: 0, expected: exp,
    lines: lines.map((l) => ({ tender: l.tender, brand: null, expectedCount: l.n, expectedCents: l.c, countedCount: l.n, countedCents: l.c, overShortCents: 0 })),
    missing: [], extras: [], overShortCents: 0, overShortAbsCents: 0, toleranceCents: 0, withinTolerance: true,
  }, at);
  station.record('session.closed', closureId, {
    closureId, sessionId: session.id, stationId: session.station_id, businessDay: session.business_day, countId, closedBy: user.id,
    approvedBy: approver?.id ?? null, reason, overShortCents: 0, overShortAbsCents: 0,
  }, at);
  station.record('batch.closed', closureId, {
    closureId, sessionId: session.id, batchNumber: batch.batch_number, source: batch.source, enteredCount: entered.count, enteredCents: entered.cents,
    controlCount: batch.control_count, controlCents: batch.control_cents, differenceCount: dCount, differenceCents: dCents,
    bankDepositCents: batch.bank_deposit_cents, closedBy: user.id, approvedBy: approver?.id ?? null, reason,
  }, at);
}

export function closeBatch(station: Station, user: UserView, input: { id: string; batchId: string; reason?: string | undefined }, approver: UserView | null): BatchView {
  const again = station.st.sqlGet<{ session_id: string }>('SELECT session_id FROM batch_closures WHERE id = ?', input.id);
  if (again) return batchView(station, again.session_id);
  station.commit(() => {
    const { session, batch } = loadBatch(station, input.batchId);
    writeClose(station, user, session, batch, input.id, approver, input.reason ?? null);
  });
  return batchView(station, input.batchId);
}
