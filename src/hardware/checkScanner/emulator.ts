// An Excella-class scanner on the far end of a pty (socat) or a TCP port, for tests and the demo: feed()
// "scans" a check (renders its front and back with a real E-13B MICR line, sends the line, then answers
// IS and TI for the images), or a jam / double feed / no-MICR fault. It keeps every command it received.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SerialLink } from '../serial/link';
import { parseSerialAddress } from '../serial/settings';
import { micrLine, type CheckSpec } from '../micr/emulator';
import { ACK, CR, ESC, ETX, NAK, faultLine, type ScanFaultCode } from './protocol';
import { renderCheckImages, type CheckArt, type CheckImages } from './render';
import { encodeG4 } from './tiff';

export interface FeedSpec extends CheckSpec {
  amountCents: number;
  payer?: string;
  payee?: string;
  date?: string;
  /** Replace the rendered images (a blank or black page, for the quality checks). */
  images?: CheckImages;
  /** Digits the reader could not read: these positions of the line become '?'. */
  unreadable?: number[];
  /** A front the quality checks refuse, the back as rendered: 'dark' (the threshold set wrong: all black), 'blank' (fed face down). */
  poor?: 'dark' | 'blank';
}

/** The MICR line of a check at the counter: the amount field is blank until a bank encodes it. */
export function counterMicrLine(c: CheckSpec): string {
  return micrLine({ ...c, amountCents: undefined });
}

interface Wire { write(b: Buffer): Promise<void>; close(): Promise<void> }

export class ImageScannerEmulator {
  /** Commands as received (text of IS/TI without the CR; endorsements as 'ENDORSE'). */
  readonly received: Buffer[] = [];
  readonly endorsed: string[][] = [];
  checkInEndorser = true;
  private images: CheckImages | null = null;
  private rx: number[] = [];
  private wire: Wire | undefined;
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  /** Images sent so far, for tests that compare bytes. */
  readonly sent: Buffer[] = [];

  private constructor() {}

  /** The scanner on the device end of a pty pair. */
  static async serial(path: string): Promise<ImageScannerEmulator> {
    const e = new ImageScannerEmulator();
    const link = new SerialLink(parseSerialAddress(`serial:${path}?baud=115200`));
    link.on('data', (b: Buffer) => e.fromHost(b));
    await link.open();
    e.wire = { write: (b) => link.write(b), close: () => link.close() };
    return e;
  }

  /** The scanner as a network device on 127.0.0.1; address() gives tcp://… for the driver. */
  static async tcp(): Promise<ImageScannerEmulator> {
    const e = new ImageScannerEmulator();
    e.server = createServer((s) => {
      e.sockets.add(s);
      s.setNoDelay(true);
      s.on('data', (b: Buffer) => e.fromHost(b));
      s.on('close', () => e.sockets.delete(s));
      s.on('error', () => undefined);
      e.wire = { write: (b) => new Promise((ok, fail) => s.write(b, (err) => (err ? fail(err) : ok()))), close: async () => { s.destroy(); } };
    });
    await new Promise<void>((ok) => e.server!.listen(0, '127.0.0.1', ok));
    return e;
  }

  address(): string {
    const a = this.server?.address() as AddressInfo | undefined;
    if (!a) throw new Error('not a TCP emulator');
    return `tcp://127.0.0.1:${a.port}`;
  }

  async close(): Promise<void> {
    await this.wire?.close().catch(() => undefined);
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise<void>((ok) => this.server!.close(() => ok()));
  }

  /** Connected (for TCP, once the driver has dialled in). */
  get connected(): boolean { return this.wire !== undefined; }

  /** Renders a check as the scanner would image it. */
  static render(c: FeedSpec, endorsement: string[] = []): Promise<CheckImages> {
    const art: CheckArt = {
      micr: counterMicrLine(c), amountCents: c.amountCents, payer: c.payer ?? 'JANE Q PUBLIC', payee: c.payee ?? 'City of Riverton',
      date: c.date ?? '2026-12-01', checkNumber: c.checkNumber, endorsement,
    };
    return renderCheckImages(art);
  }

  /** One check through the scanner: its images become the current ones, then its MICR line is sent. */
  async feed(c: FeedSpec): Promise<CheckImages> {
    let images = c.images ?? await ImageScannerEmulator.render(c, this.endorsed.at(-1) ?? []);
    if (c.poor) images = { ...images, front: await encodeG4(Buffer.alloc(1200 * 550, c.poor === 'dark' ? 0 : 255), 1200, 550, 200) };
    this.images = images;
    let line = counterMicrLine(c);
    for (const p of c.unreadable ?? []) line = line.slice(0, p) + '?' + line.slice(p + 1);
    await this.send(Buffer.from(line + '\r', 'latin1'));
    return images;
  }

  /** A document that did not scan: J jam, D double feed, N no MICR line found. */
  async fault(code: ScanFaultCode): Promise<void> {
    this.images = null;
    await this.send(Buffer.from(faultLine(code) + '\r', 'latin1'));
  }

  private async send(b: Buffer): Promise<void> {
    if (!this.wire) throw new Error('No host connected to the scanner emulator');
    await this.wire.write(b);
  }

  private fromHost(chunk: Buffer): void {
    for (const b of chunk) {
      this.rx.push(b);
      if (this.rx[0] === ESC) {
        if (b !== ETX) continue;
        const bytes = Buffer.from(this.rx);
        this.rx = [];
        this.received.push(bytes);
        if (bytes[1] === 0x45) {
          if (this.checkInEndorser) this.endorsed.push(bytes.subarray(2, -1).toString('latin1').split('\r').filter((l) => l !== ''));
          void this.send(Buffer.of(this.checkInEndorser ? ACK : NAK));
        }
        continue;
      }
      if (b !== CR) continue;
      const bytes = Buffer.from(this.rx);
      this.rx = [];
      this.received.push(bytes);
      void this.answer(bytes.subarray(0, -1).toString('latin1'));
    }
  }

  private async answer(cmd: string): Promise<void> {
    const m = /^(IS|TI) S([01])$/.exec(cmd);
    if (!m) { await this.send(Buffer.from('?\r', 'latin1')); return; }
    const img = this.images ? (m[2] === '0' ? this.images.front : this.images.back) : null;
    if (m[1] === 'IS') {
      await this.send(Buffer.from(img ? `LG1,${img.length},${m[2] === '0' ? 'FRONT' : 'BACK'}.TIF\r` : 'NN0,0,noname\r', 'latin1'));
      return;
    }
    if (!img) return;
    this.sent.push(img);
    // In pieces, as a serial line delivers them.
    for (let i = 0; i < img.length; i += 4096) await this.send(img.subarray(i, i + 4096));
  }
}
