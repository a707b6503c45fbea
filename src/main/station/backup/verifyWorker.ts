// Worker thread: `verify` on a backup file, off the till's thread (a year's ledger takes seconds).
// Opened read-only: the copy is checked as written, never migrated or changed. With imagesDir, the check
// images it names are checked there too (present, and hashing to their names).
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../db/open';
import { Station } from '../station';
import { imageFilesIn } from '../checkImages/verifyChecks';
import { backupChecks, verifyLedger } from '../verify';

const { path, imagesDir } = workerData as { path: string; imagesDir: string | null };
let answer: { ok: boolean; summary: string };
try {
  const station = new Station(await openDb(path, { readonly: true }));
  try {
    const r = verifyLedger(station, imagesDir ? [...backupChecks, imageFilesIn(imagesDir)] : backupChecks);
    answer = { ok: r.ok, summary: r.summary };
  } finally {
    station.close();
  }
} catch (e) {
  answer = { ok: false, summary: `the copy cannot be read as a ledger: ${e instanceof Error ? e.message : String(e)}` };
}
parentPort!.postMessage(answer);
