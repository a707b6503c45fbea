// MagTek MICRImage / Excella-class image check scanner over serial, USB-serial or Ethernet (protocol.ts).
// Each document: its MICR line (or a fault line) arrives unsolicited; the driver then asks for the front
// and back images (IS, then TI in BINARY mode for exactly the bytes IS announced) and publishes one
// 'scannedCheck' event. Options: symbols (as the MICR reader), endorser, timeoutMs.
import type { DeviceConfig, TestOutcome } from '../device';
import { msg } from '../../shared/messages';
import { DeviceBase } from '../serial/deviceBase';
import { DeviceSettingsError } from '../serial/settings';
import { MicrParser } from '../micr/parse';
import { resolveSymbolSet, SymbolSetError } from '../micr/symbols';
import { EndorseFailed, describeRead } from '../micr/reader';
import { ACK, CR, NAK, SCAN_FAULT_CODES, endorseCommand, imageStatusCommand, parseImageStatus, transmitImageCommand, type ScanFaultCode } from './protocol';
import { linkFor, type ByteLink } from './link';
import type { ImageCheckScanner, ScanFaultEvent, ScannedCheck } from './scanner';

type Waiter =
  | { kind: 'line'; done: (line: string | null) => void }
  | { kind: 'binary'; need: number; got: Buffer[]; have: number; done: (b: Buffer | null) => void }
  | { kind: 'ack'; done: (b: number | null) => void };

const MAX_IMAGE = 2_000_000;

export class MagTekImageScanner extends DeviceBase implements ImageCheckScanner {
  private link: ByteLink | undefined;
  private readonly parser: MicrParser;
  private readonly timeoutMs: number;
  readonly hasEndorser: boolean;
  /** Marks the driver for isImageCheckScanner; Excella-class readers image both sides. */
  readonly imagesBothSides = true;
  private line: number[] = [];
  private waiter: Waiter | undefined;
  private queue: Promise<void> = Promise.resolve();
  readonly stats = { documents: 0, faults: 0, imageBytes: 0 };

  constructor(readonly config: DeviceConfig, now?: () => Date) {
    super(config.id, config.kind, now);
    const o = config.options ?? {};
    try {
      this.parser = new MicrParser(resolveSymbolSet(o.symbols === undefined ? undefined : String(o.symbols)));
    } catch (e) {
      if (e instanceof SymbolSetError) throw new DeviceSettingsError('symbols', e.message);
      throw e;
    }
    this.timeoutMs = Number(o.timeoutMs ?? 5000);
    this.hasEndorser = o.endorser === true || o.endorser === 'true';
  }

  async open(): Promise<void> {
    if (this.link) return;
    const link = linkFor(this.config.address, this.config.options);
    this.setStatus('connecting', `Opening ${link.describe()}`, undefined, msg('device.connecting', { address: this.config.address }));
    try {
      await link.open();
    } catch (e) {
      this.setStatus('offline', (e as Error).message);
      throw e;
    }
    this.link = link;
    link.on('data', (b) => this.onData(b));
    link.on('lost', (err) => {
      if (this.link !== link) return;
      this.link = undefined;
      this.drop();
      this.setStatus('offline', `Lost ${link.describe()}: ${err.message}`, undefined, msg('link.lost', { address: this.config.address }));
    });
    this.setStatus('ready', `Open on ${link.describe()}`, undefined, msg('device.readyAt', { address: this.config.address }));
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    this.drop();
    if (link) await link.close();
    this.setStatus('offline', 'Closed', undefined, msg('device.closed'));
  }

  private drop(): void {
    const w = this.waiter;
    this.waiter = undefined;
    this.line = [];
    w?.done(null);
  }

  async endorse(lines: string[]): Promise<void> {
    if (!this.hasEndorser) throw new EndorseFailed('noAnswer', `Check scanner ${this.id} has no endorser`);
    const b = await this.request(endorseCommand(lines), 'ack');
    if (b === ACK) return;
    if (b === NAK) throw new EndorseFailed('noCheck', 'No check in the endorser');
    throw new EndorseFailed('noAnswer', `Check scanner ${this.id} did not answer the endorsement`);
  }

  /** One command and its answer; commands go one at a time, after any image transfer under way. */
  private request(cmd: Buffer, expect: 'line'): Promise<string | null>;
  private request(cmd: Buffer, expect: 'ack'): Promise<number | null>;
  private request(cmd: Buffer, expect: { binary: number }): Promise<Buffer | null>;
  private request(cmd: Buffer, expect: 'line' | 'ack' | { binary: number }): Promise<unknown> {
    const run = (): Promise<unknown> => new Promise((ok) => {
      const link = this.link;
      if (!link) { ok(null); return; }
      const t = setTimeout(() => { if (this.waiter === w) { this.waiter = undefined; ok(null); } }, this.timeoutMs);
      const done = (v: unknown): void => { clearTimeout(t); ok(v); };
      const w: Waiter = expect === 'line' ? { kind: 'line', done } : expect === 'ack' ? { kind: 'ack', done }
        : { kind: 'binary', need: expect.binary, got: [], have: 0, done };
      this.waiter = w;
      link.write(cmd).catch(() => { if (this.waiter === w) { this.waiter = undefined; done(null); } });
    });
    const p = this.queue.then(run);
    this.queue = p.then(() => undefined, () => undefined);
    return p;
  }

  private onData(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      const w = this.waiter;
      if (w?.kind === 'binary') {
        const take = Math.min(w.need - w.have, chunk.length - i);
        w.got.push(chunk.subarray(i, i + take));
        w.have += take;
        i += take;
        if (w.have === w.need) { this.waiter = undefined; w.done(Buffer.concat(w.got)); }
        continue;
      }
      const b = chunk[i++]!;
      if (w?.kind === 'ack' && (b === ACK || b === NAK)) { this.waiter = undefined; w.done(b); continue; }
      if (b === 0x0a) continue;
      if (b !== CR) { if (this.line.length < 512) this.line.push(b); continue; }
      const text = Buffer.from(this.line).toString('latin1');
      this.line = [];
      if (w?.kind === 'line') { this.waiter = undefined; w.done(text); continue; }
      if (text.trim() !== '') this.onDocument(text);
    }
  }

  /** A document went through: a fault, or a MICR line whose images are fetched next. */
  private onDocument(text: string): void {
    const fault = /^!([A-Z])\b\s*(.*)$/.exec(text);
    if (fault) {
      this.stats.faults++;
      const f = SCAN_FAULT_CODES[fault[1] as ScanFaultCode];
      const e: ScanFaultEvent = f ? { fault: f, detail: fault[2] ?? '' } : { fault: 'transfer', detail: `Unknown status ${text}` };
      this.emitEvent('scanFault', e);
      return;
    }
    const read = this.parser.parse(text);
    void this.fetchImages().then((images) => {
      if (!images) { this.stats.faults++; this.emitEvent('scanFault', { fault: 'transfer', detail: 'The images did not arrive from the scanner' } satisfies ScanFaultEvent); return; }
      this.stats.documents++;
      this.emitEvent('scannedCheck', { read, ...images } satisfies ScannedCheck);
    });
  }

  private async fetchImages(): Promise<{ front: Buffer; back: Buffer | null } | null> {
    const side = async (n: 0 | 1): Promise<Buffer | null | 'none'> => {
      const status = await this.request(imageStatusCommand(n), 'line');
      if (status === null) return null;
      const s = parseImageStatus(status);
      if (s === 'bad') return null;
      if (s === null) return 'none';
      if (s.bytes > MAX_IMAGE) return null;
      const bytes = await this.request(transmitImageCommand(n), { binary: s.bytes });
      if (bytes) this.stats.imageBytes += bytes.length;
      return bytes;
    };
    const front = await side(0);
    if (front === null || front === 'none') return null;
    const back = await side(1);
    if (back === null) return null;
    return { front, back: back === 'none' ? null : back };
  }

  test(): Promise<string> { return this.runTest().then((o) => o.text); }

  runTest(): Promise<TestOutcome> {
    if (!this.link) return Promise.resolve({ text: `Check scanner ${this.id} is not open`, message: msg('test.notOpen') });
    return new Promise((ok) => {
      const t = setTimeout(() => { stop(); ok({ text: 'No check was scanned within 15 s.', message: msg('test.noCheck', { s: 15 }) }); }, 15_000);
      const stop = this.onEvent((e) => {
        if (e.type !== 'scannedCheck' && e.type !== 'scanFault') return;
        clearTimeout(t); stop();
        if (e.type === 'scanFault') { ok({ text: `Scan failed: ${(e.payload as ScanFaultEvent).fault}`, message: msg('test.checkUnreadable') }); return; }
        const s = e.payload as ScannedCheck;
        const r = s.read;
        ok({ text: `${describeRead(r)} Images: front ${s.front.length} bytes, back ${s.back?.length ?? 0} bytes.`, message: r.ok ? msg('test.checkRead', { routing: r.check.routing, account: r.check.account, checkNumber: r.check.checkNumber }) : msg('test.checkUnreadable') });
      });
    });
  }
}
