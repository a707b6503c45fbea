// Check images to the hub (issue 16), a real station syncing with a real hub over HTTP: the images of a
// check tender follow its events, in chunks, and reach the hub with their hashes, once; a changed image
// file is not sent and the hub refuses one that does not hash to its name; images are listed as safe to
// remove locally only once past the retention years AND confirmed by the hub.
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { syncOf } from '../../../src/main/sync/service';
import { HubClient, HubRefused } from '../../../src/main/sync/client';
import { getNumber, loadLink } from '../../../src/main/sync/state';
import { imagePath } from '../../../src/main/station/checkImages/store';
import { verifyLedger } from '../../../src/main/station/verify';
import type { ImageChunkSent } from '../../../src/main/sync/images';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';
import { payByScannedCheck } from '../../helpers/checks';
import { FaultProxy } from '../../helpers/faultProxy';

// Images of a rendered check are a few kB (Group 4 packs a check's black and white tightly): small chunks
// so that each takes several.
const CHUNK = 512;
let hub: TestHub;
let t: TestStation;
let chunks: ImageChunkSent[];
beforeEach(async () => {
  hub = await makeHub();
  t = await makeStation();
  chunks = [];
  syncOf(t.station, { ...FAST, requestTimeoutMs: 1000, imageChunkBytes: CHUNK, onImageChunk: (c) => chunks.push(c) });
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
  await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
  // Each test syncs with sync.now: a loop left running sends a payment's images as soon as it posts,
  // before the test has counted them pending.
  await syncOf(t.station).stop();
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
});
afterEach(async () => { t?.cleanup(); await hub?.cleanup(); });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const onHub = () => hub.db.kysely.selectFrom('check_images').select(['sha256', 'bytes', 'size', 'chunks', 'station_id']).orderBy('sha256').execute();

describe(`check images to the hub (${ENGINE})`, () => {
  it('announces the images of tenders posted before check.images went to the hub (a station first set up on 0020), once', async () => {
    // The loop stands stopped (beforeEach), as a station upgraded from 0020 is until it starts again.
    const a = await payByScannedCheck(t, '601', 4_200);
    // The ledger as 0020 left it: the journal holds the check.images record, the outbox does not, and
    // nothing is queued for the hub (the test removes what this version wrote; the station never does).
    const db = t.station.st.sqlite;
    const last = db.prepare("SELECT seq, kind FROM outbox ORDER BY seq DESC LIMIT 1").get() as { seq: number; kind: string };
    expect(last.kind).toBe('check.images');
    const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE name IN ('outbox_no_delete', 'image_uploads_no_delete')").all() as { sql: string }[];
    db.exec(`DROP TRIGGER outbox_no_delete; DROP TRIGGER image_uploads_no_delete;
      DELETE FROM outbox WHERE seq = ${last.seq}; DELETE FROM image_uploads;`);
    for (const tr of triggers) db.exec(tr.sql);
    expect((await t.ok('sync.status', {})).images.pending).toBe(0);

    syncOf(t.station).start();
    const s = await t.ok('sync.now', {});
    expect(s).toMatchObject({ state: 'online', pendingCount: 0, images: { pending: 0, unsendable: 0, problem: null } });
    expect((await onHub()).map((r) => r.sha256).sort()).toEqual([a.front, a.back!].sort());
    const refs = await hub.db.kysely.selectFrom('check_image_refs').select('sha256').execute();
    expect(refs.map((r) => r.sha256).sort()).toEqual([a.front, a.back!].sort());
    // Announced once: a restarted loop finds nothing more to announce.
    await syncOf(t.station).stop();
    syncOf(t.station).start();
    expect(t.station.st.sqlAll("SELECT seq FROM outbox WHERE kind = 'check.images'")).toHaveLength(1);
    expect(verifyLedger(t.station).summary).toMatch(/^OK/);
  });

  it('sends each image after its event, in chunks, and the hub keeps it once with its hash', async () => {
    const a = await payByScannedCheck(t, '501', 12_500);
    const b = await payByScannedCheck(t, '502', 7_000);
    // Two checks with the same (unendorsed) back: one image, kept once, named by both tenders.
    const hashes = [...new Set([a.front, a.back!, b.front, b.back!])].sort();
    expect(hashes).toHaveLength(3);
    expect((await t.ok('sync.status', {})).images).toEqual({ pending: 3, unsendable: 0, problem: null });
    const s = await t.ok('sync.now', {});
    expect(s).toMatchObject({ state: 'online', pendingCount: 0, images: { pending: 0, unsendable: 0, problem: null } });

    const rows = await onHub();
    expect(rows.map((r) => r.sha256)).toEqual(hashes);
    for (const r of rows) {
      const local = readFileSync(imagePath(t.station, r.sha256));
      expect(sha(r.bytes)).toBe(r.sha256);
      expect(Buffer.from(r.bytes).equals(local)).toBe(true);
      expect(r).toMatchObject({ size: local.length, station_id: 'ST01', chunks: Math.ceil(local.length / CHUNK) });
    }
    // Every image took more than one chunk, each sent once, at the offset the hub held.
    for (const h of hashes) {
      const mine = chunks.filter((c) => c.sha256 === h);
      expect(mine.length).toBeGreaterThan(1);
      expect(mine.map((c) => c.offset)).toEqual(mine.map((_, i) => i * CHUNK));
    }
    // The events reached the hub first: the check.images events name exactly these images.
    const refs = await hub.db.kysely.selectFrom('check_image_refs').select(['sha256', 'side']).orderBy('sha256').execute();
    expect(refs).toHaveLength(4);
    expect([...new Set(refs.map((r) => r.sha256))]).toEqual(hashes);
    const confirmed = t.station.st.sqlAll<{ sha256: string; already_had: number }>('SELECT sha256, already_had FROM image_confirmations ORDER BY sha256');
    expect(confirmed).toEqual(hashes.map((h) => ({ sha256: h, already_had: 0 })));

    // The next cycles look for images only past the ones confirmed (not through years of them).
    expect(getNumber(t.station.st, 'images_from_seq')).toBe(getNumber(t.station.st, 'hub_acked_seq') + 1);

    // Exactly once: a second sync sends nothing, and the hub holds each image once.
    chunks.length = 0;
    await t.ok('sync.now', {});
    expect(chunks).toEqual([]);
    expect(await onHub()).toHaveLength(3);
  });

  it('does not send an image changed on disk, and the hub refuses bytes that do not hash to the name', async () => {
    const a = await payByScannedCheck(t, '601', 3_300);
    const path = imagePath(t.station, a.front);
    const good = readFileSync(path);
    const bad = Buffer.from(good);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    writeFileSync(path, bad);
    const s = await t.ok('sync.now', {});
    expect(s.images).toMatchObject({ pending: 1, unsendable: 1 });
    expect(s.images.problem).toMatch(/changed after it was taken/);
    expect((await onHub()).map((r) => r.sha256)).toEqual([a.back]);
    // The image left behind holds the next cycles' starting point at its event.
    const seqOf = t.station.st.sqlGet<{ s: number }>('SELECT event_seq AS s FROM image_uploads WHERE sha256 = ?', a.front)!.s;
    expect(getNumber(t.station.st, 'images_from_seq')).toBe(seqOf);

    // Sent anyway (a station that skipped its own check): the last chunk is refused, nothing kept.
    const client = new HubClient(loadLink(t.station.st)!, { timeoutMs: 3000 });
    try {
      await client.putImageChunk(a.front, 0, bad.length, bad.subarray(0, CHUNK));
      const refused = await client.putImageChunk(a.front, CHUNK, bad.length, bad.subarray(CHUNK)).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(HubRefused);
      expect(refused).toMatchObject({ status: 422, code: 'HASH_MISMATCH', expectedOffset: 0 });
      expect(await client.imageStatus(a.front)).toMatchObject({ complete: false, receivedBytes: 0 });
      // And an unfinished upload that declared a wrong size is left behind on the hub.
      await client.putImageChunk(a.front, 0, good.length + 7, good.subarray(0, CHUNK));
    } finally { client.close(); }
    expect((await onHub()).map((r) => r.sha256)).toEqual([a.back]);

    // The file put right, the next cycle sends it.
    writeFileSync(path, good);
    chunks.length = 0;
    expect((await t.ok('sync.now', {})).images).toEqual({ pending: 0, unsendable: 0, problem: null });
    expect((await onHub()).map((r) => r.sha256).sort()).toEqual([a.front, a.back].sort());
    // It was started again from 0 over the wrong-size upload, and kept whole.
    expect(chunks.filter((c) => c.sha256 === a.front)[0]!.offset).toBe(0);
    const [kept] = (await onHub()).filter((r) => r.sha256 === a.front);
    expect(Buffer.from(kept!.bytes).equals(good)).toBe(true);
  });

  it('through a network that drops, duplicates and cuts requests and answers: every image once, each chunk taken once', async () => {
    const proxy = new FaultProxy({ host: '127.0.0.1', port: hub.port }, { drop: 0.03, delay: 0.05, duplicate: 0.1, cutRequest: 0.05, cutResponse: 0.1, maxDelayMs: 50, dropHoldMs: 2000 }, 16);
    try {
      await proxy.listen();
      // The same station, its hub reached through the proxy from here on.
      await syncOf(t.station).stop();
      t.station.st.sqlRun('UPDATE hub_link SET hub_url = ? WHERE id = 1', proxy.url);
      const taken = [];
      for (let i = 0; i < 6; i++) taken.push(await payByScannedCheck(t, String(900 + i), 1_000 + i));
      const hashes = [...new Set(taken.flatMap((c) => [c.front, c.back!]))].sort();
      for (let round = 0; round < 200; round++) {
        const s = await t.ok('sync.now', {});
        if (s.pendingCount === 0 && s.images.pending === 0) break;
      }
      expect((await t.ok('sync.status', {})).images).toEqual({ pending: 0, unsendable: 0, problem: null });
      // The network did misbehave, on answers too (chunks the hub took whose answer never came).
      expect(proxy.counts.cutResponse + proxy.counts.duplicate).toBeGreaterThan(0);
      const rows = await onHub();
      expect(rows.map((r) => r.sha256)).toEqual(hashes);
      for (const r of rows) {
        expect(sha(r.bytes)).toBe(r.sha256);
        expect(r.chunks).toBe(Math.ceil(r.size / CHUNK));
      }
      expect(await hub.db.kysely.selectFrom('check_image_uploads').selectAll().execute()).toEqual([]);
    } finally { await proxy.close(); }
  });

  it('lists images as safe to remove locally only past the retention years and once the hub has them', async () => {
    await syncOf(t.station).stop();
    const a = await payByScannedCheck(t, '701', 4_000);
    const none = await t.ok('checkImages.imagesSafeToRemove', {}, 'admin');
    expect(none).toMatchObject({ retentionYears: 7, images: [], heldForHub: 0 });
    t.clock.advance(7 * 366 * 86_400_000);
    // Past the years, but the hub does not have them: they stay.
    expect(await t.ok('checkImages.imagesSafeToRemove', {}, 'admin')).toMatchObject({ images: [], heldForHub: 2 });
    await t.ok('sync.now', {});
    const safe = await t.ok('checkImages.imagesSafeToRemove', {}, 'admin');
    expect(safe.heldForHub).toBe(0);
    expect(safe.images.map((i) => i.sha256).sort()).toEqual([a.front, a.back].sort());
    expect((await t.call('checkImages.imagesSafeToRemove', {}, 'supervisor')).ok).toBe(false);
    // One removed as listed: `verify` takes the hub's confirmed copy for it. One not yet at the hub,
    // removed: verify names it missing.
    unlinkSync(imagePath(t.station, a.front));
    expect(verifyLedger(t.station)).toMatchObject({ ok: true });
    const b = await payByScannedCheck(t, '702', 5_000);
    unlinkSync(imagePath(t.station, b.front));
    const v = verifyLedger(t.station);
    expect(v.ok).toBe(false);
    expect(JSON.stringify(v)).toContain(`the front image ${b.front} is missing`);
  });
});
