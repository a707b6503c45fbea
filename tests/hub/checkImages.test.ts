// The hub's copy of the check images (issue 16): an image a station's pushed check.images event names is
// taken in chunks at the offset the hub holds, hashed whole on the last chunk, and kept once. A wrong
// hash keeps nothing; an unnamed image, a wrong offset, an over-size body or image, a bad hash: a 4xx
// with its code, never a 500.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHub, enrolStation, ENGINE, type TestHub } from '../helpers/hub';
import { imagesEvent, push, receiptEvent, sessionEvent } from './events';
import { MAX_CHECK_IMAGE_BYTES, MAX_IMAGE_CHUNK_BYTES } from '../../src/shared/hubProtocol';

let hub: TestHub;
const auth: Record<string, string> = {};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let seq = 0;

/** Pushes a check receipt and the event naming its images; returns the images. */
async function named(stationId: string, n: number, sizes: [number, number] = [5000, 3000]): Promise<[Buffer, Buffer]> {
  const front = randomBytes(sizes[0]), back = randomBytes(sizes[1]);
  const r = receiptEvent(stationId, ++seq, n, { tender: 'check' });
  const res = await push(hub.url, auth[stationId]!, [r, imagesEvent(stationId, ++seq, (r.data as { id: string }).id, sha(front), sha(back))]);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return [front, back];
}

async function put(stationId: string, hash: string, offset: number, size: number, bytes: Buffer, type = 'application/octet-stream') {
  const res = await fetch(`${hub.url}/v1/sync/check-images?sha256=${hash}&offset=${offset}&size=${size}`, { method: 'POST', headers: { authorization: auth[stationId]!, 'content-type': type }, body: new Uint8Array(bytes) });
  return { status: res.status, json: await res.json() as { complete?: boolean; receivedBytes?: number; alreadyHad?: boolean; error?: { code: string; message: string; expectedOffset?: number } } };
}
async function status(stationId: string, hash: string) {
  const res = await fetch(`${hub.url}/v1/sync/check-images?sha256=${hash}`, { headers: { authorization: auth[stationId]! } });
  return { status: res.status, json: await res.json() as { complete?: boolean; receivedBytes?: number; totalBytes?: number | null; error?: { code: string } } };
}
const stored = async (hash: string) => hub.db.kysely.selectFrom('check_images').selectAll().where('sha256', '=', hash).execute();

beforeAll(async () => {
  hub = await makeHub();
  for (const s of ['C1', 'C2']) {
    auth[s] = (await enrolStation(hub, s)).auth;
  }
  seq = 0; expect((await push(hub.url, auth.C1!, [sessionEvent('C1', ++seq)])).status).toBe(200);
  expect((await push(hub.url, auth.C2!, [sessionEvent('C2', 1)])).status).toBe(200);
});
afterAll(async () => { await hub?.cleanup(); });

describe(`check images on the hub (${ENGINE})`, () => {
  it('takes an image in chunks at the offset it holds, checks its hash on the last one, and keeps it once', async () => {
    const [front] = await named('C1', 1);
    const h = sha(front);
    expect((await status('C1', h)).json).toMatchObject({ complete: false, receivedBytes: 0, totalBytes: null });
    expect((await put('C1', h, 0, front.length, front.subarray(0, 2000))).json).toMatchObject({ complete: false, receivedBytes: 2000 });
    expect((await status('C1', h)).json).toMatchObject({ complete: false, receivedBytes: 2000, totalBytes: 5000 });
    // A chunk sent again (its answer lost) is refused with the offset to go on from; nothing is taken twice.
    const again = await put('C1', h, 0, front.length, front.subarray(0, 2000));
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'WRONG_OFFSET', expectedOffset: 2000 });
    expect((await put('C1', h, 2000, front.length, front.subarray(2000))).json).toMatchObject({ complete: true, receivedBytes: 5000, alreadyHad: false });
    const [row] = await stored(h);
    expect(Buffer.from(row!.bytes).equals(front)).toBe(true);
    expect(row).toMatchObject({ size: 5000, station_id: 'C1', chunks: 2 });
    expect(await hub.db.kysely.selectFrom('check_image_parts').selectAll().where('sha256', '=', h).execute()).toEqual([]);
    // Exactly once: the whole image again is "already have it", and nothing changes.
    expect((await put('C1', h, 0, front.length, front)).json).toMatchObject({ complete: true, alreadyHad: true });
    expect((await status('C1', h)).json).toMatchObject({ complete: true, receivedBytes: 5000 });
    expect(await stored(h)).toHaveLength(1);
  });

  it('refuses an image whose bytes do not hash to its name, and keeps nothing of it', async () => {
    const [, back] = await named('C1', 2);
    const h = sha(back);
    expect((await put('C1', h, 0, back.length, back.subarray(0, 1000))).status).toBe(200);
    const bad = Buffer.from(back.subarray(1000));
    bad[0] = bad[0]! ^ 0xff;
    const r = await put('C1', h, 1000, back.length, bad);
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({ code: 'HASH_MISMATCH', expectedOffset: 0 });
    expect(r.json.error!.message).toMatch(/nothing of this image is kept/);
    expect(await stored(h)).toEqual([]);
    expect((await status('C1', h)).json).toMatchObject({ complete: false, receivedBytes: 0, totalBytes: null });
    // Sent right, from the start, it is taken.
    expect((await put('C1', h, 0, back.length, back)).json).toMatchObject({ complete: true });
  });

  it("refuses an image no event of this station names, even one another station's event names", async () => {
    const [front] = await named('C1', 3);
    const stranger = randomBytes(100);
    for (const [who, h] of [['C1', sha(stranger)], ['C2', sha(front)]] as const) {
      const r = await put(who, h, 0, 100, stranger);
      expect(r.status).toBe(409);
      expect(r.json.error!.code).toBe('IMAGE_NOT_NAMED');
      expect((await status(who, h)).status).toBe(409);
    }
    expect(await hub.db.kysely.selectFrom('check_image_uploads').selectAll().execute()).toEqual([]);
  });

  it('refuses bad hashes, offsets, sizes and bodies with their codes, never a 500', async () => {
    const [front] = await named('C1', 4);
    const h = sha(front);
    const q = async (query: string, body: Buffer | string = front.subarray(0, 10), type = 'application/octet-stream') => {
      const res = await fetch(`${hub.url}/v1/sync/check-images${query}`, { method: 'POST', headers: { authorization: auth.C1!, 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });
      return [res.status, ((await res.json()) as { error?: { code: string } }).error?.code];
    };
    expect(await q(`?sha256=${h.toUpperCase()}&offset=0&size=5000`)).toEqual([400, 'BAD_REQUEST']);
    expect(await q(`?sha256=${h.slice(1)}&offset=0&size=5000`)).toEqual([400, 'BAD_REQUEST']);
    expect(await q(`?sha256=${h}&offset=-1&size=5000`)).toEqual([400, 'BAD_REQUEST']);
    expect(await q(`?sha256=${h}&offset=0&size=0`)).toEqual([400, 'BAD_REQUEST']);
    expect(await q(`?sha256=${h}&offset=0`)).toEqual([400, 'BAD_REQUEST']);
    expect(await q(`?sha256=${h}&offset=0&size=5000&size=5000`)).toEqual([400, 'BAD_REQUEST']);
    expect(await q(`?sha256=${h}&offset=5000&size=5000`)).toEqual([400, 'BAD_OFFSET']);
    expect(await q(`?sha256=${h}&offset=10&size=5000`)).toEqual([409, 'WRONG_OFFSET']);
    expect(await q(`?sha256=${h}&offset=0&size=5`)).toEqual([400, 'BEYOND_SIZE']);
    expect(await q(`?sha256=${h}&offset=0&size=5000`, Buffer.alloc(0))).toEqual([400, 'EMPTY_CHUNK']);
    expect(await q(`?sha256=${h}&offset=0&size=${MAX_CHECK_IMAGE_BYTES + 1}`)).toEqual([413, 'IMAGE_TOO_LARGE']);
    expect(await q(`?sha256=${h}&offset=0&size=999999999999999`)).toEqual([413, 'IMAGE_TOO_LARGE']);
    expect(await q(`?sha256=${h}&offset=0&size=${MAX_CHECK_IMAGE_BYTES}`, Buffer.alloc(MAX_IMAGE_CHUNK_BYTES + 1))).toEqual([413, 'TOO_LARGE']);
    expect(await q(`?sha256=${h}&offset=0&size=5000`, 'text', 'application/json')).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    // A size that changes half-way is refused.
    expect(await q(`?sha256=${h}&offset=0&size=5000`)).toEqual([200, undefined]);
    expect(await q(`?sha256=${h}&offset=10&size=4000`)).toEqual([409, 'SIZE_MISMATCH']);
    // Started again from 0 with another size, the unfinished upload is replaced (an abandoned bad one
    // cannot block the image); the hash decides in the end.
    expect(await q(`?sha256=${h}&offset=0&size=4000`)).toEqual([200, undefined]);
    expect((await status('C1', h)).json).toMatchObject({ receivedBytes: 10, totalBytes: 4000 });
    // No credentials, wrong ones: 401.
    const none = await fetch(`${hub.url}/v1/sync/check-images?sha256=${h}`);
    expect(none.status).toBe(401);
    expect(await stored(h)).toEqual([]);
  });

  it('is described in the OpenAPI document from the same schemas: both methods, the query, the binary body and the refusals', async () => {
    type Op = { parameters: { name: string; in: string }[]; requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> };
    const doc = await (await fetch(`${hub.url}/v1/openapi.json`)).json() as { paths: Record<string, Record<string, Op>> };
    const p = doc.paths['/v1/sync/check-images']!;
    expect(p.get!.parameters.map((x) => x.name)).toEqual(['sha256']);
    expect(p.post!.parameters.map((x) => x.name)).toEqual(['sha256', 'offset', 'size']);
    expect(Object.keys(p.post!.requestBody!.content)).toEqual(['application/octet-stream']);
    for (const s of ['200', '400', '401', '403', '409', '413', '415', '422']) expect(p.post!.responses[s], s).toBeDefined();
  });

  it('a check.images event that cannot be read is stored with an exception, not a 500, and names nothing', async () => {
    const r = await push(hub.url, auth.C2!, [imagesEvent('C2', 2, 'R', 'not-a-hash', null)]);
    expect(r.status).toBe(200);
    const ex = await hub.db.kysely.selectFrom('exceptions').select('kind').where('station_id', '=', 'C2').where('seq', '=', 2).execute();
    expect(ex.map((x) => x.kind)).toEqual(['unreadable_event']);
    expect(await hub.db.kysely.selectFrom('check_image_refs').selectAll().where('station_id', '=', 'C2').execute()).toEqual([]);
  });
});
