// The check reader (MICR) on a serial / USB-CDC port: bytes → lines → parsed checks, each published as a
// 'check' event (payload: MicrRead) and kept as the latest read. Options: symbols (a symbol set name or
// "transit,onUs,amount,dash[,unreadable]"), staleMs (silence that ends a half-received line), maxLine,
// endorser (true: the reader has an endorser, driven with the generic text protocol of endorse() below).
import type { DeviceConfig, TestOutcome } from '../device';
import { msg } from '../../shared/messages';
import type { MicrRead } from '../../shared/micr';
import { SerialDevice } from '../serial/deviceBase';
import { later } from '../serial/reconnect';
import { DeviceSettingsError } from '../serial/settings';
import { LineAssembler, type AssembledLine } from './lineAssembler';
import { MicrParser } from './parse';
import { resolveSymbolSet, SymbolSetError } from './symbols';

export interface CheckRead { read: MicrRead; at: string }

/** The endorser did not print: no check in its path (NAK), or no answer. */
export class EndorseFailed extends Error {
  constructor(readonly reason: 'noCheck' | 'noAnswer', message: string) { super(message); this.name = 'EndorseFailed'; }
}

const ACK = 0x06, NAK = 0x15;

export class MicrReader extends SerialDevice {
  private readonly parser: MicrParser;
  private readonly assembler: LineAssembler;
  private readonly staleMs: number;
  private readonly testTimeoutMs: number;
  private cancelStale: (() => void) | undefined;
  private last: CheckRead | undefined;
  /** The reader has an endorser (a driver option). */
  readonly hasEndorser: boolean;
  private endorsing: ((answer: number | null) => void) | null = null;
  /** Counters for diagnostics (and for tests that wait until a piece has really been read). */
  readonly stats = { reads: 0, bytes: 0, lines: 0, checks: 0, failures: 0 };

  constructor(config: DeviceConfig, now?: () => Date) {
    super(config, now);
    const o = config.options ?? {};
    try {
      this.parser = new MicrParser(resolveSymbolSet(o.symbols === undefined ? undefined : String(o.symbols)));
    } catch (e) {
      if (e instanceof SymbolSetError) throw new DeviceSettingsError('symbols', e.message);
      throw e;
    }
    this.assembler = new LineAssembler(Number(o.maxLine ?? 120));
    this.staleMs = Number(o.staleMs ?? 1000);
    this.testTimeoutMs = Number(o.testTimeoutMs ?? 15_000);
    this.hasEndorser = o.endorser === true || o.endorser === 'true';
  }

  /**
   * Endorses the check in the reader's path (README "Endorsement on a check reader"): ESC E, each line
   * of printable text ended by CR, then ETX; the reader answers ACK once printed, NAK with no check.
   */
  async endorse(lines: string[], timeoutMs = 10_000): Promise<void> {
    if (!this.hasEndorser) throw new EndorseFailed('noAnswer', `Check reader ${this.id} has no endorser`);
    if (!this.link) throw new EndorseFailed('noAnswer', `Check reader ${this.id} is not open`);
    const text = lines.map((l) => l.replace(/[^\x20-\x7e]/g, '?') + '\r').join('');
    const answer = new Promise<number | null>((ok) => {
      const t = setTimeout(() => { this.endorsing = null; ok(null); }, timeoutMs);
      this.endorsing = (b) => { clearTimeout(t); this.endorsing = null; ok(b); };
    });
    await this.write(Buffer.concat([Buffer.of(0x1b, 0x45), Buffer.from(text, 'latin1'), Buffer.of(0x03)]));
    const b = await answer;
    if (b === ACK) return;
    if (b === NAK) throw new EndorseFailed('noCheck', 'No check in the endorser');
    throw new EndorseFailed('noAnswer', `Check reader ${this.id} did not answer the endorsement`);
  }

  /** The latest read (good or not), for the till to fill the check tender. */
  latest(): CheckRead | undefined { return this.last; }

  protected onData(chunk: Buffer): void {
    // The endorser's answer (ACK / NAK) is not part of a MICR line.
    if (this.endorsing && (chunk.includes(ACK) || chunk.includes(NAK))) {
      const b = chunk.find((x) => x === ACK || x === NAK)!;
      this.endorsing(b);
      chunk = Buffer.from(chunk.filter((x) => x !== ACK && x !== NAK));
      if (chunk.length === 0) return;
    }
    this.stats.reads++;
    this.stats.bytes += chunk.length;
    this.cancelStale?.();
    this.cancelStale = undefined;
    for (const line of this.assembler.push(chunk)) this.deliver(line);
    if (this.assembler.pending && this.staleMs > 0) {
      this.cancelStale = later(this.staleMs, () => {
        this.cancelStale = undefined;
        const rest = this.assembler.flush();
        if (rest) this.deliver(rest);
      });
    }
  }

  protected override onLost(): void {
    this.endorsing?.(null);
    this.cancelStale?.();
    this.cancelStale = undefined;
    this.assembler.flush();
  }

  private deliver(line: AssembledLine): void {
    this.stats.lines++;
    const read: MicrRead = line.overflow
      ? { ok: false, errors: [{ field: 'line', fault: 'tooLong', detail: 'The reader sent a line with no end: noise or a wrong setting.' }], partial: {}, raw: line.text }
      : this.parser.parse(line.text);
    // Blank lines between reads (CR LF pairs, padding) are not checks.
    if (!read.ok && read.errors[0].fault === 'empty') return;
    if (read.ok) this.stats.checks++; else this.stats.failures++;
    this.last = { read, at: this.now().toISOString() };
    this.emitEvent('check', read);
  }

  /** Test action: waits for a check to be fed through the reader and says what was read. */
  test(): Promise<string> { return this.runTest().then((o) => o.text); }

  runTest(): Promise<TestOutcome> {
    if (!this.link) return Promise.resolve({ text: `Check reader ${this.id} is not open: ${this.status().detail}`, message: msg('test.notOpen') });
    return new Promise((ok) => {
      const stop = this.onEvent((e) => {
        if (e.type !== 'check') return;
        cancel(); stop();
        const r = e.payload as MicrRead;
        ok({ text: describeRead(r), message: r.ok ? msg('test.checkRead', { routing: r.check.routing, account: r.check.account, checkNumber: r.check.checkNumber }) : msg('test.checkUnreadable') });
      });
      const s = Math.round(this.testTimeoutMs / 1000);
      const cancel = later(this.testTimeoutMs, () => { stop(); ok({ text: `No check was read within ${s} s.`, message: msg('test.noCheck', { s }) }); });
    });
  }
}

export function describeRead(r: MicrRead): string {
  if (r.ok) return `Read ${r.check.layout} check: routing ${r.check.routing}, account ${r.check.account}, check number ${r.check.checkNumber}.`;
  return `Read failed: ${r.errors.map((e) => `${e.field} (${e.fault}): ${e.detail}`).join('; ')}`;
}
