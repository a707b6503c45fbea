// A SIGKILL during a backup leaves the last good backup intact: a real child process backing up in a
// loop is killed at random moments (mid-copy, mid-verify, mid-write); after each kill every backup
// file in the folder verifies, the last good one is byte for byte what it was, and the next run clears
// what the killed one left.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { openDb } from '../../../../src/main/db/open';
import { Station } from '../../../../src/main/station/station';
import { verifyLedger } from '../../../../src/main/station/verify';
import { listBackups } from '../../../../src/main/station/backup/run';
import { prng } from '../../../../src/shared/prng';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';
import { bundleChild, CACHE_DIR, runUntilKilled } from '../../../helpers/crashChild';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const outDir = join(CACHE_DIR, `backup-crash-${process.pid}`);
const child = join(outDir, 'backupChild.mjs');
let t: TestStation;
let folder: string;

beforeAll(async () => {
  t = await makeStation({ accounts: 4000 });
  folder = mkdtempSync(join(tmpdir(), 'civictill-backup-crash-'));
  await t.ok('backup.updateSettings', { folder, intervalMinutes: 15, keep: 3 }, 'admin');
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  // Bundled as the CLI is: the verify worker sits beside the child, as backupVerifyWorker.mjs beside the CLI.
  await bundleChild(join(fixtures, 'backupChild.ts'), 'backupChild', outDir);
  await bundleChild(fileURLToPath(new URL('../../../../src/main/station/backup/verifyWorker.ts', import.meta.url)), 'backupVerifyWorker', outDir);
  t.station.close(); // the child owns the database from here on
});
afterAll(() => { t.cleanup(); rmSync(outDir, { recursive: true, force: true }); rmSync(folder, { recursive: true, force: true }); });

type Line = 'READY' | 'START' | 'COPYING' | 'DONE';

/** Runs the child until `when` has been printed `nth` times, then SIGKILLs it after `delayMs`; the DONE files it reported. */
function runAndKill(when: Line, nth: number, delayMs: number): Promise<string[]> {
  const done: string[] = [];
  let seen = 0;
  const { exited } = runUntilKilled(child, [t.path], (line, run) => {
    if (line.startsWith('DONE ')) done.push(line.slice(5));
    if (line.startsWith('FAILED')) run.err += line;
    if (line.split(' ')[0] === when && ++seen === nth) run.kill(delayMs);
  });
  return exited.then(() => done);
}

/** Runs the child for `runs` backups to its own end; the DONE files it reported. */
function runToEnd(runs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, t.path, String(runs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('exit', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l.startsWith('DONE ')).map((l) => l.slice(5))) : reject(new Error(`child failed (${code}): ${err}`))));
  });
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function verifies(path: string): Promise<boolean> {
  const s = new Station(await openDb(path, { readonly: true }));
  try { return verifyLedger(s).ok; } finally { s.close(); }
}

it('a SIGKILL at any moment of a backup leaves the last good backup intact', async () => {
  // One good backup first.
  const first = await runAndKill('DONE', 1, 0);
  expect(first).toHaveLength(1);
  let lastGood = first[0]!;
  let lastHash = sha(lastGood);
  const rand = prng(20261121);
  const moments: [Line, number][] = [['COPYING', 0], ['START', 0], ['START', 40], ['START', 120], ['START', 250], ['START', 400], ['COPYING', 5], ['START', 800]];
  for (const [when, baseDelay] of moments) {
    const done = await runAndKill(when, 1, baseDelay + Math.floor(rand() * 20));
    if (done.length) { lastGood = done[done.length - 1]!; lastHash = sha(lastGood); }
    // The last good backup is untouched, and every backup kept verifies: nothing half-written has a backup's name.
    expect(sha(lastGood)).toBe(lastHash);
    const kept = listBackups(folder, 'ST01');
    expect(kept.map((k) => k.path)).toContain(lastGood);
    for (const k of kept) expect(await verifies(k.path), k.name).toBe(true);
    expect(readdirSync(folder).filter((n) => !/^civictill-ST01-.*\.db$/.test(n) && !/^\.civictill-ST01-.*\.(partial|probe)$/.test(n))).toEqual([]);
  }
  // The next run clears what a killed one left, and keeps three (it ends by itself: a kill would leave its own probe).
  const after = await runToEnd(4);
  expect(after).toHaveLength(4);
  expect(readdirSync(folder).filter((n) => n.startsWith('.'))).toEqual([]);
  expect(listBackups(folder, 'ST01')).toHaveLength(3);
}, 300_000);
