// A sale put aside at the till after a card was approved for it: the approved, unposted charges are
// reversed at the terminal, so the customer is not charged for a sale that did not happen.
import type { CardAttemptView } from '../../../shared/terminal';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';
import { attemptView, results, stateOf, unfinished } from './attempts';
import { reverseAttempt } from './settle';
import { terminalOf } from './terminal';

export async function releaseSale(station: Station, user: UserView, receiptId: string): Promise<CardAttemptView[]> {
  const rows = unfinished(station).filter((r) => r.receipt_id === receiptId && stateOf(results(station, r.id)) === 'approved');
  if (rows.length === 0) return [];
  const terminal = terminalOf(station);
  if (!terminal) throw new StationError('CARD_NO_TERMINAL');
  for (const r of rows) await reverseAttempt(station, terminal, r, user.id);
  return rows.map((r) => attemptView(station, r));
}
