// A supervisor ends what the terminal cannot: an approved charge the terminal would not reverse (the
// supervisor refunded it at the terminal), or a request the terminal never answered about (its own
// report shows no charge). Written as a result row with who approved it and why; nothing is updated.
import { StationError } from '../../../shared/errors';
import type { CardAttemptView } from '../../../shared/terminal';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';
import { appendResult, attemptRow, attemptView, consumedBy, results, stateOf } from './attempts';

export function settleByHand(station: Station, approver: UserView, input: { attemptId: string; outcome: 'refunded' | 'not_charged'; reason: string }): CardAttemptView {
  const row = attemptRow(station, input.attemptId);
  if (!row) throw new StationError('CARD_ATTEMPT_NOT_FOUND', { attempt: input.attemptId }, 'attemptId');
  const state = stateOf(results(station, row.id));
  const fits = input.outcome === 'refunded' ? state === 'approved' && !consumedBy(station, row.id) : state === 'pending' || state === 'unknown';
  if (!fits) throw new StationError('CARD_ATTEMPT_NOT_USABLE', { attempt: input.attemptId, state }, 'outcome');
  station.commit(() => appendResult(station, row.id, input.outcome === 'refunded' ? 'reversed' : 'failed', { userId: approver.id, reason: `${input.outcome === 'refunded' ? 'refunded at the terminal' : 'not charged'}: ${input.reason}` }));
  return attemptView(station, row);
}
