// Image quality before the check goes back to the customer: a bilevel TIFF Group 4, at the expected dpi,
// the size of a check, not too large a file, not blank and not too dark (X9.100-180 image quality
// tests, in their simplest form). Decoded with utif, independently of the libvips that wrote it.
import UTIF from 'utif';
import { IMAGE_LIMITS, type ImageProblem } from '../../../shared/checkImages';

export interface ImageAssessment { widthPx: number; heightPx: number; dpi: number; inkPerMille: number; problems: ImageProblem[] }

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, i) => { let n = 0; for (let b = i; b; b >>= 1) n += b & 1; return n; });

export function assessImage(bytes: Buffer): ImageAssessment {
  let ifd;
  try {
    ifd = UTIF.decode(bytes)[0];
  } catch {
    ifd = undefined;
  }
  if (!ifd) return { widthPx: 0, heightPx: 0, dpi: 0, inkPerMille: 0, problems: ['format'] };
  const tag = (n: number): number => Number(ifd[`t${n}`]?.[0] ?? 0);
  const widthPx = tag(256), heightPx = tag(257);
  const unit = tag(296) || 2;
  const dpi = Math.round(unit === 3 ? tag(282) * 2.54 : tag(282));
  const problems: ImageProblem[] = [];
  if (tag(259) !== 4 || (tag(258) || 1) !== 1) problems.push('format');
  if (dpi !== IMAGE_LIMITS.dpi) problems.push('dpi');
  const L = IMAGE_LIMITS;
  if (dpi > 0) {
    const w = Math.round((widthPx * 100) / dpi), h = Math.round((heightPx * 100) / dpi);
    if (w < L.minWidth || w > L.maxWidth || h < L.minHeight || h > L.maxHeight) problems.push('size');
  }
  if (bytes.length > L.maxBytes) problems.push('bytes');
  let inkPerMille = 0;
  if (!problems.includes('format')) {
    try {
      UTIF.decodeImage(bytes, ifd);
      // 1 bit per pixel, rows padded to a byte. WhiteIsZero (photometric 0): a set bit is ink.
      const rowBytes = Math.ceil(widthPx / 8);
      const data = ifd.data;
      let ink = 0;
      for (let i = 0; i < rowBytes * heightPx && i < data.length; i++) ink += POPCOUNT[data[i]!]!;
      if (tag(262) === 1) ink = widthPx * heightPx - ink;
      inkPerMille = Math.round((ink * 1000) / Math.max(1, widthPx * heightPx));
      if (inkPerMille < L.minInkPerMille) problems.push('blank');
      if (inkPerMille > L.maxInkPerMille) problems.push('dark');
    } catch {
      problems.push('format');
    }
  }
  return { widthPx, heightPx, dpi, inkPerMille, problems };
}
