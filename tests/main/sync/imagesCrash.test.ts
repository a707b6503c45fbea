// Issue 16: "images reach the hub after a SIGKILL mid-upload, exactly once, with their hashes". A real
// station process uploads its check images to a real hub over HTTP in small chunks and is SIGKILLed
// twice: once just after the hub completed an image but before the station recorded it, once in the
// middle of an image. A fresh process on the same SQLite file then finishes: the hub holds every image
// once, each hashing to its name, the interrupted one resumed from the offset the hub held (no chunk sent
// twice), and the completed one answered "already have it" without a byte sent again.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { syncOf } from '../../../src/main/sync/service';
import { openDb } from '../../../src/main/db/open';
import { imagePath } from '../../../src/main/station/checkImages/store';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';
import { payByScannedCheck } from '../../helpers/checks';

const CHUNK = 256;
const outDir = join(fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url)), `images-crash-${process.pid}`);
const child = join(outDir, 'imagesChild.mjs');
let hub: TestHub;
let t: TestStation;
let images: string[];

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  await build({ entryPoints: [fileURLToPath(new URL('./fixtures/imagesChild.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile: child, packages: 'external', logLevel: 'silent' });
  hub = await makeHub();
  t = await makeStation();
  syncOf(t.station, FAST);
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
  await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
  // The checks are taken with the sync stopped: their events and images are for the child to send.
  await syncOf(t.station).stop();
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  const taken = [];
  for (const [n, cents] of [['801', 4_500], ['802', 12_000], ['803', 990]] as const) taken.push(await payByScannedCheck(t, n, cents));
  images = [...new Set(taken.flatMap((c) => [c.front, c.back!]))];
  t.station.close(); // the children own the database from here on
}, 120_000);
afterAll(async () => { t?.cleanup(); await hub?.cleanup(); rmSync(outDir, { recursive: true, force: true }); });

interface Chunk { sha: string; offset: number; length: number; received: number; complete: boolean; alreadyHad: boolean }

/** Runs the child; with a stop point, SIGKILLs it once it blocks there. Its chunks, in order. */
function run(stopAt: string): Promise<{ chunks: Chunk[]; done: string | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, t.path, String(CHUNK), stopAt], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Chunk[] = [];
    let buf = '', err = '', done: string | null = null;
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).split(' ');
        buf = buf.slice(nl + 1);
        if (line[0] === 'CHUNK') chunks.push({ sha: line[1]!, offset: Number(line[2]), length: Number(line[3]), received: Number(line[4]), complete: line[5] === '1', alreadyHad: line[6] === '1' });
        if (line[0] === 'BLOCKED') p.kill('SIGKILL');
        if (line[0] === 'DONE') done = line.slice(1).join(' ');
      }
    });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('exit', (code, signal) => {
      if (stopAt === 'none' ? code === 0 : signal === 'SIGKILL') resolve({ chunks, done });
      else reject(new Error(`child ended (${code} ${signal}) unexpectedly: ${err}`));
    });
  });
}

const confirmed = async (): Promise<string[]> => {
  const db = await openDb(t.path, { readonly: true });
  try { return (db.sqlite.prepare('SELECT sha256 FROM image_confirmations ORDER BY rowid').all() as { sha256: string }[]).map((r) => r.sha256); } finally { db.close(); }
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

it(`images reach the hub after a SIGKILL mid-upload, exactly once, with their hashes (${ENGINE})`, async () => {
  expect(images.length).toBeGreaterThanOrEqual(3);
  const size = (h: string) => readFileSync(imagePath(t.station, h)).length;

  // 1. Killed right after the hub completed the first image, before the station wrote it down.
  const first = await run('complete:1');
  const a = first.chunks.at(-1)!;
  expect(a).toMatchObject({ complete: true, alreadyHad: false });
  expect(await hub.db.kysely.selectFrom('check_images').select('sha256').execute()).toEqual([{ sha256: a.sha }]);
  expect(await confirmed()).toEqual([]);
  // The events went first: the hub acknowledged them all before any image was sent.
  expect(await hub.db.kysely.selectFrom('check_image_refs').select('sha256').distinct().execute()).toHaveLength(images.length);

  // 2. Killed in the middle of the next image, the hub holding 3 of its chunks.
  const second = await run('partial:3');
  expect(second.chunks[0]).toMatchObject({ sha: a.sha, length: 0, complete: true, alreadyHad: true });
  const cut = second.chunks.at(-1)!;
  expect(cut.complete).toBe(false);
  const held = await hub.db.kysely.selectFrom('check_image_uploads').select(['sha256', 'received_bytes', 'total_bytes']).execute();
  expect(held).toEqual([{ sha256: cut.sha, received_bytes: 3 * CHUNK, total_bytes: size(cut.sha) }]);
  expect(await confirmed()).toEqual([a.sha]);

  // 3. A fresh process finishes: the cut image resumes at the hub's offset.
  const last = await run('none');
  expect(JSON.parse(last.done!)).toMatchObject({ state: 'online', pendingCount: 0, images: { pending: 0, unsendable: 0 } });
  const resumed = last.chunks.filter((c) => c.sha === cut.sha);
  expect(resumed[0]!.offset).toBe(3 * CHUNK);
  expect(last.chunks.some((c) => c.sha === a.sha)).toBe(false);

  // Every image on the hub once, hashing to its name, byte for byte the station's file; each chunk taken
  // once (chunks = the image's size in chunks: nothing restarted), and the bytes sent add up to the sizes.
  const rows = await hub.db.kysely.selectFrom('check_images').select(['sha256', 'bytes', 'size', 'chunks']).execute();
  expect(rows.map((r) => r.sha256).sort()).toEqual([...images].sort());
  for (const r of rows) {
    expect(sha(r.bytes)).toBe(r.sha256);
    expect(r.size).toBe(size(r.sha256));
    expect(r.chunks).toBe(Math.ceil(r.size / CHUNK));
  }
  const sent = [...first.chunks, ...second.chunks, ...last.chunks];
  for (const h of images) expect(sent.filter((c) => c.sha === h).reduce((s, c) => s + c.length, 0)).toBe(size(h));
  expect(await hub.db.kysely.selectFrom('check_image_uploads').selectAll().execute()).toEqual([]);
  expect((await confirmed()).sort()).toEqual([...images].sort());
}, 300_000);
