// Handlers of the arrangement contract (the PDF's is with the other PDFs, in devices/). Input is
// validated and the role checked by dispatch; a supervisor's PIN is checked before the transaction.
import type { arrangementsContract } from '../../../shared/contract/arrangements';
import type { Handlers } from '../handlers';
import { approve } from '../auth';
import { receiptView } from '../receiptView';
import { reprintAgreement } from './agreement';
import { cancelArrangement } from './cancel';
import { createArrangement } from './create';
import { arrangementPolicy, savePolicy } from './policy';
import { quoteDraft } from './quote';
import { findRecord } from './standing';
import { arrangementsOfAccount, arrangementView } from './view';

export const arrangementHandlers: Handlers<Exclude<keyof typeof arrangementsContract, 'arrangement.pdf'>> = {
  'arrangement.policy': ({ station }) => arrangementPolicy(station),
  'arrangement.updatePolicy': ({ station, user }, i) => savePolicy(station, user, i),
  'arrangement.quote': ({ station }, i) => quoteDraft(station, i),
  'arrangement.create': ({ station, user }, i) => {
    const approver = i.approval ? approve(station, i.approval, user) : null;
    const { id } = createArrangement(station, user, i, approver);
    const receiptId = findRecord(station, id)!.record.downReceiptId;
    return { arrangement: arrangementView(station, id), receipt: receiptId ? receiptView(station, receiptId) : null };
  },
  'arrangement.forAccount': ({ station }, i) => arrangementsOfAccount(station, i.accountNumber),
  'arrangement.get': ({ station }, i) => arrangementView(station, i.arrangementId),
  'arrangement.cancel': ({ station, user }, i) => arrangementView(station, cancelArrangement(station, user, i, approve(station, i.approval, user))),
  'arrangement.reprint': ({ station, user }, i) => { reprintAgreement(station, user, i); return arrangementView(station, i.arrangementId); },
};
