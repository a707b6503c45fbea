// Reads a PNG file back (8-bit grey, grey+alpha, RGB or RGBA, not interlaced: what Chromium's screenshots
// and pdftoppm write) to look at what was printed: its size and how much of it is ink.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface Png { width: number; height: number; channels: number; pixels: Buffer }

export function readPng(path: string): Png {
  const b = readFileSync(path);
  if (b.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error(`${path} is not a PNG`);
  let off = 8, width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (off < b.length) {
    const len = b.readUInt32BE(off), type = b.toString('latin1', off + 4, off + 8), data = b.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); colorType = data[9]!;
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const channels = ({ 0: 1, 4: 2, 2: 3, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`PNG colour type ${colorType} not read here`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels, pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!, line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0, up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const pa = Math.abs(up - c), pb = Math.abs(a - c), pc = Math.abs(a + up - 2 * c);
      const pred = [0, a, up, (a + up) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? up : c][filter]!;
      pixels[y * stride + x] = (line[x]! + pred) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Share of pixels darker than mid-grey: ink on the paper. */
export function inkShare(png: Png): number {
  let dark = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const p = i * png.channels;
    const v = png.channels >= 3 ? (png.pixels[p]! + png.pixels[p + 1]! + png.pixels[p + 2]!) / 3 : png.pixels[p]!;
    if (v < 128) dark++;
  }
  return dark / (png.width * png.height);
}

/** Rows that hold any ink, as runs: printed lines of text, top to bottom. */
export function inkRows(png: Png): number {
  let runs = 0, inRun = false;
  for (let y = 0; y < png.height; y++) {
    let ink = false;
    for (let x = 0; x < png.width && !ink; x++) {
      const p = (y * png.width + x) * png.channels;
      const v = png.channels >= 3 ? (png.pixels[p]! + png.pixels[p + 1]! + png.pixels[p + 2]!) / 3 : png.pixels[p]!;
      if (v < 128) ink = true;
    }
    if (ink && !inRun) runs++;
    inRun = ink;
  }
  return runs;
}
