// Draft deposits edited before they are prepared (issue 15). Nothing is deleted: a discard is a row of its
// own (deposit_discards) with who, when and why, and the deposit, its sessions and items stay as they were.
// Adding or removing sessions discards the draft and makes a new draft of the sessions given, in one
// transaction, the old one naming the new one (replaced_by): the draft has no bag or slip yet, so a new id
// costs nothing, and the history of the draft reads plainly from the journal.
import type { DenominationCounts } from '../../../shared/denominations';
import type { DepositView } from '../../../shared/endOfDayViews';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';
import { depositView, discardOf, insertDeposit, loadDeposit, requireState } from './deposits';

function writeDiscard(station: Station, user: UserView, depositId: string, reason: string, replacedBy: string | null): void {
  const row = loadDeposit(station, depositId);
  requireState(station, row, 'draft');
  const at = station.nowIso();
  const sessionIds = station.st.sqlAll<{ id: string }>('SELECT session_id AS id FROM deposit_sessions WHERE deposit_id = ? ORDER BY session_id', depositId).map((r) => r.id);
  station.st.run(station.kysely.insertInto('deposit_discards').values({ deposit_id: depositId, discarded_by: user.id, discarded_at: at, reason, replaced_by: replacedBy }));
  station.record('deposit.discarded', depositId, { depositId, discardedBy: user.id, reason, replacedBy, sessionIds, totalCents: row.total_cents }, at);
}

/** Gives up a draft: its sessions are free for another deposit. The same request again returns it. */
export function discardDeposit(station: Station, user: UserView, depositId: string, reason: string): DepositView {
  if (!discardOf(station, depositId)) station.commit(() => writeDiscard(station, user, depositId, reason, null));
  return depositView(station, depositId);
}

export interface ChangeSessionsInput {
  id: string; depositId: string; sessionIds: string[]; reason: string;
  floatKept?: DenominationCounts | undefined; acceptFloatDifferenceCents?: number | undefined;
}

/** The draft with these sessions instead (some added, some removed): the old draft discarded, replaced by the new. */
export function changeDepositSessions(station: Station, user: UserView, input: ChangeSessionsInput): DepositView {
  if (station.st.sqlGet('SELECT 1 FROM deposits WHERE id = ?', input.id)) {
    // The same request again: it made this draft in place of that one.
    if (discardOf(station, input.depositId)?.replaced_by !== input.id) throw new StationError('IDEMPOTENCY_CONFLICT');
    return depositView(station, input.id);
  }
  const before = depositView(station, input.depositId);
  const had = before.sessions.map((s) => s.id).sort().join();
  if (had === [...new Set(input.sessionIds)].sort().join() && input.sessionIds.length === before.sessions.length && !input.floatKept) {
    throw new StationError('DEPOSIT_SESSIONS_UNCHANGED', { deposit: input.depositId }, 'sessionIds');
  }
  station.commit(() => {
    // The discard first, so the sessions kept are free for the new draft.
    writeDiscard(station, user, input.depositId, input.reason, input.id);
    insertDeposit(station, user, input, input.depositId);
  });
  return depositView(station, input.id);
}
