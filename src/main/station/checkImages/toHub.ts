// Which check images the hub still has to receive: each image a check.images outbox event names is queued
// in the posting's transaction with that event's seq, and sent once the hub has acknowledged the event
// (the hub takes only images its events named). A confirmation row marks the hub holding the whole of it.
import { canonicalJson } from '../../../shared/canonical';
import { appendOutbox, lastOutboxSeqOf } from '../journal';
import type { TenderImagesRecord } from './attach';
import type { Station } from '../station';

export interface PendingImage { sha256: string; bytes: number; eventSeq: number }

/** Inside the posting transaction, right after the check.images event was recorded. */
export function queueImages(station: Station, images: [sha: string, bytes: number][], at: string): void {
  const seq = lastOutboxSeqOf(station.st);
  for (const [sha, bytes] of images) {
    // The same image named by two tenders is sent once: the first event that names it is enough.
    station.st.run(station.kysely.insertInto('image_uploads').values({ sha256: sha, event_seq: seq, bytes, queued_at: at }).onConflict((oc) => oc.column('sha256').doNothing()));
  }
}

/**
 * Images whose event the hub has acknowledged (fromSeq ≤ seq ≤ ackedSeq) and that it has not confirmed,
 * oldest first, after `after` (a page's last image: one that cannot be sent is passed over, not asked
 * again). fromSeq: below it all are confirmed, so years of sent images are not walked every cycle.
 */
export function pendingImages(station: Station, fromSeq: number, ackedSeq: number, limit: number, after: PendingImage | null = null): PendingImage[] {
  let q = station.kysely.selectFrom('image_uploads as u')
    .leftJoin('image_confirmations as c', 'c.sha256', 'u.sha256').where('c.sha256', 'is', null).where('u.event_seq', '>=', fromSeq).where('u.event_seq', '<=', ackedSeq);
  if (after) q = q.where((eb) => eb.or([eb('u.event_seq', '>', after.eventSeq), eb.and([eb('u.event_seq', '=', after.eventSeq), eb('u.sha256', '>', after.sha256)])]));
  return station.st.all<{ sha256: string; bytes: number; event_seq: number }>(q.select(['u.sha256', 'u.bytes', 'u.event_seq']).orderBy('u.event_seq').orderBy('u.sha256').limit(limit))
    .map((r) => ({ sha256: r.sha256, bytes: r.bytes, eventSeq: r.event_seq }));
}

/**
 * Images not yet confirmed by the hub (whether or not their event has reached it). Both tables only grow
 * (triggers refuse DELETE) and a conflicting insert takes no rowid, so each one's MAX(rowid) is its row
 * count: a difference of two index look-ups, asked on every status, never a scan of years of images.
 */
export function unconfirmedImageCount(station: Station): number {
  const n = station.st.sqlGet<{ u: number | null; c: number | null }>('SELECT (SELECT MAX(rowid) FROM image_uploads) AS u, (SELECT MAX(rowid) FROM image_confirmations) AS c')!;
  return Math.max(0, (n.u ?? 0) - (n.c ?? 0));
}

/** The hub said it holds the whole image, its hash checked: one short transaction. */
export function confirmImage(station: Station, sha: string, alreadyHad: boolean): void {
  station.st.run(station.kysely.insertInto('image_confirmations').values({ sha256: sha, confirmed_at: station.nowIso(), already_had: alreadyHad ? 1 : 0 })
    .onConflict((oc) => oc.column('sha256').doNothing()));
}

/**
 * Tenders posted before their check.images event went to the hub (stations first set up with 0020): the
 * event is queued now, with the journal's own record, and the images after it. Idempotent: a tender whose
 * front is queued already is passed over. One transaction; returns how many tenders were announced.
 */
export function announceEarlierTenderImages(station: Station): number {
  return station.st.tx(() => {
    const rows = station.st.all<{ receipt_id: string; tender_no: number; scan_id: string; front_sha256: string; back_sha256: string | null; paper_only: number; override_by: string | null; front_bytes: number; back_bytes: number | null }>(
      station.kysely.selectFrom('tender_images as t').innerJoin('check_scans as s', 's.id', 't.scan_id').leftJoin('image_uploads as u', 'u.sha256', 't.front_sha256')
        .where('u.sha256', 'is', null)
        .select(['t.receipt_id', 't.tender_no', 't.scan_id', 't.front_sha256', 't.back_sha256', 't.paper_only', 't.override_by', 's.front_bytes', 's.back_bytes'])
        .orderBy('t.receipt_id').orderBy('t.tender_no'));
    const at = station.nowIso();
    for (const r of rows) {
      const rec: TenderImagesRecord = { receiptId: r.receipt_id, tenderNo: r.tender_no, scanId: r.scan_id, front: r.front_sha256, back: r.back_sha256, paperOnly: r.paper_only === 1, overrideBy: r.override_by };
      // Only the outbox: the journal has held this record since the tender was posted.
      appendOutbox(station.st, station.stationId, 'check.images', canonicalJson(rec), at);
      queueImages(station, [[r.front_sha256, r.front_bytes], ...(r.back_sha256 && r.back_bytes ? [[r.back_sha256, r.back_bytes] as [string, number]] : [])], at);
    }
    return rows.length;
  });
}
