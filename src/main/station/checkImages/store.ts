// The check image store: TIFF files outside the database, named by their SHA-256 (content-addressed, so
// the same image is kept once and a changed file no longer matches its name nor the journal's hash).
// A file is written to a temporary name, flushed to disk, renamed and its folder flushed: it is durable
// before the scan is offered to the till, so before any receipt that uses it commits and prints.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Station } from '../station';

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** The folder beside the database (a backup copies it with the ledger's folder). */
export function imageRoot(station: Station): string {
  return join(dirname(station.db.sqlite.name), 'check-images');
}

/** Where an image lives under an image folder (the station's, or a backup's, laid out the same). */
export function imagePathIn(root: string, sha: string): string {
  return join(root, sha.slice(0, 2), `${sha}.tif`);
}

export function imagePath(station: Station, sha: string): string {
  return imagePathIn(imageRoot(station), sha);
}

function fsyncDir(dir: string): void {
  try { const fd = openSync(dir, 'r'); try { fsyncSync(fd); } finally { closeSync(fd); } } catch { /* Windows cannot open a folder: NTFS orders the rename */ }
}

/** Stores an image; returns its hash. Storing the same bytes twice keeps one file. */
export function putImage(station: Station, bytes: Buffer): string {
  const sha = sha256Hex(bytes);
  const path = imagePath(station, sha);
  if (existsSync(path) && sha256Hex(readFileSync(path)) === sha) return sha;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.partial`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally { closeSync(fd); }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
  return sha;
}

export type ImageRead = { ok: true; bytes: Buffer } | { ok: false; why: 'missing' | 'changed' };

/** Reads an image back and checks it is still the one its hash names. */
export function getImage(station: Station, sha: string): ImageRead {
  return readImageIn(imageRoot(station), sha);
}

/** The same, from any image folder laid out like the station's (a backup's). */
export function readImageIn(root: string, sha: string): ImageRead {
  const path = imagePathIn(root, sha);
  if (!existsSync(path)) return { ok: false, why: 'missing' };
  const bytes = readFileSync(path);
  return sha256Hex(bytes) === sha ? { ok: true, bytes } : { ok: false, why: 'changed' };
}
