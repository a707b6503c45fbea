// Which check images the hub still has to receive: each image a check.images outbox event names is queued
// in the posting's transaction with that event's seq, and sent once the hub has acknowledged the event
// (the hub takes only images its events named). A confirmation row marks the hub holding the whole of it.
import { lastOutboxSeqOf } from '../journal';
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
