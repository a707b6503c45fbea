// Inside the posting transaction: each check tender that came from the image scanner takes its scan's
// images (tender_images), and a journal row carries their SHA-256 so `verify` finds an image changed
// on disk. A poor image is taken only with a supervisor's override, and then goes to the bank on paper.
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { ImageProblem } from '../../../shared/checkImages';
import { MicrParser } from '../../../hardware/micr/parse';
import { approve } from '../auth';
import type { PostReceiptInput } from '../receipts';
import type { Station } from '../station';
import { queueImages } from './toHub';

const parser = new MicrParser();

export interface TenderImagesRecord {
  receiptId: string; tenderNo: number; scanId: string; front: string; back: string | null; paperOnly: boolean; overrideBy: string | null;
}

/** A supervisor's override of tender i, refused on that tender's supervisor fields ('approval.userId' / 'pin' / 'userId' as approve names them). */
function approveOverride(station: Station, user: UserView, approval: { userId: string; pin: string }, i: number): string {
  try {
    return approve(station, approval, user).id;
  } catch (e) {
    if (e instanceof StationError) throw new StationError(e.code, e.params, `tenders.${i}.imageOverride.${e.field?.endsWith('pin') ? 'pin' : 'userId'}`);
    throw e;
  }
}

/**
 * Before the posting's transaction: a wrong PIN in an override must count towards the lockout, and inside
 * the transaction its failed-attempt row would be rolled back with the refused receipt.
 */
export function checkImageOverrides(station: Station, user: UserView, tenders: PostReceiptInput['tenders']): void {
  tenders.forEach((t, i) => { if (t.kind === 'check' && t.imageOverride) approveOverride(station, user, t.imageOverride, i); });
}

export function attachTenderImages(station: Station, user: UserView, receiptId: string, tenders: PostReceiptInput['tenders'], at: string): void {
  tenders.forEach((t, i) => {
    if (t.kind !== 'check' || !t.scanId) return;
    const field = `tenders.${i}.scanId`;
    const scan = station.st.get<{ micr_raw: string; micr_ok: number; front_sha256: string; front_bytes: number; back_sha256: string | null; back_bytes: number | null; quality: 'ok' | 'poor'; problems: string }>(
      station.kysely.selectFrom('check_scans').select(['micr_raw', 'micr_ok', 'front_sha256', 'front_bytes', 'back_sha256', 'back_bytes', 'quality', 'problems']).where('id', '=', t.scanId));
    if (!scan) throw new StationError('CHECK_SCAN_UNKNOWN', {}, field);
    if (station.st.get(station.kysely.selectFrom('tender_images').select('scan_id').where('scan_id', '=', t.scanId))) throw new StationError('CHECK_SCAN_USED', {}, field);
    const read = parser.parse(scan.micr_raw);
    if (!read.ok || read.check.routing !== t.routing || read.check.account !== t.account || read.check.checkNumber !== t.checkNumber.replace(/^0+(?=\d)/, '')) {
      throw new StationError('CHECK_SCAN_MISMATCH', {}, field);
    }
    let overrideBy: string | null = null;
    if (scan.quality === 'poor') {
      if (!t.imageOverride) throw new StationError('CHECK_IMAGE_POOR', { problems: (JSON.parse(scan.problems) as ImageProblem[]).join(', ') }, field);
      overrideBy = approveOverride(station, user, t.imageOverride, i);
    }
    const rec: TenderImagesRecord = { receiptId, tenderNo: i + 1, scanId: t.scanId, front: scan.front_sha256, back: scan.back_sha256, paperOnly: overrideBy !== null, overrideBy };
    station.st.run(station.kysely.insertInto('tender_images').values({
      receipt_id: receiptId, tender_no: rec.tenderNo, scan_id: rec.scanId, front_sha256: rec.front, back_sha256: rec.back, paper_only: rec.paperOnly ? 1 : 0, override_by: overrideBy,
    }));
    // The event tells the hub which images belong to the tender; the images follow it (sync/images.ts).
    station.record('check.images', `${receiptId}:${rec.tenderNo}`, rec, at);
    queueImages(station, [[rec.front, scan.front_bytes], ...(rec.back && scan.back_bytes ? [[rec.back, scan.back_bytes] as [string, number]] : [])], at);
  });
}
