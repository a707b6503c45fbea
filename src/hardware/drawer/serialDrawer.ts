// A cash drawer on its own serial or USB-serial port, for counters whose drawer is not wired to the
// printer. The protocol (README "Cash drawer on a serial port") is the common one of serial drawer
// interfaces: the drawer opens when it receives its opening sequence (APG's SerialPRO interfaces open
// on BEL, 0x07, as shipped; others on one or two characters set by DIP switches), and reports its
// switch in-band when asked: the status query byte (ENQ, 0x05) is answered with '1' (open) or '0'
// (shut). Options: open (hex bytes, [07]), query (hex byte, [05]), openReply / shutReply ([31] / [30]),
// pollMs [1000] (faster, 250 ms, while open), answerMs [800], sensor (query | none).
import type { DeviceConfig, TestOutcome } from '../device';
import { msg } from '../../shared/messages';
import { SerialDevice } from '../serial/deviceBase';
import { DeviceSettingsError } from '../serial/settings';
import type { KickResult } from './drawer';

function hexBytes(v: unknown, name: string, dflt: string, max: number): Buffer {
  const s = String(v ?? dflt).replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(s) || s.length / 2 > max) throw new DeviceSettingsError(name, `${name} is ${max === 1 ? 'one byte' : `1 to ${max} bytes`} in hex, e.g. ${dflt}`);
  return Buffer.from(s, 'hex');
}

export class SerialDrawer extends SerialDevice {
  private readonly openSeq: Buffer;
  private readonly query: number;
  private readonly openReply: number;
  private readonly shutReply: number;
  private readonly pollMs: number;
  private readonly answerMs: number;
  readonly hasSensor: boolean;
  private lastOpen: boolean | null = null;
  private timer: NodeJS.Timeout | null = null;
  private waiters: ((b: number | null) => void)[] = [];

  constructor(config: DeviceConfig, now?: () => Date) {
    super(config, now);
    const o = config.options ?? {};
    this.openSeq = hexBytes(o.open, 'open', '07', 2);
    this.query = hexBytes(o.query, 'query', '05', 1)[0]!;
    this.openReply = hexBytes(o.openReply, 'openReply', '31', 1)[0]!;
    this.shutReply = hexBytes(o.shutReply, 'shutReply', '30', 1)[0]!;
    this.pollMs = Number(o.pollMs ?? 1000);
    this.answerMs = Number(o.answerMs ?? 800);
    if (o.sensor !== undefined && o.sensor !== 'query' && o.sensor !== 'none') throw new DeviceSettingsError('sensor', 'sensor is query or none');
    this.hasSensor = o.sensor !== 'none';
  }

  /** Where it is, for messages (its port). */
  get linkAddress(): string { return this.settings.path; }

  /** True open, false shut, null unknown (no sensor, or the drawer is not answering). */
  isOpen(): boolean | null { return this.lastOpen; }

  override async open(): Promise<void> {
    await super.open();
    // The port's "ready" said, the switch as last read is the drawer's status.
    if (this.lastOpen !== null) this.sensed(this.lastOpen);
  }

  protected override async onOpened(): Promise<void> {
    if (this.hasSensor) { await this.readSensor(); this.schedule(); }
  }

  protected override onLost(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const w of this.waiters.splice(0)) w(null);
    this.lastOpen = null;
  }

  protected onData(chunk: Buffer): void {
    for (const b of chunk) {
      if (b !== this.openReply && b !== this.shutReply) continue; // line noise: not an answer
      const w = this.waiters.shift();
      if (w) w(b); else this.sensed(b === this.openReply); // a drawer that reports by itself
    }
  }

  /** Opens the drawer: its opening sequence. Throws when the port is not open. */
  async kick(): Promise<KickResult> {
    await this.write(this.openSeq);
    if (this.hasSensor) setTimeout(() => { void this.readSensor(); }, 150).unref();
    return { via: 'serial', pin: null, onMs: 0, at: this.now().toISOString(), detail: `sent ${this.openSeq.toString('hex')} on ${this.settings.path}` };
  }

  /** Asks the drawer now; null when it does not answer. */
  async readSensor(): Promise<boolean | null> {
    if (!this.hasSensor || !this.link) return this.lastOpen;
    const answer = new Promise<number | null>((ok) => {
      const t = setTimeout(() => { this.waiters = this.waiters.filter((w) => w !== done); ok(null); }, this.answerMs);
      const done = (b: number | null) => { clearTimeout(t); ok(b); };
      this.waiters.push(done);
    });
    await this.write(Buffer.of(this.query)).catch(() => undefined);
    const b = await answer;
    if (b === null) {
      this.lastOpen = null;
      this.setStatus('error', `The drawer on ${this.settings.path} does not answer its status query`, undefined, msg('link.deviceFault'));
      return null;
    }
    this.sensed(b === this.openReply);
    return this.lastOpen;
  }

  private sensed(open: boolean): void {
    this.lastOpen = open;
    this.setStatus('ready', open ? 'Open' : 'Closed', { open }, msg(open ? 'drawer.open' : 'drawer.closed'));
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { void this.readSensor().finally(() => { if (this.link) this.schedule(); }); }, this.lastOpen ? Math.min(250, this.pollMs) : this.pollMs);
    this.timer.unref();
  }

  async test(): Promise<string> { return (await this.runTest()).text; }

  async runTest(): Promise<TestOutcome> {
    if (!this.link) return { text: `Drawer ${this.id} is not open: ${this.status().detail}`, message: msg('test.notOpen') };
    await this.kick();
    const byte = this.openSeq.toString('hex');
    return { text: `Drawer opened (sent ${byte} on ${this.settings.path})`, message: msg('test.drawerOpened', { byte }) };
  }
}
