// The city's copy of the check images (issue 16): a station uploads each image its events named, in
// chunks at the offset the hub holds, so an upload cut off anywhere resumes where the hub stopped. On the
// last chunk the whole image is hashed; only an image that matches its name is kept, once.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { MAX_CHECK_IMAGE_BYTES, type CheckImageStatus } from '../shared/hubProtocol';
import type { HubDb } from './db';
import { HubError } from './errors';

const notNamed = (stationId: string, sha: string) => new HubError(409, 'IMAGE_NOT_NAMED',
  `no check.images event of station ${stationId} names image ${sha}: push the events first (the hub keeps only images of check tenders it knows)`);

async function named(db: HubDb, stationId: string, sha: string): Promise<boolean> {
  return !!await db.kysely.selectFrom('check_image_refs').select('sha256').where('sha256', '=', sha).where('station_id', '=', stationId).limit(1).executeTakeFirst();
}

/** How much of the image the hub holds (GET): where an upload resumes. */
export async function imageStatus(db: HubDb, stationId: string, sha: string): Promise<CheckImageStatus> {
  if (!await named(db, stationId, sha)) throw notNamed(stationId, sha);
  const done = await db.kysely.selectFrom('check_images').select('size').where('sha256', '=', sha).executeTakeFirst();
  if (done) return { sha256: sha, complete: true, receivedBytes: done.size, totalBytes: done.size, alreadyHad: false };
  const up = await db.kysely.selectFrom('check_image_uploads').select(['total_bytes', 'received_bytes']).where('sha256', '=', sha).executeTakeFirst();
  return { sha256: sha, complete: false, receivedBytes: up?.received_bytes ?? 0, totalBytes: up?.total_bytes ?? null, alreadyHad: false };
}

export interface Chunk { sha: string; offset: number; size: number }

/** Checked before the body is read: who may send it, and whether the hub wants it at all. */
export async function checkChunk(db: HubDb, stationId: string, c: Chunk): Promise<CheckImageStatus | null> {
  if (c.size > MAX_CHECK_IMAGE_BYTES) throw new HubError(413, 'IMAGE_TOO_LARGE', `an image of ${c.size} bytes is larger than the ${MAX_CHECK_IMAGE_BYTES} bytes the hub keeps of a check image`);
  if (c.offset >= c.size) throw new HubError(400, 'BAD_OFFSET', `offset ${c.offset} is not inside an image of ${c.size} bytes`);
  const s = await imageStatus(db, stationId, c.sha);
  return s.complete ? { ...s, alreadyHad: true } : null;
}

type Outcome = { status: CheckImageStatus } | { refuse: HubError };

/** Stores one chunk at its offset; the last one completes the image if the whole hashes to its name. */
export async function putChunk(db: HubDb, stationId: string, c: Chunk, bytes: Buffer, now: Date): Promise<CheckImageStatus> {
  if (!bytes.length) throw new HubError(400, 'EMPTY_CHUNK', 'the chunk has no bytes');
  if (c.offset + bytes.length > c.size) throw new HubError(400, 'BEYOND_SIZE', `the chunk (${bytes.length} bytes at ${c.offset}) runs past the image's ${c.size} bytes`);
  const at = now.toISOString();
  // A refusal that drops what was received is committed, then answered: a failed hash keeps nothing.
  const out = await db.kysely.transaction().execute(async (tx): Promise<Outcome> => {
    // One writer per image at a time (the same image from a retried request, or from two stations).
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${c.sha}, 16))`.execute(tx);
    const done = await tx.selectFrom('check_images').select('size').where('sha256', '=', c.sha).executeTakeFirst();
    if (done) return { status: { sha256: c.sha, complete: true, receivedBytes: done.size, totalBytes: done.size, alreadyHad: true } };
    let up = await tx.selectFrom('check_image_uploads').select(['total_bytes', 'received_bytes']).where('sha256', '=', c.sha).executeTakeFirst();
    // An unfinished upload that declared another size is wrong one way or the other (the hash will say
    // which): a fresh start at offset 0 replaces it, so an abandoned bad upload cannot block the image.
    if (up && up.total_bytes !== c.size && c.offset === 0) {
      await tx.deleteFrom('check_image_uploads').where('sha256', '=', c.sha).execute();
      up = undefined;
    }
    const held = up?.received_bytes ?? 0;
    if (up && up.total_bytes !== c.size) {
      return { refuse: new HubError(409, 'SIZE_MISMATCH', `the upload of image ${c.sha} began as ${up.total_bytes} bytes; this chunk says ${c.size} (send from offset ${held}, or from 0 to start it again)`, { expectedOffset: held }) };
    }
    if (c.offset !== held) return { refuse: new HubError(409, 'WRONG_OFFSET', `the hub holds ${held} bytes of image ${c.sha}; send from offset ${held} (got ${c.offset})`, { expectedOffset: held }) };
    if (!up) await tx.insertInto('check_image_uploads').values({ sha256: c.sha, station_id: stationId, total_bytes: c.size, received_bytes: 0, started_at: at, updated_at: at }).execute();
    const received = held + bytes.length;
    if (received < c.size) {
      await tx.insertInto('check_image_parts').values({ sha256: c.sha, start_byte: c.offset, bytes }).execute();
      await tx.updateTable('check_image_uploads').set({ received_bytes: received, updated_at: at }).where('sha256', '=', c.sha).execute();
      return { status: { sha256: c.sha, complete: false, receivedBytes: received, totalBytes: c.size, alreadyHad: false } };
    }
    const parts = await tx.selectFrom('check_image_parts').select('bytes').where('sha256', '=', c.sha).orderBy('start_byte').execute();
    const whole = Buffer.concat([...parts.map((p) => p.bytes), bytes]);
    await tx.deleteFrom('check_image_uploads').where('sha256', '=', c.sha).execute();
    const got = createHash('sha256').update(whole).digest('hex');
    if (got !== c.sha) {
      return { refuse: new HubError(422, 'HASH_MISMATCH', `the ${whole.length} bytes received hash to ${got}, not to ${c.sha}: nothing of this image is kept; send it again from offset 0`, { expectedOffset: 0 }) };
    }
    await tx.insertInto('check_images').values({ sha256: c.sha, bytes: whole, size: whole.length, station_id: stationId, received_at: at, chunks: parts.length + 1 }).execute();
    return { status: { sha256: c.sha, complete: true, receivedBytes: whole.length, totalBytes: whole.length, alreadyHad: false } };
  });
  if ('refuse' in out) throw out.refuse;
  return out.status;
}
