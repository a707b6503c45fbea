// Check tenders with images, as the image scanner gives them (the emulator's rendering of a real check,
// captured by the station as a scan would be), for sync and retention tests.
import { counterMicrLine, ImageScannerEmulator } from '../../src/hardware/checkScanner/emulator';
import { MicrParser } from '../../src/hardware/micr/parse';
import { captureScan } from '../../src/main/station/checkImages/capture';
import { ROUTING, uuid, type TestStation } from './station';

const parser = new MicrParser();

/** Scans and posts a check of `amountCents`; returns the receipt and its images' hashes. */
export async function payByScannedCheck(t: TestStation, checkNumber: string, amountCents: number): Promise<{ receiptNumber: string; front: string; back: string | null }> {
  const spec = { routing: ROUTING, account: '12345678', checkNumber, amountCents };
  const im = await ImageScannerEmulator.render(spec);
  const scan = captureScan(t.station, { deviceId: 'scan1', at: t.station.nowIso(), read: parser.parse(counterMicrLine(spec)), ...im });
  if (scan.quality !== 'ok') throw new Error(`the rendered check is of poor quality: ${scan.problems.join(', ')}`);
  const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents }], tenders: [{ kind: 'check', amountCents, routing: ROUTING, account: '12345678', checkNumber, scanId: scan.scanId }] });
  return { receiptNumber: r.receiptNumber, front: scan.front.sha256, back: scan.back?.sha256 ?? null };
}
