// A stub scanner on the far end of a serial line (a socat pty in tests and the demo): it "scans" by
// sending the code's characters and its terminator, as a real scanner in RS-232 mode does — whole, in
// pieces, cut short (no terminator), or as noise.
import { SerialLink } from '../serial/link';
import { parseSerialAddress } from '../serial/settings';

export class ScannerEmulator {
  private readonly link: SerialLink;
  constructor(path: string, private readonly terminator = '\r') {
    this.link = new SerialLink(parseSerialAddress(`serial:${path}`));
  }

  open(): Promise<void> { return this.link.open(); }
  close(): Promise<void> { return this.link.close(); }

  /** One scan: the code and the terminator. */
  async scan(text: string): Promise<void> { await this.link.write(Buffer.from(text + this.terminator, 'latin1')); }

  /** The code in pieces with pauses between them (a slow link), then the terminator. */
  async scanInPieces(text: string, pieces: number, pauseMs: number): Promise<void> {
    const size = Math.ceil(text.length / pieces);
    for (let i = 0; i < text.length; i += size) {
      await this.link.write(Buffer.from(text.slice(i, i + size), 'latin1'));
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    await this.link.write(Buffer.from(this.terminator, 'latin1'));
  }

  /** The start of a code and no terminator: the scanner lost it. */
  async cutShort(text: string): Promise<void> { await this.link.write(Buffer.from(text, 'latin1')); }

  async sendBytes(bytes: Uint8Array): Promise<void> { await this.link.write(bytes); }
}
