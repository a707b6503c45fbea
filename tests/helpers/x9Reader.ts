// An independent reader of X9.100-187-2016 image cash letters for the tests, written from the published
// record layouts (not from the writer): 4-byte big-endian length, then the record; text decoded from
// EBCDIC (code page 037) or ASCII; fields cut by their 1-based positions. The 52 record's image data is
// taken by the length it states.

const EBCDIC_TO_ASCII = new Map<number, string>([[0x40, ' '], [0x61, '/'], [0x60, '-'], [0x4b, '.'], [0x6b, ','], [0x7d, "'"], [0x50, '&'], [0x6f, '?']]);
for (let i = 0; i < 10; i++) EBCDIC_TO_ASCII.set(0xf0 + i, String(i));
'ABCDEFGHI'.split('').forEach((c, i) => EBCDIC_TO_ASCII.set(0xc1 + i, c));
'JKLMNOPQR'.split('').forEach((c, i) => EBCDIC_TO_ASCII.set(0xd1 + i, c));
'STUVWXYZ'.split('').forEach((c, i) => EBCDIC_TO_ASCII.set(0xe2 + i, c));

export interface X9Record { type: string; text: string; length: number; image?: Buffer }

function decode(b: Buffer, enc: 'ebcdic' | 'ascii'): string {
  if (enc === 'ascii') return b.toString('latin1');
  let s = '';
  for (const x of b) {
    const c = EBCDIC_TO_ASCII.get(x);
    if (c === undefined) throw new Error(`byte 0x${x.toString(16)} is not EBCDIC text this reader knows`);
    s += c;
  }
  return s;
}

export function readX9(file: Buffer, enc: 'ebcdic' | 'ascii'): X9Record[] {
  const out: X9Record[] = [];
  let at = 0;
  while (at < file.length) {
    if (at + 4 > file.length) throw new Error(`a length prefix is cut short at byte ${at}`);
    const length = file.readUInt32BE(at);
    const body = file.subarray(at + 4, at + 4 + length);
    if (body.length !== length) throw new Error(`record at byte ${at} says ${length} bytes, ${body.length} left`);
    at += 4 + length;
    const type = decode(body.subarray(0, 2), enc);
    if (type === '52') {
      // Fixed part to 105, then key (X), 5-digit signature length (Y), signature, 7-digit image length, image.
      const x = Number(decode(body.subarray(101, 105), enc));
      const y = Number(decode(body.subarray(105 + x, 110 + x), enc));
      const z = Number(decode(body.subarray(110 + x + y, 117 + x + y), enc));
      const text = decode(body.subarray(0, 117 + x + y), enc);
      const image = body.subarray(117 + x + y);
      if (image.length !== z) throw new Error(`52 states ${z} image bytes, carries ${image.length}`);
      out.push({ type, text, length, image });
    } else {
      out.push({ type, text: decode(body, enc), length });
    }
  }
  return out;
}

/** A field by its 1-based inclusive positions, as the layouts give them. */
export const f = (r: X9Record, from: number, to: number): string => r.text.slice(from - 1, to);
