// The agreement document: what the printed slip and the PDF show (a snapshot taken in the transaction
// that queues the print), and a reprint, which is logged and prints as a COPY.
import type { ArrangementPrint } from '../../../hardware/forms/arrangement';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';
import { findRecord } from './standing';
import { arrangementView } from './view';

export function agreementPrint(station: Station, arrangementId: string, duplicate: boolean): ArrangementPrint {
  return { arrangement: arrangementView(station, arrangementId), duplicate };
}

/** The agreement's language: the one chosen with the customer when it was made. */
export function agreementLanguage(station: Station, arrangementId: string): 'en' | 'es' {
  const found = findRecord(station, arrangementId);
  if (!found) throw new StationError('ARRANGEMENT_NOT_FOUND', { id: arrangementId }, 'arrangementId');
  return found.record.lang;
}

export function reprintAgreement(station: Station, user: UserView, input: { id: string; arrangementId: string }): void {
  agreementLanguage(station, input.arrangementId);
  const k = station.kysely;
  if (station.st.get(k.selectFrom('arrangement_reprints').select('id').where('id', '=', input.id))) return;
  station.commit(() => {
    const at = station.nowIso();
    station.st.run(k.insertInto('arrangement_reprints').values({ id: input.id, arrangement_id: input.arrangementId, user_id: user.id, created_at: at }));
    station.record('arrangement.reprinted', input.id, { reprintId: input.id, arrangementId: input.arrangementId, userId: user.id }, at, { sync: false });
  });
}
