// The city's copy of a check image for the finance office: a receipt's check images found by the number
// printed on the receipt, each fetched whole (TIFF) by its SHA-256 — over the admin API, and with
// `civictill hub check-images` as a real process writing the files. Only the admin may ask.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHub, enrolStation, ENGINE, type TestHub } from '../helpers/hub';
import { imagesEvent, push, receiptEvent, sessionEvent } from './events';

const run = promisify(execFile);
let hub: TestHub;
let dir: string;
const auth: Record<string, string> = {};
const seq: Record<string, number> = { C1: 0, C2: 0 };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A check receipt and the event naming its two images (the receipt id given, to make a clash); the images. */
async function checkReceipt(stationId: string, n: number, receiptId?: string): Promise<{ front: Buffer; back: Buffer; number: string }> {
  const front = randomBytes(4000), back = randomBytes(2500);
  const r = receiptEvent(stationId, ++seq[stationId]!, n, { tender: 'check', cents: 6100 });
  const data = r.data as { id: string; receiptNumber: string };
  if (receiptId) data.id = receiptId;
  const res = await push(hub.url, auth[stationId]!, [r, imagesEvent(stationId, ++seq[stationId]!, data.id, sha(front), sha(back))]);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return { front, back, number: data.receiptNumber };
}

async function upload(stationId: string, bytes: Buffer): Promise<void> {
  const res = await fetch(`${hub.url}/v1/sync/check-images?sha256=${sha(bytes)}&offset=0&size=${bytes.length}`, { method: 'POST', headers: { authorization: auth[stationId]!, 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
  expect(res.status).toBe(200);
}

const get = (path: string, authorization = `Bearer ${hub.adminToken}`) => fetch(`${hub.url}${path}`, { headers: { authorization } });

beforeAll(async () => {
  hub = await makeHub();
  dir = mkdtempSync(join(tmpdir(), 'civictill-hubimages-'));
  for (const s of ['C1', 'C2']) {
    auth[s] = (await enrolStation(hub, s)).auth;
    expect((await push(hub.url, auth[s]!, [sessionEvent(s, ++seq[s]!)])).status).toBe(200);
  }
});
afterAll(async () => { await hub?.cleanup(); rmSync(dir, { recursive: true, force: true }); });

describe(`a receipt's check images from the hub (${ENGINE})`, () => {
  it('lists them by the receipt number, says which the hub holds, and gives each image whole', async () => {
    const a = await checkReceipt('C1', 1);
    await upload('C1', a.front); // the back is still at the station
    const res = await get(`/v1/admin/check-images?receipt=${a.number}`);
    expect(res.status).toBe(200);
    const list = await res.json() as { side: string; sha256: string; held: boolean; size: number | null; checkNumber: string; amountCents: number; stationId: string; businessDay: string }[];
    expect(list).toEqual([
      { stationId: 'C1', receiptNumber: a.number, businessDay: '2026-11-20', tenderNo: 1, checkNumber: '1001', amountCents: 6100, side: 'front', sha256: sha(a.front), held: true, size: 4000 },
      { stationId: 'C1', receiptNumber: a.number, businessDay: '2026-11-20', tenderNo: 1, checkNumber: '1001', amountCents: 6100, side: 'back', sha256: sha(a.back), held: false, size: null },
    ]);
    const file = await get(`/v1/admin/check-images/file?sha256=${sha(a.front)}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/tiff');
    expect(file.headers.get('content-disposition')).toContain(`${sha(a.front)}.tif`);
    expect(Buffer.from(await file.arrayBuffer()).equals(a.front)).toBe(true);
    // Not held yet: a 404 that says why.
    const notYet = await get(`/v1/admin/check-images/file?sha256=${sha(a.back)}`);
    expect(notYet.status).toBe(404);
    expect(((await notYet.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'IMAGE_NOT_HELD', message: expect.stringContaining('may not have sent it yet') });
  });

  it('finds the images of a receipt whose id another station held first (kept under the station\'s own key)', async () => {
    const shared = randomUUID();
    await checkReceipt('C1', 2, shared);
    const b = await checkReceipt('C2', 1, shared);
    await upload('C2', b.front);
    const list = await (await get(`/v1/admin/check-images?receipt=${b.number}`)).json() as { stationId: string; sha256: string; held: boolean }[];
    expect(list.map((x) => [x.stationId, x.sha256, x.held])).toEqual([['C2', sha(b.front), true], ['C2', sha(b.back), false]]);
    expect(await (await get(`/v1/admin/check-images?receipt=${b.number}&station=C1`)).json()).toEqual([]);
  });

  it('answers the admin only, and bad queries with a 400 naming them', async () => {
    const a = await checkReceipt('C1', 3);
    await upload('C1', a.front);
    for (const path of [`/v1/admin/check-images?receipt=${a.number}`, `/v1/admin/check-images/file?sha256=${sha(a.front)}`]) {
      expect((await get(path, 'Bearer nope')).status).toBe(401);
      expect((await get(path, auth.C1!)).status).toBe(401); // a station's credentials are not the admin's
    }
    for (const path of ['/v1/admin/check-images', '/v1/admin/check-images?receipt=' + 'x'.repeat(41), '/v1/admin/check-images/file?sha256=abc', '/v1/admin/check-images/file']) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
    }
    expect(await (await get('/v1/admin/check-images?receipt=NOPE-000001')).json()).toEqual([]);
    const doc = await (await fetch(`${hub.url}/v1/openapi.json`)).json() as { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }> };
    expect(Object.keys(doc.paths['/v1/admin/check-images/file']!.get.responses['200']!.content!)).toEqual(['image/tiff']);
  });

  it('civictill hub check-images writes the held images as TIFF files named for the receipt, and says which are not there yet', async () => {
    const a = await checkReceipt('C1', 4);
    await upload('C1', a.back);
    const out = join(dir, 'images');
    const cli = (...args: string[]) => run(process.execPath, ['bin/civictill.js', 'hub', 'check-images', ...args, '--url', hub.url, '--token', hub.adminToken]);
    const r = await cli('--receipt', a.number, '--out', out);
    expect(r.stdout).toContain(`${a.number}-C1-tender1-front.tif: not at the hub yet`);
    expect(readdirSync(out)).toEqual([`${a.number}-C1-tender1-back.tif`]);
    expect(readFileSync(join(out, `${a.number}-C1-tender1-back.tif`)).equals(a.back)).toBe(true);
    const listed = JSON.parse((await cli('--receipt', a.number)).stdout) as { side: string; held: boolean }[];
    expect(listed.map((x) => [x.side, x.held])).toEqual([['front', false], ['back', true]]);
    const none = await cli('--receipt', 'C1-999999').then(() => null, (e: { code: number; stderr: string }) => e);
    expect(none?.code).toBe(2);
    expect(none?.stderr).toContain('has no check images at the hub');
  }, 60_000);
});
