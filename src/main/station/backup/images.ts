// The check images go with the ledger's backup: the folder `check-images/` in the backup folder, laid out
// like the station's own (content-addressed by SHA-256). An image never changes once taken, so only the
// ones the backup folder lacks are copied: each read and hash-checked here, written under a temporary
// name, flushed and renamed (a run killed half-way leaves no image half-written under its name, and the
// next run removes what it left).
// Asynchronous, one file at a time: the till keeps answering while a first backup copies thousands.
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Station } from '../station';
import { namedImages, type NamedImage } from '../checkImages/named';
import { imagePathIn, imageRoot } from '../checkImages/store';

export const BACKUP_IMAGES = 'check-images';

export interface ImageCopy { copied: number; present: number; bytes: number; problems: string[] }

/** A temporary copy: `<sha256>.tif.<pid>.partial`, named for the process writing it. */
const PARTIAL = /^[0-9a-f]{64}\.tif\.(\d+)\.partial$/;

function running(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** The names in an image folder; temporary copies a killed run left there are removed on the way. */
async function namesIn(dir: string): Promise<Set<string>> {
  let names: string[];
  try { names = await readdir(dir); } catch { return new Set(); }
  for (const name of names) {
    const pid = Number(PARTIAL.exec(name)?.[1] ?? 0);
    if (pid && pid !== process.pid && !running(pid)) await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
  return new Set(names.filter((n) => !PARTIAL.test(n)));
}

/** Copies the images from the image folder `from` into `to` where `to` lacks them (one the hub holds may be gone from both). */
export async function copyImages(images: readonly NamedImage[], from: string, to: string): Promise<ImageCopy> {
  const out: ImageCopy = { copied: 0, present: 0, bytes: 0, problems: [] };
  const listed = new Map<string, Set<string>>();
  for (const { sha256: sha, atHub } of images) {
    const dest = imagePathIn(to, sha);
    const dir = dirname(dest);
    if (!listed.has(dir)) listed.set(dir, await namesIn(dir));
    if (listed.get(dir)!.has(`${sha}.tif`)) { out.present++; continue; }
    let bytes: Buffer;
    try { bytes = await readFile(imagePathIn(from, sha)); } catch { if (!atHub) out.problems.push(`the image ${sha} is missing from ${from}`); continue; }
    if (createHash('sha256').update(bytes).digest('hex') !== sha) { out.problems.push(`the image ${sha} in ${from} no longer hashes to its name`); continue; }
    await mkdir(dir, { recursive: true });
    const tmp = `${dest}.${process.pid}.partial`;
    try {
      const fh = await open(tmp, 'w');
      try { await fh.writeFile(bytes); await fh.sync(); } finally { await fh.close(); }
      await rename(tmp, dest);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    listed.get(dir)!.add(`${sha}.tif`);
    out.copied++;
    out.bytes += bytes.length;
  }
  return out;
}

/** The station's images into the backup folder's `check-images/`. */
export function backUpImages(station: Station, folder: string): Promise<ImageCopy> {
  return copyImages(namedImages(station), imageRoot(station), join(folder, BACKUP_IMAGES));
}
