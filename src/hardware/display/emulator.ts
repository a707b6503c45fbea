// A 2×20 customer display on the far end of a serial line: keeps every byte it receives and interprets
// the Epson-style commands into what a customer would see, so tests check both the wire and the screen.
import { SerialLink } from '../serial/link';
import { parseSerialAddress } from '../serial/settings';
import { COLS, PC437_DECODE, ROWS } from './commands';

export class DisplayEmulator {
  private readonly link: SerialLink;
  readonly received: number[] = [];
  private screen: string[][] = blank();
  private col = 0;
  private row = 0;
  private pending: number[] = [];
  brightness = 4;
  cursorShown = true;
  codePage = 0;
  private listeners = new Set<() => void>();

  constructor(path: string) {
    this.link = new SerialLink(parseSerialAddress(`serial:${path}`));
    this.link.on('data', (chunk) => this.feed(chunk));
  }

  open(): Promise<void> { return this.link.open(); }
  close(): Promise<void> { return this.link.close(); }

  /** The two lines as shown, 20 characters each. */
  lines(): [string, string] { return [this.screen[0]!.join(''), this.screen[1]!.join('')]; }

  /** Calls fn after every piece of input (the screen may have changed); returns the unsubscribe function. */
  onChange(fn: (lines: [string, string]) => void): () => void {
    const l = (): void => fn(this.lines());
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Resolves once the screen shows what pred accepts. */
  until(pred: (lines: [string, string]) => boolean): Promise<[string, string]> {
    if (pred(this.lines())) return Promise.resolve(this.lines());
    return new Promise((ok) => {
      const check = (): void => { if (pred(this.lines())) { this.listeners.delete(check); ok(this.lines()); } };
      this.listeners.add(check);
    });
  }

  /** Interprets bytes; a command split across reads waits for its remaining bytes. */
  feed(chunk: Uint8Array): void {
    for (const b of chunk) { this.received.push(b); this.pending.push(b); this.step(); }
    for (const l of [...this.listeners]) l();
  }

  private step(): void {
    const p = this.pending;
    const b0 = p[0]!;
    if (b0 === 0x1b) {
      if (p.length < 2) return;
      if (p[1] === 0x40) { this.reset(); p.length = 0; return; }
      if (p[1] === 0x74) { if (p.length < 3) return; this.codePage = p[2]!; p.length = 0; return; }
      p.length = 0; return; // unknown ESC command: ignored, as a display does
    }
    if (b0 === 0x1f) {
      if (p.length < 2) return;
      const c = p[1]!;
      if (c === 0x01 || c === 0x02 || c === 0x03) { p.length = 0; return; } // display modes
      if (c === 0x43 || c === 0x58) {
        if (p.length < 3) return;
        if (c === 0x43) this.cursorShown = p[2] !== 0; else this.brightness = p[2]!;
        p.length = 0; return;
      }
      if (c === 0x24) {
        if (p.length < 4) return;
        this.col = Math.min(COLS, Math.max(1, p[2]!)) - 1;
        this.row = Math.min(ROWS, Math.max(1, p[3]!)) - 1;
        p.length = 0; return;
      }
      p.length = 0; return;
    }
    p.length = 0;
    if (b0 === 0x0c) { this.screen = blank(); this.col = 0; this.row = 0; return; }
    if (b0 === 0x0d) { this.col = 0; return; }
    if (b0 === 0x0a) { this.row = Math.min(ROWS - 1, this.row + 1); return; }
    if (b0 === 0x0b) { this.col = 0; this.row = 0; return; }
    if (b0 < 0x20) return;
    this.screen[this.row]![this.col] = b0 < 0x80 ? String.fromCharCode(b0) : (PC437_DECODE[b0] ?? '?');
    // Overwrite mode: after the last column the cursor goes to the start of the other line.
    this.col++;
    if (this.col >= COLS) { this.col = 0; this.row = (this.row + 1) % ROWS; }
  }

  private reset(): void {
    this.screen = blank(); this.col = 0; this.row = 0; this.brightness = 4; this.cursorShown = true; this.codePage = 0;
  }
}

function blank(): string[][] {
  return Array.from({ length: ROWS }, () => Array.from({ length: COLS }, () => ' '));
}
