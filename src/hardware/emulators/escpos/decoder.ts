// Decodes the ESC/POS byte stream a printer processes from its receive buffer (standard mode), one
// command at a time, so the emulator can stop mid-job when it goes offline. Real-time commands
// (DLE EOT, DLE DC4, DLE ENQ) are taken out on reception by the emulator, not here.
import { codePage, type CodePage } from './codepages';
import type { Align, EscPosEvent, TextRun } from './events';

const ESC = 0x1b, GS = 0x1d, FS = 0x1c, DLE = 0x10, LF = 0x0a, HT = 0x09;

interface Style { bold: boolean; underline: boolean; invert: boolean; fontB: boolean; width: number; height: number }
const PLAIN: Style = { bold: false, underline: false, invert: false, fontB: false, width: 1, height: 1 };

export interface StepResult {
  /** Bytes consumed by this command. */
  used: number;
  events: EscPosEvent[];
  /** Bytes the printer sends back to the host for this command (GS ( H, GS r). */
  reply?: Buffer;
}

const BARCODE_A = ['UPC-A', 'UPC-E', 'EAN13', 'EAN8', 'CODE39', 'ITF', 'CODABAR'];
const BARCODE_B: Record<number, string> = { 65: 'UPC-A', 66: 'UPC-E', 67: 'EAN13', 68: 'EAN8', 69: 'CODE39', 70: 'ITF', 71: 'CODABAR', 72: 'CODE93', 73: 'CODE128', 74: 'GS1-128', 75: 'GS1 DataBar Omni', 76: 'GS1 DataBar Truncated', 77: 'GS1 DataBar Limited', 78: 'GS1 DataBar Expanded' };
const HRI = ['none', 'above', 'below', 'both'] as const;
const EC = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' } as const;

export class EscPosDecoder {
  private style: Style = { ...PLAIN };
  private align: Align = 'left';
  private page: CodePage = codePage(0);
  private runs: TextRun[] = [];
  private lineAlign: Align | null = null;
  private col = 0;
  private barcode = { hri: 0, height: 162, width: 3 };
  private qr = { model: 2, size: 3, ec: 'M' as 'L' | 'M' | 'Q' | 'H', data: '' };
  private stored2d: Record<number, string> = {};

  /** columns: characters of font A per line (48 on 80 mm paper, 32 on 58 mm). */
  constructor(public columns = 48, private readonly processIdSupported = true) {}

  /** Decodes one command or character starting at `at`; null when the command is not complete yet. */
  step(buf: Buffer, at: number): StepResult | null {
    const b = buf[at]!;
    const has = (n: number) => at + n <= buf.length;
    const arg = (k: number) => buf[at + k]!;
    const ev: EscPosEvent[] = [];
    const done = (used: number, reply?: Buffer): StepResult => (reply ? { used, events: ev, reply } : { used, events: ev });

    if (b === LF) { ev.push(this.endLine(false)); return done(1); }
    if (b === HT) { const next = (Math.floor(this.col / 8) + 1) * 8; this.put(' '.repeat(Math.max(1, next - this.col)), ev); return done(1); }
    if (b === DLE) return this.dle(buf, at);
    if (b === ESC) { if (!has(2)) return null; return this.esc(buf, at, ev); }
    if (b === GS) { if (!has(2)) return null; return this.gs(buf, at, ev); }
    if (b === FS) {
      if (!has(2)) return null;
      const c = arg(1);
      if (c === 0x26 || c === 0x2e) return done(2); // Kanji mode on/off
      if (c === 0x70) return has(4) ? done(4) : null; // FS p n m: NV bit image
      if (c === 0x21 || c === 0x2d || c === 0x43 || c === 0x57) return has(3) ? done(3) : null;
      ev.push({ type: 'unknown', bytes: [b, c] });
      return done(2);
    }
    if (b < 0x20) return done(1); // CR, FF, CAN and other controls: nothing to print in standard mode
    this.put(this.page.decode(b), ev);
    return done(1);
  }

  /** A DLE sequence still in the buffer (e.g. split oddly): skipped, it was answered on receipt. */
  private dle(buf: Buffer, at: number): StepResult | null {
    if (at + 2 > buf.length) return null;
    const c = buf[at + 1]!;
    if (c === 0x04 || c === 0x05) return at + 3 <= buf.length ? { used: 3, events: [] } : null;
    if (c === 0x14) {
      if (at + 3 > buf.length) return null;
      const n = buf[at + 2] === 8 ? 10 : 5;
      return at + n <= buf.length ? { used: n, events: [] } : null;
    }
    return { used: 1, events: [] };
  }

  private esc(buf: Buffer, at: number, ev: EscPosEvent[]): StepResult | null {
    const c = buf[at + 1]!;
    const has = (n: number) => at + n <= buf.length;
    const n = buf[at + 2];
    const done = (used: number): StepResult => ({ used, events: ev });
    switch (c) {
      case 0x40: // ESC @ initialise
        if (this.runs.length) ev.push(this.endLine(false));
        this.style = { ...PLAIN }; this.align = 'left'; this.page = codePage(0);
        ev.push({ type: 'init' });
        return done(2);
      case 0x21: if (!has(3)) return null; // ESC ! print mode
        this.style = { ...this.style, fontB: !!(n! & 1), bold: !!(n! & 8), height: n! & 16 ? 2 : 1, width: n! & 32 ? 2 : 1, underline: !!(n! & 128) };
        return done(3);
      case 0x45: case 0x47: if (!has(3)) return null; this.style = { ...this.style, bold: !!(n! & 1) }; return done(3);
      case 0x2d: if (!has(3)) return null; this.style = { ...this.style, underline: (n! & 3) !== 0 && n !== 48 }; return done(3);
      case 0x4d: if (!has(3)) return null; this.style = { ...this.style, fontB: n === 1 || n === 49 }; return done(3);
      case 0x61: if (!has(3)) return null; this.align = (['left', 'center', 'right'] as const)[n! % 48 % 3]!; return done(3);
      case 0x74: if (!has(3)) return null;
        this.page = codePage(n!);
        ev.push({ type: 'codepage', n: n!, name: this.page.name });
        return done(3);
      case 0x64: if (!has(3)) return null; // ESC d n: print and feed n lines
        if (this.runs.length) ev.push(this.endLine(false));
        if (n! > 0) ev.push({ type: 'feed', lines: n! });
        return done(3);
      case 0x4a: if (!has(3)) return null; if (this.runs.length) ev.push(this.endLine(false)); return done(3); // ESC J n: print and feed dots
      case 0x70: { if (!has(5)) return null; // ESC p m t1 t2: drawer kick pulse, times in 2 ms units
        const m = buf[at + 2]!;
        ev.push({ type: 'drawer', pin: m % 48 === 1 ? 5 : 2, onMs: buf[at + 3]! * 2, offMs: buf[at + 4]! * 2, via: 'ESC p' });
        return done(5);
      }
      case 0x32: case 0x3c: case 0x53: case 0x4c: case 0x69: case 0x6d: case 0x0c: return done(2);
      case 0x33: case 0x52: case 0x7b: case 0x56: case 0x20: case 0x55: case 0x72: case 0x65: case 0x3d: case 0x54: case 0x25: case 0x3f:
        return has(3) ? done(3) : null;
      case 0x24: case 0x5c: return has(4) ? done(4) : null;
      case 0x63: { if (!has(4)) return null; // ESC c 0 n (paper), ESC c 3 / 4 n (sensors), ESC c 5 n (panel)
        const fn = buf[at + 2]!, v = buf[at + 3]!;
        if (this.runs.length) ev.push(this.endLine(false));
        if (fn === 0x30) ev.push({ type: 'paperSelect', paper: v & 0x08 ? 'validation' : v & 0x04 ? 'slip' : 'roll', n: v });
        else if (fn === 0x33 || fn === 0x34) ev.push({ type: 'sensorSelect', fn: fn === 0x33 ? 'paperEnd' : 'stopPrinting', n: v });
        return done(4);
      }
      case 0x71: // ESC q: release the slip
        if (this.runs.length) ev.push(this.endLine(false));
        ev.push({ type: 'release' });
        return done(2);
      case 0x57: return has(10) ? done(10) : null;
      case 0x44: { // ESC D n1..nk NUL: tab positions
        for (let i = at + 2; i < buf.length && i < at + 35; i++) if (buf[i] === 0) return done(i - at + 1);
        return buf.length - at >= 35 ? done(35) : null;
      }
      case 0x2a: { if (!has(5)) return null; // ESC * m nL nH d: bit image
        const m = buf[at + 2]!, dots = buf[at + 3]! + buf[at + 4]! * 256;
        const k = m === 32 || m === 33 ? dots * 3 : dots;
        if (!has(5 + k)) return null;
        ev.push({ type: 'image', widthDots: dots, heightDots: m >= 32 ? 24 : 8 });
        return done(5 + k);
      }
      default:
        ev.push({ type: 'unknown', bytes: [ESC, c] });
        return done(2);
    }
  }

  private gs(buf: Buffer, at: number, ev: EscPosEvent[]): StepResult | null {
    const c = buf[at + 1]!;
    const has = (n: number) => at + n <= buf.length;
    const n = buf[at + 2];
    const done = (used: number, reply?: Buffer): StepResult => (reply ? { used, events: ev, reply } : { used, events: ev });
    switch (c) {
      case 0x21: if (!has(3)) return null; // GS ! character size
        this.style = { ...this.style, width: ((n! >> 4) & 7) + 1, height: (n! & 7) + 1 };
        return done(3);
      case 0x42: if (!has(3)) return null; this.style = { ...this.style, invert: !!(n! & 1) }; return done(3);
      case 0x48: if (!has(3)) return null; this.barcode.hri = n! % 48 % 4; return done(3);
      case 0x68: if (!has(3)) return null; this.barcode.height = n!; return done(3);
      case 0x77: if (!has(3)) return null; this.barcode.width = n!; return done(3);
      case 0x66: case 0x61: case 0x62: case 0x2f: case 0x49: case 0x45: return has(3) ? done(3) : null;
      case 0x72: { if (!has(3)) return null; // GS r n: status, answered when reached
        const reply = 0x00; // paper adequate, drawer state is reported by DLE EOT 1
        ev.push({ type: 'statusInSequence', n: n!, reply });
        return done(3, Buffer.of(reply));
      }
      case 0x56: { if (!has(3)) return null; // GS V m [n]: cut
        const m = n!;
        const withFeed = m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104;
        if (withFeed && !has(4)) return null;
        if (this.runs.length) ev.push(this.endLine(false));
        ev.push({ type: 'cut', partial: m === 1 || m === 49 || m === 66 || m === 98 || m === 104 });
        return done(withFeed ? 4 : 3);
      }
      case 0x6b: return this.barcodeCmd(buf, at, ev);
      case 0x28: { if (!has(5)) return null; // GS ( X pL pH ...: length-prefixed function
        const len = buf[at + 3]! + buf[at + 4]! * 256;
        if (!has(5 + len)) return null;
        const body = buf.subarray(at + 5, at + 5 + len);
        const reply = this.gsParen(n!, body, ev);
        return done(5 + len, reply);
      }
      case 0x38: { if (!has(7)) return null; // GS 8 L p1..p4: graphics with a 32-bit length
        const len = buf[at + 3]! + buf[at + 4]! * 256 + buf[at + 5]! * 65536 + buf[at + 6]! * 16777216;
        if (!has(7 + len)) return null;
        ev.push({ type: 'unknown', bytes: [GS, c, n!] });
        return done(7 + len);
      }
      case 0x76: { if (!has(8)) return null; // GS v 0 m xL xH yL yH d: raster image
        const wBytes = buf[at + 4]! + buf[at + 5]! * 256, h = buf[at + 6]! + buf[at + 7]! * 256;
        if (!has(8 + wBytes * h)) return null;
        if (this.runs.length) ev.push(this.endLine(false));
        ev.push({ type: 'image', widthDots: wBytes * 8, heightDots: h });
        return done(8 + wBytes * h);
      }
      case 0x4c: case 0x57: case 0x50: case 0x24: case 0x5c: return has(4) ? done(4) : null;
      default:
        ev.push({ type: 'unknown', bytes: [GS, c] });
        return done(2);
    }
  }

  private barcodeCmd(buf: Buffer, at: number, ev: EscPosEvent[]): StepResult | null {
    if (at + 3 > buf.length) return null;
    const m = buf[at + 2]!;
    let data: Buffer, used: number, symbology: string;
    if (m <= 6) { // function A: data ends with NUL
      const end = buf.indexOf(0, at + 3);
      if (end < 0) return null;
      data = buf.subarray(at + 3, end); used = end - at + 1; symbology = BARCODE_A[m]!;
    } else {
      if (at + 4 > buf.length) return null;
      const len = buf[at + 3]!;
      if (at + 4 + len > buf.length) return null;
      data = buf.subarray(at + 4, at + 4 + len); used = 4 + len; symbology = BARCODE_B[m] ?? `type ${m}`;
    }
    if (this.runs.length) ev.push(this.endLine(false));
    const text = symbology === 'CODE128' || symbology === 'GS1-128' ? code128Text(data) : data.toString('latin1');
    ev.push({ type: 'barcode', symbology, data: text, hri: HRI[this.barcode.hri]!, height: this.barcode.height, moduleWidth: this.barcode.width });
    return { used, events: ev };
  }

  /** GS ( k (2D codes), GS ( H (process id); everything else is consumed silently. */
  private gsParen(fnByte: number, body: Buffer, ev: EscPosEvent[]): Buffer | undefined {
    if (fnByte === 0x6b && body.length >= 2) {
      const cn = body[0]!, fn = body[1]!;
      if (cn === 49) { // QR Code
        if (fn === 65 && body.length >= 3) this.qr.model = body[2]! - 48;
        else if (fn === 67 && body.length >= 3) this.qr.size = body[2]!;
        else if (fn === 69 && body.length >= 3) this.qr.ec = EC[body[2] as keyof typeof EC] ?? 'M';
        else if (fn === 80) this.qr.data = body.subarray(3).toString('latin1');
        else if (fn === 81) {
          if (this.runs.length) ev.push(this.endLine(false));
          ev.push({ type: 'qr', data: this.qr.data, model: this.qr.model, moduleSize: this.qr.size, ecLevel: this.qr.ec });
        }
      } else if (fn === 80) this.stored2d[cn] = body.subarray(3).toString('latin1');
      else if (fn === 81) ev.push({ type: '2d', symbology: cn === 48 ? 'PDF417' : cn === 50 ? 'MaxiCode' : `cn ${cn}`, data: this.stored2d[cn] ?? '' });
      return undefined;
    }
    if (fnByte === 0x47 && body.length >= 2 && body[0] === 0x30) { // GS ( G fn=48: side of the slip
      ev.push({ type: 'slipSide', side: body[1] === 0x44 ? 'back' : 'face' });
      return undefined;
    }
    if (fnByte === 0x48 && body.length >= 6 && body[0] === 48 && body[1] === 48 && this.processIdSupported) {
      const id = body.subarray(2, 6);
      ev.push({ type: 'processId', id: id.toString('latin1') });
      return Buffer.concat([Buffer.of(0x37, 0x22), id, Buffer.of(0x00)]);
    }
    return undefined;
  }

  private put(chars: string, ev: EscPosEvent[]): void {
    for (const ch of chars) {
      const w = this.style.width;
      if (this.col + w > this.columns) ev.push(this.endLine(true));
      if (this.lineAlign === null) this.lineAlign = this.align;
      const last = this.runs[this.runs.length - 1];
      const s = this.style;
      if (last && last.bold === s.bold && last.underline === s.underline && last.invert === s.invert && last.fontB === s.fontB && last.width === s.width && last.height === s.height) {
        last.text += ch;
      } else {
        this.runs.push({ text: ch, ...s });
      }
      this.col += w;
    }
  }

  private endLine(wrapped: boolean): EscPosEvent {
    const runs = this.runs;
    const line: EscPosEvent = { type: 'line', text: runs.map((r) => r.text).join(''), align: this.lineAlign ?? this.align, runs, wrapped };
    this.runs = [];
    this.col = 0;
    this.lineAlign = null;
    return line;
  }
}

/** CODE128 data as sent with GS k 73: "{A"/"{B"/"{C" pick the code set; in set C each byte is two digits. */
function code128Text(data: Buffer): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x7b && i + 1 < data.length) {
      const c = data[i + 1]!;
      if (c === 0x41 || c === 0x42 || c === 0x43) { set = String.fromCharCode(c) as 'A' | 'B' | 'C'; i++; continue; }
      if (c === 0x7b) { out += '{'; i++; continue; }
      i++; continue; // FNC1..4, SHIFT: no printable character
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}
