// Check images (issue 16).
// check_scan_to_tender_p95: the emulated image scanner on a socat pty sends a check's MICR line (the scan's
//   end) → its two images transferred, quality-checked and stored, the till has the 'device.check' event,
//   and the pictures for the screen are made (checkImages.forScan) — the tender filled with images shown.
// icl_500_checks: a deposit of 500 imaged checks → its X9.100-187 file built (checkImages.icl) and written.
// check_image_bytes: mean stored size of one check's front and back together (TIFF Group 4, 200 dpi).
// backup_images_500_first_ms / _again_ms: those checks' images copied into a backup folder, the first time
//   (every file) and the next (none missing); backup_run_500_checks_ms: a whole backup run, verify included.
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { counterMicrLine, ImageScannerEmulator } from '../src/hardware/checkScanner/emulator';
import { MagTekImageScanner } from '../src/hardware/checkScanner/magtek';
import { MicrParser } from '../src/hardware/micr/parse';
import { attachDevices } from '../src/main/devices/devices';
import { captureScan } from '../src/main/station/checkImages/capture';
import { backUpImages } from '../src/main/station/backup/images';
import { runBackup } from '../src/main/station/backup/run';
import { STANDARD_FLOAT } from '../src/shared/denominations';
import type { CheckReadView } from '../src/shared/devices';
import { makeStation, ROUTING, uuid } from '../tests/helpers/station';
import { ptyPair } from '../tests/hardware/ptyPair';

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const round = (v: number): number => Math.round(v * 100) / 100;

// 1. Scan to tender.
{
  const t = await makeStation();
  const pty = await ptyPair();
  const emu = await ImageScannerEmulator.serial(pty.device);
  const d = attachDevices(t.station, { factories: { micr: (c) => new MagTekImageScanner(c) }, backoff: { initialMs: 50, maxMs: 200, jitter: 0 } });
  await t.ok('devices.updateSettings', { devices: [{ id: 'scan1', kind: 'micr', address: `serial:${pty.host}?baud=115200`, options: { driver: 'magtek-image' } }] }, 'admin');
  await d.started;
  const N = 60;
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const spec = { routing: ROUTING, account: '12345678', checkNumber: String(3000 + i), amountCents: 1000 + i };
    const images = await ImageScannerEmulator.render(spec);
    const got = new Promise<CheckReadView>((ok) => { const f = (v: CheckReadView): void => { t.station.events.off('device.check', f); ok(v); }; t.station.events.on('device.check', f); });
    const t0 = performance.now();
    await emu.feed({ ...spec, images });
    const view = await got;
    await t.ok('checkImages.forScan', { scanId: view.scan!.scanId });
    times.push(performance.now() - t0);
  }
  console.log(`check_scan_to_tender_p50: ${round(pct(times, 50))} ms`);
  console.log(`check_scan_to_tender_p95: ${round(pct(times, 95))} ms`);
  await emu.close(); await pty.close(); t.cleanup();
}

// 2 and 3. A deposit of 500 imaged checks.
{
  const t = await makeStation();
  const parser = new MicrParser();
  const s = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
  const N = 500;
  let bytes = 0;
  const items: { receiptNumber: string; tenderNo: number; present: boolean }[] = [];
  for (let i = 0; i < N; i++) {
    const spec = { routing: ROUTING, account: String(10_000_000 + i), checkNumber: String(1000 + i), amountCents: 500 + i * 7 };
    const im = await ImageScannerEmulator.render(spec);
    const scan = captureScan(t.station, { deviceId: 'scan1', at: t.station.nowIso(), read: parser.parse(counterMicrLine(spec)), ...im });
    bytes += scan.front.bytes + (scan.back?.bytes ?? 0);
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: spec.amountCents }], tenders: [{ kind: 'check', amountCents: spec.amountCents, routing: spec.routing, account: spec.account, checkNumber: spec.checkNumber, scanId: scan.scanId }] });
    items.push({ receiptNumber: r.receiptNumber, tenderNo: 1, present: true });
  }
  await t.ok('closeout.count', { id: uuid(), cash: STANDARD_FLOAT, items });
  const depositId = (await t.ok('deposit.create', { id: uuid(), sessionIds: [s] }, 'supervisor')).id!;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const icl = await t.ok('checkImages.icl', { depositId }, 'supervisor');
    writeFileSync(join(t.dir, icl.fileName), Buffer.from(icl.base64, 'base64'));
    runs.push(performance.now() - t0);
    if (icl.items !== N) throw new Error('ICL short of items');
  }
  console.log(`icl_500_checks: ${round(Math.min(...runs))} ms`);
  console.log(`check_image_bytes: ${Math.round(bytes / N)} bytes`);

  // The same 500 checks' images into a backup folder: all of them the first time, then only the missing
  // (none), and a whole backup run with its verify re-hashing every image in the folder.
  const folder = join(t.dir, 'backups');
  await t.ok('backup.updateSettings', { folder, intervalMinutes: 15, keep: 5 }, 'admin');
  let t0 = performance.now();
  const first = await backUpImages(t.station, folder);
  console.log(`backup_images_500_first_ms: ${round(performance.now() - t0)} ms (${first.copied} files, ${first.bytes} bytes)`);
  t0 = performance.now();
  const again = await backUpImages(t.station, folder);
  console.log(`backup_images_500_again_ms: ${round(performance.now() - t0)} ms (${again.copied} copied, ${again.present} present)`);
  t0 = performance.now();
  const run = await runBackup(t.station, 'manual');
  if (!run.ok) throw new Error(`backup failed: ${run.error}`);
  console.log(`backup_run_500_checks_ms: ${round(performance.now() - t0)} ms`);
  t.cleanup();
}
