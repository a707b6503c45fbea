// The check images go with the backups, on real files: a backup copies the images the ledger names into
// the backup folder's check-images/ (only those it lacks: an image never changes), its verify re-hashes
// every one there, and a restore brings them back beside the restored ledger, or restores nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageScannerEmulator } from '../../../../src/hardware/checkScanner/emulator';
import { counterMicrLine } from '../../../../src/hardware/checkScanner/emulator';
import { MicrParser } from '../../../../src/hardware/micr/parse';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { captureScan } from '../../../../src/main/station/checkImages/capture';
import { imagePath, imagePathIn } from '../../../../src/main/station/checkImages/store';
import { restoreLedger, RestoreError } from '../../../../src/main/station/backup/restore';
import { runBackup } from '../../../../src/main/station/backup/run';
import { Station } from '../../../../src/main/station/station';
import { verifyLedger } from '../../../../src/main/station/verify';
import { confirmImage } from '../../../../src/main/station/checkImages/toHub';
import { makeStation, ROUTING, uuid, type TestStation } from '../../../helpers/station';

let t: TestStation;
let folder: string;
let newPc: string;
beforeEach(async () => {
  t = await makeStation();
  folder = mkdtempSync(join(tmpdir(), 'civictill-backups-'));
  newPc = mkdtempSync(join(tmpdir(), 'civictill-newpc-'));
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  await t.ok('backup.updateSettings', { folder, intervalMinutes: 15, keep: 5 }, 'admin');
});
afterEach(() => { t.cleanup(); rmSync(folder, { recursive: true, force: true }); rmSync(newPc, { recursive: true, force: true }); });

const parser = new MicrParser();

/** A check through the scanner (the emulator's rendering, a real E-13B line) and paid with: its two hashes. */
async function payByScannedCheck(checkNumber: string, amountCents: number): Promise<{ front: string; back: string }> {
  const spec = { routing: ROUTING, account: '44556677', checkNumber, amountCents };
  const images = await ImageScannerEmulator.render(spec);
  const scan = captureScan(t.station, { deviceId: 'scan1', at: t.station.nowIso(), read: parser.parse(counterMicrLine(spec)), front: images.front, back: images.back });
  expect(scan.quality).toBe('ok');
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents }], tenders: [{ kind: 'check', amountCents, routing: ROUTING, account: '44556677', checkNumber, scanId: scan.scanId }] });
  return { front: scan.front.sha256, back: scan.back!.sha256 };
}

const inBackup = (sha: string) => imagePathIn(join(folder, 'check-images'), sha);

describe('backups with the check images', () => {
  it('removes the temporary copies a killed run left, not those of a run still going', async () => {
    const a = await payByScannedCheck('6151', 4_250);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
    const left = `${inBackup(a.front)}.${dead}.partial`;
    const going = `${inBackup(a.front)}.${process.ppid}.partial`; // a process that is running
    mkdirSync(join(left, '..'), { recursive: true });
    writeFileSync(left, 'half an image');
    writeFileSync(going, 'half an image');
    expect(await runBackup(t.station, 'manual')).toMatchObject({ ok: true, error: null });
    expect(existsSync(left)).toBe(false);
    expect(existsSync(going)).toBe(true);
    expect(readFileSync(inBackup(a.front)).equals(readFileSync(imagePath(t.station, a.front)))).toBe(true);
  });

  it('copies the images the ledger names, then only the new ones; its verify counts them', async () => {
    const a = await payByScannedCheck('6101', 4_250);
    const first = await runBackup(t.station, 'manual');
    expect(first).toMatchObject({ ok: true, error: null });
    expect(first.verified).toMatch(/2 image files/);
    for (const sha of [a.front, a.back]) expect(readFileSync(inBackup(sha)).equals(readFileSync(imagePath(t.station, sha)))).toBe(true);
    const before = statSync(inBackup(a.front));

    const b = await payByScannedCheck('6102', 1_800);
    t.clock.advance(60_000);
    const second = await runBackup(t.station, 'interval');
    expect(second).toMatchObject({ ok: true });
    // Both backs are the same unendorsed page: one file, kept once (content-addressed).
    expect(b.back).toBe(a.back);
    expect(second.verified).toMatch(/3 image files/);
    expect(readFileSync(inBackup(b.front)).equals(readFileSync(imagePath(t.station, b.front)))).toBe(true);
    // The image already there was not written again (same file, same time).
    const after = statSync(inBackup(a.front));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  }, 60_000);

  it('an image changed in the backup folder fails the next backup, named; one lost from the station too', async () => {
    const a = await payByScannedCheck('6201', 2_000);
    expect((await runBackup(t.station, 'manual')).ok).toBe(true);
    const bytes = readFileSync(inBackup(a.back));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(inBackup(a.back), bytes);
    t.clock.advance(60_000);
    const bad = await runBackup(t.station, 'manual');
    expect(bad.ok).toBe(false);
    expect(bad.error).toContain(`check image ${a.back}`);
    expect(bad.error).toContain('no longer hashes to its name');
    expect(bad.errorMessage).toMatchObject({ code: 'backup.notVerified' });

    // Lost from the station's own folder (and not yet in the backup): refused before any copy is kept, named.
    const b = await payByScannedCheck('6202', 2_100);
    unlinkSync(imagePath(t.station, b.front));
    t.clock.advance(60_000);
    const lost = await runBackup(t.station, 'manual');
    expect(lost.ok).toBe(false);
    expect(lost.error).toContain(`the image ${b.front} is missing from`);
    expect(existsSync(inBackup(b.front))).toBe(false);
  }, 60_000);

  it('a restore brings the images back beside the ledger; with one missing from the backup it restores nothing', async () => {
    const a = await payByScannedCheck('6301', 3_000);
    const run = await runBackup(t.station, 'manual');
    expect(run.ok).toBe(true);

    const target = join(newPc, 'civictill.db');
    const r = await restoreLedger(run.file!, target);
    expect(r.verified).toMatch(/2 image files/);
    const restored = await Station.open(target, t.clock);
    try {
      for (const sha of [a.front, a.back]) expect(readFileSync(imagePath(restored, sha)).equals(readFileSync(imagePath(t.station, sha)))).toBe(true);
      // The full verify, files re-hashed beside the restored ledger.
      expect(verifyLedger(restored)).toMatchObject({ ok: true });
      const pictures = await restored.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM tender_images');
      expect(pictures!.n).toBe(1);
    } finally { restored.close(); }

    const elsewhere = join(newPc, 'other', 'civictill.db');
    unlinkSync(inBackup(a.back));
    const refused = await restoreLedger(run.file!, elsewhere).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(RestoreError);
    expect((refused as RestoreError).exitCode).toBe(3);
    expect((refused as RestoreError).message).toContain(`the image ${a.back} is missing`);
    expect(existsSync(elsewhere)).toBe(false);
  }, 60_000);

  it('an image the hub confirmed and IT removed after the retention years is not looked for: backup and restore go on', async () => {
    const a = await payByScannedCheck('6401', 2_500);
    const b = await payByScannedCheck('6402', 1_200);
    // The hub said it holds the first check's front (sync/images.ts records it so); IT removed the file.
    confirmImage(t.station, a.front, false);
    unlinkSync(imagePath(t.station, a.front));
    const run = await runBackup(t.station, 'manual');
    expect(run).toMatchObject({ ok: true, error: null });
    expect(existsSync(inBackup(a.front))).toBe(false);
    expect(existsSync(inBackup(b.front))).toBe(true);

    const target = join(newPc, 'civictill.db');
    await restoreLedger(run.file!, target);
    const restored = await Station.open(target, t.clock);
    try {
      expect(verifyLedger(restored)).toMatchObject({ ok: true });
      expect(readFileSync(imagePath(restored, b.front)).equals(readFileSync(imagePath(t.station, b.front)))).toBe(true);
    } finally { restored.close(); }

    // One the hub does not hold, lost from the station before a backup had it, still fails the backup by name.
    const c = await payByScannedCheck('6403', 900);
    unlinkSync(imagePath(t.station, c.front));
    t.clock.advance(60_000);
    const failed = await runBackup(t.station, 'interval');
    expect(failed.ok).toBe(false);
    expect(failed.error).toContain(c.front);
  }, 60_000);
});
