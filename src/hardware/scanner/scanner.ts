// A bill stub scanner on a serial / USB-CDC port (a barcode or OCR scanner in its RS-232 mode): each scan
// comes as its characters and a terminator (CR, LF or CR LF; STX/ETX framing is taken as well). A read
// is published as a 'scan' event (payload { text }); what is not a scan as a 'scanFault' event: a read
// whose end never came within staleMs ('cutShort'), or bytes that are not text ('noise').
// Options: staleMs [300], maxLength [400], testTimeoutMs [15000].
import type { DeviceConfig, TestOutcome } from '../device';
import { msg } from '../../shared/messages';
import { LineAssembler, type AssembledLine } from '../micr/lineAssembler';
import { SerialDevice } from '../serial/deviceBase';
import { later } from '../serial/reconnect';

export interface ScanRead { text: string; at: string }
export type ScanFault = { fault: 'cutShort' | 'noise'; text: string };

// Printable text only: a scanner's characters reach the till as text, and control bytes are noise.
const PRINTABLE = /^[\x20-\x7e]+$/;

export class SerialScanner extends SerialDevice {
  private readonly assembler: LineAssembler;
  private readonly staleMs: number;
  private readonly testTimeoutMs: number;
  private cancelStale: (() => void) | undefined;
  readonly stats = { bytes: 0, scans: 0, faults: 0 };

  constructor(config: DeviceConfig, now?: () => Date) {
    super(config, now);
    const o = config.options ?? {};
    this.assembler = new LineAssembler(Number(o.maxLength ?? 400));
    this.staleMs = Number(o.staleMs ?? 300);
    this.testTimeoutMs = Number(o.testTimeoutMs ?? 15_000);
  }

  protected onData(chunk: Buffer): void {
    this.stats.bytes += chunk.length;
    this.cancelStale?.();
    this.cancelStale = undefined;
    for (const line of this.assembler.push(chunk)) this.deliver(line, false);
    if (this.assembler.pending && this.staleMs > 0) {
      this.cancelStale = later(this.staleMs, () => {
        this.cancelStale = undefined;
        const rest = this.assembler.flush();
        if (rest) this.deliver(rest, true);
      });
    }
  }

  protected override onLost(): void {
    this.cancelStale?.();
    this.cancelStale = undefined;
    this.assembler.flush();
  }

  private deliver(line: AssembledLine, unterminated: boolean): void {
    const text = line.text.trim();
    if (!text) return;
    if (line.overflow || !PRINTABLE.test(text)) { this.fault('noise', text); return; }
    if (unterminated) { this.fault('cutShort', text); return; }
    this.stats.scans++;
    this.emitEvent('scan', { text } satisfies Omit<ScanRead, 'at'>);
  }

  private fault(fault: ScanFault['fault'], text: string): void {
    this.stats.faults++;
    this.emitEvent('scanFault', { fault, text: text.replace(/[^\x20-\x7e]/g, '?').slice(0, 80) } satisfies ScanFault);
  }

  test(): Promise<string> { return this.runTest().then((o) => o.text); }

  /** Test action: waits for a scan and says what came. */
  runTest(): Promise<TestOutcome> {
    if (!this.link) return Promise.resolve({ text: `Scanner ${this.id} is not open: ${this.status().detail}`, message: msg('test.notOpen') });
    return new Promise((ok) => {
      const stop = this.onEvent((e) => {
        if (e.type !== 'scan' && e.type !== 'scanFault') return;
        cancel(); stop();
        const text = (e.payload as { text: string }).text;
        ok({ text: e.type === 'scan' ? `Scanned: ${text}` : `Scanner sent something that is not a scan (${(e.payload as ScanFault).fault}): ${text}`, message: msg('test.scanned', { text }) });
      });
      const s = Math.round(this.testTimeoutMs / 1000);
      const cancel = later(this.testTimeoutMs, () => { stop(); ok({ text: `Nothing was scanned within ${s} s.`, message: msg('test.noScan', { s }) }); });
    });
  }
}
