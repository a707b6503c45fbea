// Cuts the reader's byte stream into lines. Lines arrive split across reads and with noise between
// them: STX starts a line afresh, CR / LF / ETX end it, NUL padding is dropped, and an overlong run
// without an end of line is cut off so one lost terminator cannot swallow the next check.

const STX = 0x02, ETX = 0x03, LF = 0x0a, CR = 0x0d, NUL = 0x00;

export interface AssembledLine {
  text: string;
  /** The line ran past maxLength without an end: what was kept is its start. */
  overflow: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** UTF-8 when the bytes are (readers sending ⑆⑈⑇⑉), otherwise one character per byte so noise stays visible. */
export function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

export class LineAssembler {
  private buf: number[] = [];
  private skipping = false;

  constructor(private readonly maxLength = 160) {}

  /** Feeds one read; returns the lines it completed. */
  push(chunk: Uint8Array): AssembledLine[] {
    const out: AssembledLine[] = [];
    for (const b of chunk) {
      if (b === STX) { this.buf = []; this.skipping = false; continue; }
      if (b === CR || b === LF || b === ETX) {
        if (!this.skipping && this.buf.length > 0) out.push({ text: decodeLine(Uint8Array.from(this.buf)), overflow: false });
        this.buf = [];
        this.skipping = false;
        continue;
      }
      if (b === NUL || this.skipping) continue;
      this.buf.push(b);
      if (this.buf.length > this.maxLength) {
        out.push({ text: decodeLine(Uint8Array.from(this.buf.slice(0, this.maxLength))), overflow: true });
        this.buf = [];
        this.skipping = true; // the rest of this run, up to the next end of line, is the same broken line
      }
    }
    return out;
  }

  /** True while part of a line is waiting for its end. */
  get pending(): boolean { return this.buf.length > 0; }

  /** Gives up on the waiting part (the reader went quiet mid-line) and returns it, if any. */
  flush(): AssembledLine | null {
    const had = this.buf;
    this.buf = [];
    this.skipping = false;
    return had.length > 0 ? { text: decodeLine(Uint8Array.from(had)), overflow: false } : null;
  }
}
