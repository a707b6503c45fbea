// A document from the image check scanner: its images checked for quality, stored durably by their
// SHA-256, and the scan recorded, so the till can fill the check tender with its scanId.
import { randomUUID } from 'node:crypto';
import type { CheckScanView, ImageProblem } from '../../../shared/checkImages';
import type { MicrRead } from '../../../shared/micr';
import type { Station } from '../station';
import { assessImage } from './quality';
import { putImage } from './store';

export interface Scanned { deviceId: string; at: string; read: MicrRead; front: Buffer; back: Buffer | null }

export function captureScan(station: Station, s: Scanned): CheckScanView {
  const f = assessImage(s.front);
  // The back of a check may carry nothing but the endorsement: "blank" is asked of the front only.
  const b = s.back ? assessImage(s.back) : null;
  const problems = [...new Set<ImageProblem>([...f.problems, ...(b?.problems.filter((p) => p !== 'blank') ?? [])])];
  const front = { sha256: putImage(station, s.front), bytes: s.front.length };
  const back = s.back ? { sha256: putImage(station, s.back), bytes: s.back.length } : null;
  const view: CheckScanView = {
    scanId: randomUUID(), at: s.at, deviceId: s.deviceId, read: s.read, front, back,
    widthPx: f.widthPx, heightPx: f.heightPx, dpi: f.dpi, quality: problems.length ? 'poor' : 'ok', problems,
  };
  station.st.run(station.kysely.insertInto('check_scans').values({
    id: view.scanId, at: view.at, device_id: view.deviceId, micr_raw: s.read.raw, micr_ok: s.read.ok ? 1 : 0, front_sha256: front.sha256, front_bytes: front.bytes,
    back_sha256: back?.sha256 ?? null, back_bytes: back?.bytes ?? null, width_px: view.widthPx, height_px: view.heightPx, dpi: view.dpi, quality: view.quality,
    problems: JSON.stringify(problems),
  }));
  return view;
}
