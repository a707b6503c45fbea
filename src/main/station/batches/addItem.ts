// A keyed item (a stub scanned or keyed, a check read or keyed) posted into an open mail or drop-box batch.
import type { BatchItemView } from '../../../shared/contract/batches';
import { StationError } from '../../../shared/errors';
import { checkImageOverrides } from '../checkImages/attach';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';
import { checkItem, writeItem, type ItemInput } from './item';
import { loadBatch } from './open';
import { batchItems } from './view';

export function addItem(station: Station, user: UserView, input: ItemInput & { batchId: string }): BatchItemView {
  // A check image override's PIN, outside the transaction (a wrong one counts towards the lockout), on `tender`.
  try { checkImageOverrides(station, user, [input.tender]); } catch (e) {
    if (e instanceof StationError && e.field) throw new StationError(e.code, e.params, e.field.replace(/^tenders\.0/, 'tender'));
    throw e;
  }
  const { receiptId, item } = station.commit(() => {
    const { session, batch } = loadBatch(station, input.batchId);
    checkItem(station, batch, input);
    return writeItem(station, user, session, batch, input, { tenderDetail: input.tender.kind === 'money_order' ? 'money_order' : 'check' });
  });
  if (item) return item;
  const sessionId = station.st.sqlGet<{ session_id: string }>('SELECT session_id FROM batch_items WHERE receipt_id = ?', receiptId)!.session_id;
  return batchItems(station, sessionId, receiptId)[0]!;
}
