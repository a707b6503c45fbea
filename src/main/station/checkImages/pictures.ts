// Check images as PNG for the screen (a browser shows no TIFF): read back, hash-checked, converted
// (fast compression: a palette PNG is smaller but eight times slower to make, and the till waits on it).
import sharp from 'sharp';
import type { CheckImagePicture, TenderImagesView } from '../../../shared/checkImages';
import { StationError } from '../../../shared/errors';
import type { Station } from '../station';
import { getImage } from './store';

async function picture(station: Station, side: 'front' | 'back', sha: string): Promise<CheckImagePicture> {
  const got = getImage(station, sha);
  if (!got.ok) throw new StationError('CHECK_IMAGE_NOT_FOUND');
  const { data, info } = await sharp(got.bytes).png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  return { side, sha256: sha, pngDataUrl: `data:image/png;base64,${data.toString('base64')}`, widthPx: info.width, heightPx: info.height };
}

async function pictures(station: Station, front: string, back: string | null): Promise<CheckImagePicture[]> {
  return Promise.all([picture(station, 'front', front), ...(back ? [picture(station, 'back', back)] : [])]);
}

export async function scanPictures(station: Station, scanId: string): Promise<CheckImagePicture[]> {
  const s = station.st.get<{ front_sha256: string; back_sha256: string | null }>(station.kysely.selectFrom('check_scans').select(['front_sha256', 'back_sha256']).where('id', '=', scanId));
  if (!s) throw new StationError('CHECK_SCAN_UNKNOWN', {}, 'scanId');
  return pictures(station, s.front_sha256, s.back_sha256);
}

export async function tenderPictures(station: Station, receiptNumber: string, tenderNo: number): Promise<TenderImagesView> {
  const t = station.st.get<{ scan_id: string; front_sha256: string; back_sha256: string | null; paper_only: number }>(station.kysely.selectFrom('tender_images as ti')
    .innerJoin('receipts as r', 'r.id', 'ti.receipt_id').select(['ti.scan_id', 'ti.front_sha256', 'ti.back_sha256', 'ti.paper_only'])
    .where('r.receipt_number', '=', receiptNumber).where('ti.tender_no', '=', tenderNo));
  if (!t) throw new StationError('CHECK_IMAGE_NOT_FOUND');
  return { receiptNumber, tenderNo, scanId: t.scan_id, paperOnly: t.paper_only === 1, pictures: await pictures(station, t.front_sha256, t.back_sha256) };
}
