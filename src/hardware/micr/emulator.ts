// A check reader on the far end of a serial line (a socat pty in tests and the demo): it "reads" checks by
// sending their MICR lines as a real reader would — whole, in pieces, with noise, or at a wrong baud rate.
import { SerialLink } from '../serial/link';
import { parseSerialAddress } from '../serial/settings';
import { resampleBaud } from '../serial/uart';
import { SYMBOL_SETS, type MicrSymbolSet } from './symbols';

export interface CheckSpec {
  routing: string;
  account: string;
  checkNumber: string;
  layout?: 'personal' | 'business';
  /** Encoded amount field, in cents (a check already processed by a bank). */
  amountCents?: number;
  epc?: string;
}

/** The MICR line of a check in a reader's transliteration (first character of each symbol of the set). */
export function micrLine(c: CheckSpec, set: MicrSymbolSet = SYMBOL_SETS.magtek): string {
  const T = [...set.transit][0]!, U = [...set.onUs][0]!, A = [...set.amount][0]!;
  const amount = c.amountCents === undefined ? '' : ` ${A}${String(c.amountCents).padStart(10, '0')}${A}`;
  if (c.layout === 'business') {
    const aux = `${c.epc ? c.epc + ' ' : ''}${U}${c.checkNumber.padStart(6, '0')}${U} `;
    return `${aux}${T}${c.routing}${T} ${c.account}${U}${amount}`;
  }
  return `${T}${c.routing}${T} ${c.account}${U} ${c.checkNumber}${amount}`;
}

export interface MicrEmulatorOptions {
  /** The reader's own baud rate; when it differs from hostBaud the host receives wrong-baud garbage. */
  wireBaud?: number;
  /** The baud rate the station's port is set to. */
  hostBaud?: number;
  /** What ends each line: CR by default (MagTek), CR LF, or ETX. */
  terminator?: string;
}

export class MicrEmulator {
  private readonly link: SerialLink;
  /** What its endorser printed, check by check (ESC E … ETX from the station). */
  readonly endorsed: string[][] = [];
  /** A check is in the endorser's path (else it answers NAK). */
  checkInEndorser = true;
  private rx: number[] = [];
  constructor(path: string, private o: MicrEmulatorOptions = {}) {
    this.link = new SerialLink(parseSerialAddress(`serial:${path}`));
    this.link.on('data', (chunk: Buffer) => this.fromHost(chunk));
  }

  /** The endorse command: ESC E, lines ended by CR, ETX; answered ACK, or NAK with no check. */
  private fromHost(chunk: Buffer): void {
    for (const b of chunk) {
      this.rx.push(b);
      if (b !== 0x03) continue;
      const start = this.rx.lastIndexOf(0x1b);
      if (start >= 0 && this.rx[start + 1] === 0x45) {
        const text = Buffer.from(this.rx.slice(start + 2, -1)).toString('latin1');
        if (this.checkInEndorser) this.endorsed.push(text.split('\r').filter((l) => l !== ''));
        void this.link.write(Buffer.of(this.checkInEndorser ? 0x06 : 0x15));
      }
      this.rx = [];
    }
  }

  /** Changes the baud rates in play (e.g. the reader reset to another rate than the station's setting). */
  setBauds(wireBaud: number, hostBaud: number): void { this.o = { ...this.o, wireBaud, hostBaud }; }

  open(): Promise<void> { return this.link.open(); }
  close(): Promise<void> { return this.link.close(); }

  /** Raw bytes onto the wire, as they would arrive at the host's baud rate. */
  async sendBytes(bytes: Uint8Array): Promise<void> {
    const wire = this.o.wireBaud ?? 9600, host = this.o.hostBaud ?? wire;
    await this.link.write(wire === host ? bytes : resampleBaud(bytes, wire, host));
  }

  /** A check read: the line and its terminator. */
  async sendLine(line: string): Promise<void> {
    await this.sendBytes(Buffer.from(line + (this.o.terminator ?? '\r'), 'utf8'));
  }

  /** The bytes of one read (line + terminator), for callers that cut it into pieces themselves. */
  frame(line: string): Buffer { return Buffer.from(line + (this.o.terminator ?? '\r'), 'utf8'); }
}
