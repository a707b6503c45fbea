// Check images to the hub, after their events (issue 16): each image whose check.images event the hub has
// acknowledged is sent in chunks from the offset the hub says it holds, so an upload cut off anywhere (a
// lost answer, a SIGKILL, a power cut) resumes there and no byte is sent twice. The hub hashes the whole
// image; its "complete" is recorded as the confirmation, after which the station may let the image go.
// The till is never held up: the file is read asynchronously, and each database step is one statement.
import { readFile } from 'node:fs/promises';
import type { Station } from '../station/station';
import { imagePath, sha256Hex } from '../station/checkImages/store';
import { confirmImage, pendingImages, unconfirmedImageCount, type PendingImage } from '../station/checkImages/toHub';
import { HubRefused, type HubClient } from './client';
import { getNumber, setState } from './state';

/** A chunk the hub took; length 0 with alreadyHad: the hub had the whole image before this upload. */
export interface ImageChunkSent { sha256: string; offset: number; length: number; receivedBytes: number; complete: boolean; alreadyHad: boolean }

export interface ImagePushOptions {
  /** Bytes per chunk (the hub takes up to 256 KiB; tests make them small to cut an upload in the middle). */
  imageChunkBytes: number;
  /** Told of each chunk the hub took (tests and the benchmark watch the upload with it). */
  onImageChunk?: ((c: ImageChunkSent) => void) | undefined;
}

/** An image this cycle could not send, and why (for IT: the file is gone or changed, or the hub refused it). */
export interface ImageProblem { sha256: string; why: string }

const PAGE = 50;

/** Sends every pending image; returns the ones it could not send (they stay pending for the next cycle). */
export async function pushImages(station: Station, client: HubClient, opts: ImagePushOptions, stopped: () => boolean): Promise<ImageProblem[]> {
  if (unconfirmedImageCount(station) === 0) return [];
  const st = station.st;
  const acked = getNumber(st, 'hub_acked_seq');
  const from = getNumber(st, 'images_from_seq');
  const problems: (ImageProblem & { eventSeq: number })[] = [];
  let after: PendingImage | null = null;
  for (;;) {
    const page = pendingImages(station, from, acked, PAGE, after);
    if (!page.length) break;
    for (const img of page) {
      const why = await sendImage(station, client, img, opts, stopped);
      if (why) problems.push({ sha256: img.sha256, why, eventSeq: img.eventSeq });
    }
    after = page[page.length - 1]!;
  }
  // Everything below the first image still unsent is confirmed: the next cycle starts there.
  setState(st, 'images_from_seq', problems.length ? Math.min(...problems.map((p) => p.eventSeq)) : Math.max(from, acked + 1));
  return problems.map(({ sha256, why }) => ({ sha256, why }));
}

/** Sends one image; null once the hub confirmed it, else why not (a refusal retrying cannot change). */
async function sendImage(station: Station, client: HubClient, img: PendingImage, opts: ImagePushOptions, stopped: () => boolean): Promise<string | null> {
  const sha = img.sha256;
  try {
    const held = await client.imageStatus(sha);
    if (stopped()) throw new Error('stopped');
    if (held.complete) {
      opts.onImageChunk?.({ sha256: sha, offset: held.receivedBytes, length: 0, receivedBytes: held.receivedBytes, complete: true, alreadyHad: true });
      confirmImage(station, sha, true);
      return null;
    }
    let bytes: Buffer;
    try { bytes = await readFile(imagePath(station, sha)); } catch (e) { return `the image file is missing (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}); civictill verify names its tender`; }
    // Never send the hub what the journal does not name: a changed file would be refused on its last chunk.
    if (sha256Hex(bytes) !== sha) return 'the image file was changed after it was taken; civictill verify names its tender';
    const size = bytes.length;
    // An unfinished upload of another size is not this image's (our bytes hash to its name): start it again.
    let offset = held.totalBytes !== null && held.totalBytes !== size ? 0 : held.receivedBytes;
    const chunk = Math.max(1, opts.imageChunkBytes);
    for (let guard = 0; guard <= Math.ceil(size / chunk) + 8; guard++) {
      const part = bytes.subarray(offset, offset + chunk);
      let s;
      try {
        s = await client.putImageChunk(sha, offset, size, part);
      } catch (e) {
        // The hub holds a different amount than we thought (an answer lost on the way): go on from its offset.
        if (e instanceof HubRefused && (e.code === 'WRONG_OFFSET' || e.code === 'HASH_MISMATCH') && e.expectedOffset !== undefined) { offset = e.expectedOffset; continue; }
        if (e instanceof HubRefused && e.code === 'SIZE_MISMATCH') { offset = 0; continue; }
        throw e;
      }
      if (stopped()) throw new Error('stopped');
      opts.onImageChunk?.({ sha256: sha, offset, length: s.alreadyHad ? 0 : part.length, receivedBytes: s.receivedBytes, complete: s.complete, alreadyHad: s.alreadyHad });
      if (s.complete) { confirmImage(station, sha, s.alreadyHad); return null; }
      offset = s.receivedBytes;
    }
    return 'the hub kept asking for other offsets; the upload was left for the next cycle';
  } catch (e) {
    // An image the hub refuses for good (not named by its events, too large) must not stop the others.
    if (e instanceof HubRefused && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429) return `the hub refused it: ${e.code}: ${e.message}`;
    throw e;
  }
}
