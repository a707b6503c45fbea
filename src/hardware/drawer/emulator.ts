// A serial cash drawer on the far end of a socat pty (tests, demo): it springs open on its opening
// sequence and answers the status query with '1' (open) or '0' (shut); the cashier shuts it by hand.
import { EventEmitter } from 'node:events';
import { SerialLink } from '../serial/link';
import { parseSerialAddress } from '../serial/settings';

export class SerialDrawerEmulator extends EventEmitter {
  open = false;
  /** Every byte the station sent, in order. */
  readonly received: number[] = [];
  private readonly link: SerialLink;
  private seen: number[] = [];

  constructor(path: string, private readonly openSeq: number[] = [0x07], private readonly query = 0x05) {
    super();
    this.link = new SerialLink(parseSerialAddress(`serial:${path}`));
  }

  async start(): Promise<void> {
    await this.link.open();
    this.link.on('data', (chunk: Buffer) => this.onData(chunk));
  }
  stop(): Promise<void> { return this.link.close(); }

  /** The cashier pushes it shut (or pulls it open with the key). */
  setOpen(open: boolean): void { this.open = open; this.emit('change', open); }

  private onData(chunk: Buffer): void {
    for (const b of chunk) {
      this.received.push(b);
      if (b === this.query) { void this.link.write(Buffer.from(this.open ? '1' : '0', 'latin1')); continue; }
      this.seen.push(b);
      this.seen = this.seen.slice(-this.openSeq.length);
      if (this.seen.length === this.openSeq.length && this.seen.every((x, i) => x === this.openSeq[i])) {
        this.seen = [];
        this.setOpen(true);
        this.emit('kick');
      }
    }
  }
}
