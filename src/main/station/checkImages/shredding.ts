// Retention of the paper: a check whose image went to the bank in an image cash letter is kept on paper
// for the profile's days [45], then listed here for shredding. Checks that went on paper are not listed.
// A supervisor records a deposit's paper as shredded: a journal row (append-only, hash-chained, naming the
// checks), after which that deposit's checks leave the list. No table of its own: the journal is the record.
import type { PaperToShred } from '../../../shared/contract/checkImages';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';
import { bankProfile } from './bankProfile';

const SHREDDED = 'check.paperShredded';

export function paperToShred(station: Station): PaperToShred[] {
  const days = bankProfile(station).paperRetentionDays;
  const now = station.clock.now().getTime();
  const rows = station.st.sqlAll<{ receipt_number: string; tender_no: number; check_number: string; amount_cents: number; deposit_id: string; bag_number: string | null; sent: string }>(
    `SELECT r.receipt_number, d.tender_no, d.check_number, d.amount_cents, d.deposit_id, dep.bag_number, MIN(f.created_at) AS sent
       FROM icl_files f JOIN deposit_items d ON d.deposit_id = f.deposit_id AND d.kind = 'check'
       JOIN receipts r ON r.id = d.receipt_id JOIN deposits dep ON dep.id = d.deposit_id
       JOIN tender_images ti ON ti.receipt_id = d.receipt_id AND ti.tender_no = d.tender_no AND ti.paper_only = 0
      WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.ref = d.deposit_id AND j.kind = '${SHREDDED}')
      GROUP BY d.deposit_id, d.item_no ORDER BY sent, r.receipt_number, d.tender_no`);
  return rows.flatMap((r) => {
    const from = new Date(new Date(r.sent).getTime() + days * 86_400_000);
    return from.getTime() <= now ? [{ receiptNumber: r.receipt_number, tenderNo: r.tender_no, checkNumber: r.check_number, amountCents: r.amount_cents, depositId: r.deposit_id, bagNumber: r.bag_number, sentOn: r.sent.slice(0, 10), shredFrom: from.toISOString().slice(0, 10) }] : [];
  });
}

export function recordShredded(station: Station, user: UserView, depositId: string): PaperToShred[] {
  return station.commit(() => {
    // Read inside the write transaction: two supervisors pressing at once record it once.
    const due = paperToShred(station).filter((r) => r.depositId === depositId);
    if (!due.length) throw new StationError('SHRED_NOTHING_DUE', {}, 'depositId');
    station.record(SHREDDED, depositId, { depositId, by: user.id, checks: due.map((r) => ({ receiptNumber: r.receiptNumber, tenderNo: r.tenderNo, checkNumber: r.checkNumber, amountCents: r.amountCents })) },
      station.nowIso(), { sync: false });
    return paperToShred(station);
  });
}
