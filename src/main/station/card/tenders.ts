// A card tender that names a terminal attempt is filled from the approval, never from what was typed:
// the attempt must be this sale's, approved, not reversed, not on another receipt, and for this amount.
import { StationError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import type { ParsedInputOf } from '../../../shared/api';
import type { Station } from '../station';
import { approvalOf, attemptRow, consumedBy, results, stateOf } from './attempts';

type Tender = ParsedInputOf<'receipt.post'>['tenders'][number];

export function fillCardTenders(station: Station, receiptId: string, tenders: Tender[]): Tender[] {
  return tenders.map((t, i) => {
    if (t.kind !== 'card') return t;
    if (!t.attemptId) {
      if (!t.brand || !t.last4 || !t.authCode) throw new StationError('CARD_KEYED_FIELDS', {}, `tenders.${i}`);
      return t;
    }
    const row = attemptRow(station, t.attemptId);
    if (!row) throw new StationError('CARD_ATTEMPT_NOT_FOUND', { attempt: t.attemptId }, `tenders.${i}.attemptId`);
    const rs = results(station, row.id);
    const state = stateOf(rs);
    const a = approvalOf(rs);
    if (row.receipt_id !== receiptId || state !== 'approved' || !a || consumedBy(station, row.id)) {
      throw new StationError('CARD_ATTEMPT_NOT_USABLE', { attempt: t.attemptId, state }, `tenders.${i}.attemptId`);
    }
    if (a.approvedCents !== t.amountCents) {
      throw new StationError('CARD_ATTEMPT_AMOUNT', { given: formatCents(t.amountCents), approved: formatCents(a.approvedCents) }, `tenders.${i}.amountCents`);
    }
    return { ...t, brand: a.brand, last4: a.last4, authCode: a.authCode };
  });
}
