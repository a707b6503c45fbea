// What a receipt's card tender carries from the terminal's approval (EMV receipt fields): read from
// the attempt's approval row, the same at posting and when the receipt is read back (verify compares).
import type { TerminalCardView } from '../../../shared/views';
import type { Station } from '../station';
import { approvalOf, results } from './attempts';

export function terminalCard(station: Station, attemptId: string): TerminalCardView | null {
  const a = approvalOf(results(station, attemptId));
  if (!a) return null;
  return {
    attemptId, maskedPan: a.maskedPan, entryMode: a.entryMode, aid: a.aid, appLabel: a.appLabel, transactionId: a.transactionId,
    terminalId: a.terminalId, offline: a.offline, signatureRequired: a.signatureRequired,
  };
}
