// Check images are part of the tender: a check scanned on the emulated image scanner (over TCP) reaches
// the till with its images stored by SHA-256 beside the ledger, the tender takes them in the posting's
// transaction, and `verify` finds an image changed or lost on disk. Poor images, a scan used twice, a
// scan of another check, a jam, and the same check presented twice are refused with nothing posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { ImageScannerEmulator } from '../../../../src/hardware/checkScanner/emulator';
import { encodeG4 } from '../../../../src/hardware/checkScanner/tiff';
import { attachDevices } from '../../../../src/main/devices/devices';
import { imagePath, sha256Hex } from '../../../../src/main/station/checkImages/store';
import { backupChecks, verifyLedger } from '../../../../src/main/station/verify';
import { openDb } from '../../../../src/main/db/open';
import { Station } from '../../../../src/main/station/station';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import type { CheckFaultView, CheckReadView } from '../../../../src/shared/devices';
import { EventQueue, until } from '../../../helpers/events';
import { makeStation, PINS, ROUTING, uuid, type TestStation } from '../../../helpers/station';

describe('check images with the tender', () => {
  let t: TestStation;
  let emu: ImageScannerEmulator;
  const checks = new EventQueue<CheckReadView>();
  const faults = new EventQueue<CheckFaultView>();
  beforeAll(async () => {
    emu = await ImageScannerEmulator.tcp();
    t = await makeStation();
    t.station.events.on('device.check', checks.push);
    t.station.events.on('device.checkFault', faults.push);
    const d = attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 200, jitter: 0 } });
    await t.ok('devices.updateSettings', { devices: [{ id: 'scan1', kind: 'micr', address: emu.address(), options: { driver: 'magtek-image' } }] }, 'admin');
    await d.started;
    await until(() => d.manager.status('scan1')?.state === 'ready' && emu.connected, 'the scanner ready', 5000);
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  });
  afterAll(async () => { t?.cleanup(); await emu?.close(); });

  const scan = async (c: Partial<Parameters<ImageScannerEmulator['feed']>[0]> & { checkNumber: string; amountCents: number }) => {
    const images = await emu.feed({ routing: ROUTING, account: '12345678', ...c });
    return { images, view: await checks.next() };
  };
  const pay = (checkNumber: string, amountCents: number, scanId?: string, extra: object = {}) => t.call('receipt.post', {
    id: uuid(), lines: [{ revenueCode: 'MISC', amountCents }],
    tenders: [{ kind: 'check', amountCents, routing: ROUTING, account: '12345678', checkNumber, ...(scanId ? { scanId } : {}), ...extra }],
  });

  it('stores both images by their SHA-256 before the till hears of the check, and the tender takes them', async () => {
    const { images, view } = await scan({ checkNumber: '701', amountCents: 4_200 });
    const s = view.scan!;
    expect(s.quality).toBe('ok');
    expect(s.front.sha256).toBe(sha256Hex(images.front));
    expect(readFileSync(imagePath(t.station, s.front.sha256)).equals(images.front)).toBe(true);
    expect(readFileSync(imagePath(t.station, s.back!.sha256)).equals(images.back)).toBe(true);
    const r = await pay('701', 4_200, s.scanId);
    expect(r.ok).toBe(true);
    const row = t.station.st.sqlGet<{ front_sha256: string; paper_only: number }>('SELECT front_sha256, paper_only FROM tender_images WHERE scan_id = ?', s.scanId)!;
    expect(row).toEqual({ front_sha256: s.front.sha256, paper_only: 0 });
    const j = t.station.st.sqlGet<{ payload: string }>("SELECT payload FROM journal WHERE kind = 'check.images'")!;
    expect(JSON.parse(j.payload)).toMatchObject({ front: s.front.sha256, back: s.back!.sha256, scanId: s.scanId });
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('refuses a scan used twice, a scan of another check, and the same check presented again', async () => {
    const { view } = await scan({ checkNumber: '702', amountCents: 1_000 });
    expect((await pay('703', 1_000, view.scan!.scanId)).ok ? 'posted' : 'refused').toBe('refused');
    const mismatch = await pay('703', 1_000, view.scan!.scanId);
    expect(!mismatch.ok && mismatch.error.code).toBe('CHECK_SCAN_MISMATCH');
    expect((await pay('702', 1_000, view.scan!.scanId)).ok).toBe(true);
    const again = await pay('702', 1_000);
    expect(!again.ok && again.error.code).toBe('DUPLICATE_CHECK');
    const { view: v2 } = await scan({ checkNumber: '704', amountCents: 1_000 });
    expect((await pay('704', 1_000, v2.scan!.scanId)).ok).toBe(true);
    const used = await t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1_001 }],
      tenders: [{ kind: 'check', amountCents: 1_001, routing: ROUTING, account: '12345678', checkNumber: '704', scanId: v2.scan!.scanId }] });
    expect(!used.ok && used.error.code).toBe('CHECK_SCAN_USED');
  });

  it('a blank image asks for a rescan; a supervisor can take it for a paper deposit only', async () => {
    const white = await encodeG4(Buffer.alloc(1200 * 550, 255), 1200, 550, 200);
    const { view } = await scan({ checkNumber: '705', amountCents: 900, images: { front: white, back: white } });
    expect(view.scan!.quality).toBe('poor');
    expect(view.scan!.problems).toContain('blank');
    const refused = await pay('705', 900, view.scan!.scanId);
    expect(!refused.ok && refused.error.code).toBe('CHECK_IMAGE_POOR');
    const ok = await pay('705', 900, view.scan!.scanId, { imageOverride: { userId: 'supervisor', pin: PINS.supervisor } });
    expect(ok.ok).toBe(true);
    expect(t.station.st.sqlGet<{ p: number; by: string }>('SELECT paper_only AS p, override_by AS by FROM tender_images WHERE scan_id = ?', view.scan!.scanId)).toEqual({ p: 1, by: 'supervisor' });
  });

  it('an override with a wrong PIN or by the cashier herself is refused on that tender\'s supervisor fields, and the wrong PIN counts', async () => {
    const { view } = await scan({ checkNumber: '706', amountCents: 950, poor: 'dark' });
    expect(view.scan!.problems).toContain('dark');
    const receipts = () => t.station.st.sqlGet<{ n: number }>('SELECT count(*) AS n FROM receipts')!.n;
    const before = receipts();
    const wrong = await pay('706', 950, view.scan!.scanId, { imageOverride: { userId: 'supervisor', pin: '000000' } });
    expect(!wrong.ok && [wrong.error.code, wrong.error.field]).toEqual(['WRONG_PIN', 'tenders.0.imageOverride.pin']);
    // Counted towards the lockout (not rolled back with the refused receipt).
    expect(t.station.st.sqlGet<{ n: number }>("SELECT failed_attempts AS n FROM users WHERE id = 'supervisor'")!.n).toBe(1);
    const cashier = await pay('706', 950, view.scan!.scanId, { imageOverride: { userId: 'cashier', pin: PINS.cashier } });
    expect(!cashier.ok && cashier.error.field).toBe('tenders.0.imageOverride.userId');
    expect(receipts()).toBe(before);
    expect((await pay('706', 950, view.scan!.scanId, { imageOverride: { userId: 'supervisor', pin: PINS.supervisor } })).ok).toBe(true);
  });

  it('a jam and a double feed reach the till as faults, with nothing stored or posted', async () => {
    const before = t.station.st.sqlGet<{ n: number }>('SELECT count(*) AS n FROM check_scans')!.n;
    await emu.fault('J');
    expect((await faults.next()).fault).toBe('jam');
    await emu.fault('D');
    expect((await faults.next()).fault).toBe('doubleFeed');
    expect(t.station.st.sqlGet<{ n: number }>('SELECT count(*) AS n FROM check_scans')!.n).toBe(before);
  });

  it('verify names the tender whose image was changed on disk, and one whose image is gone', async () => {
    expect(verifyLedger(t.station).ok).toBe(true);
    const row = t.station.st.sqlGet<{ receipt_id: string; front_sha256: string; back_sha256: string }>('SELECT receipt_id, front_sha256, back_sha256 FROM tender_images ORDER BY rowid LIMIT 1')!;
    const path = imagePath(t.station, row.front_sha256);
    const original = readFileSync(path);
    const changed = Buffer.from(original);
    changed[changed.length - 20] = changed[changed.length - 20]! ^ 0xff;
    writeFileSync(path, changed);
    const report = verifyLedger(t.station);
    expect(report.ok).toBe(false);
    expect(report.summary).toContain(`tender ${row.receipt_id}:1`);
    expect(report.summary).toContain('front image was changed');
    writeFileSync(path, original);
    expect(verifyLedger(t.station).ok).toBe(true);
    const back = imagePath(t.station, row.back_sha256);
    const keep = readFileSync(back);
    unlinkSync(back);
    expect(existsSync(back)).toBe(false);
    expect(verifyLedger(t.station).summary).toContain('back image');
    writeFileSync(back, keep);
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('a backup copy (the database file alone) verifies against its journal, without the image folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civictill-img-backup-'));
    try {
      const copy = join(dir, 'copy.db');
      await t.station.db.sqlite.backup(copy);
      const s = new Station(await openDb(copy, { readonly: true }));
      try {
        expect(verifyLedger(s, backupChecks).ok).toBe(true);
        // The full verify, run where the ledger lives, wants the files beside it.
        expect(verifyLedger(s).summary).toContain('missing from the image folder');
      } finally { s.close(); }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
