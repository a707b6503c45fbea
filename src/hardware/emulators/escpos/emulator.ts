// An ESC/POS receipt printer in software: listens on a loopback TCP port (like a printer's port 9100)
// or sits on any byte stream (a socat pty for serial), decodes what it prints, answers status, and can
// go offline, run out of paper or have its cover opened mid-job — the way a real printer does:
// data keeps arriving in its receive buffer, printing stops, real-time commands are still answered,
// and printing resumes where it stopped once the fault is cleared.
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { EscPosDecoder } from './decoder';
import type { EscPosEvent, RealTimeEvent, Slip, SlipForm } from './events';
import { slips } from './paper';

export interface EmulatorStatus {
  /** False: the printer holds itself offline (e.g. waiting for online recovery) with no other cause. */
  online: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  /** The physical drawer, as its sensor switch sees it. */
  drawerOpen: boolean;
  error: 'none' | 'autocutter' | 'unrecoverable' | 'autoRecoverable';
}

export interface EmulatorOptions {
  /** Characters per line in font A: 48 for 80 mm paper, 32 for 58 mm. */
  columns?: number;
  /** Which level the drawer's sensor puts on connector pin 3 when the drawer is open (depends on the drawer). */
  drawerOpenLevel?: 'high' | 'low';
  /** A kick pulse springs the drawer open [true]. */
  drawerOpensOnKick?: boolean;
  /** Answer GS ( H with a process id response [true]; older printers do not. */
  processIdSupported?: boolean;
  status?: Partial<EmulatorStatus>;
  /** A slip station (TM-H6000 class): forms are inserted, printed on, released and taken out. */
  slipStation?: boolean;
  /** Characters per line on the slip [40]. */
  slipColumns?: number;
  /** The cashier takes the form out as soon as it is released [false: the test does it]. */
  removeOnRelease?: boolean;
  /** Keep every byte received, in order (byte-exact tests). */
  keepRaw?: boolean;
}

type Replier = (bytes: Buffer) => void;

export class EscPosEmulator extends EventEmitter {
  /** Everything processed, in order: printed lines, cuts, kicks, codes. */
  readonly events: EscPosEvent[] = [];
  readonly realTime: RealTimeEvent[] = [];
  status: EmulatorStatus;
  /** performance.now() when the last byte arrived. */
  lastByteAt = 0;
  bytesReceived = 0;
  readonly columns: number;
  private readonly openLevel: 'high' | 'low';
  private readonly opensOnKick: boolean;
  private decoder: EscPosDecoder;
  private rx: Buffer = Buffer.alloc(0);
  private rtCarry: Buffer = Buffer.alloc(0);
  private replyTo: Replier | null = null;
  private fault: { afterLines: number; patch: Partial<EmulatorStatus> } | null = null;
  private server: Server | null = null;
  private active: Socket | null = null;
  private waiting: Socket[] = [];
  private sockets = new Set<Socket>();
  private boundPort = 0;
  // ---- the slip station ----
  /** Every form printed on, in order. */
  readonly forms: SlipForm[] = [];
  /** The paper selected (ESC c 0). */
  paper: 'roll' | 'slip' | 'validation' = 'roll';
  private side: 'face' | 'back' = 'face';
  /** A form in the slip throat (inserted by the cashier); clamped once the slip station is selected. */
  private formInThroat = false;
  private form: SlipForm | null = null;
  private removeAfter: number | null = null;
  readonly slipColumns: number;
  /** Every byte received, when keepRaw is set. */
  readonly raw: number[] = [];

  constructor(private readonly opts: EmulatorOptions = {}) {
    super();
    this.columns = opts.columns ?? 48;
    this.openLevel = opts.drawerOpenLevel ?? 'high';
    this.opensOnKick = opts.drawerOpensOnKick ?? true;
    this.decoder = new EscPosDecoder(this.columns, opts.processIdSupported ?? true);
    this.slipColumns = opts.slipColumns ?? 40;
    this.status = { online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, drawerOpen: false, error: 'none', ...opts.status };
    this.setMaxListeners(50);
  }

  /** Printing goes on only while nothing stops it. */
  ready(): boolean {
    const s = this.status;
    return s.online && !s.coverOpen && !s.paperEnd && s.error === 'none';
  }

  /** Changes the printer's condition (open the cover, load paper, …); printing resumes when ready again. */
  setStatus(patch: Partial<EmulatorStatus>): void {
    this.status = { ...this.status, ...patch };
    this.emit('status', this.status);
    this.pump();
  }

  /** After `lines` more printed lines, apply `patch` (e.g. { coverOpen: true }): a fault in the middle of a job. */
  failAfterLines(lines: number, patch: Partial<EmulatorStatus>): void {
    this.fault = { afterLines: lines, patch };
  }

  /** The cashier pushes the drawer shut. */
  shutDrawer(): void { this.setStatus({ drawerOpen: false }); }

  /** The cashier puts a form into the slip station (it is clamped once the slip is selected). */
  insertForm(): void {
    if (!this.opts.slipStation) throw new Error('this printer has no slip station');
    this.formInThroat = true;
    this.clamp();
    this.emit('status', this.status);
    this.pump();
  }

  /** The cashier takes the form out (after its release, or — a fault — in the middle of printing). */
  removeForm(): void {
    const f = this.form;
    if (f && !f.released) f.removedMidPrint = true;
    this.form = null;
    this.formInThroat = false;
    this.emit('status', this.status);
  }

  /** After `lines` more lines on the form, it is pulled out: the form removed mid-print. */
  removeFormAfterLines(lines: number): void { this.removeAfter = lines; }

  /** A form is in the slip station, clamped for printing. */
  get formClamped(): boolean { return this.form !== null && !this.form.released; }

  /** The forms as slips, to render like receipts. */
  formSlips(): Slip[] {
    return this.forms.map((f) => ({ items: f.items, text: f.text, kicks: [], cut: false }));
  }

  private clamp(): void {
    if (this.paper === 'roll' || this.form || !this.formInThroat) return;
    // Only the slip station turns a form over (ESC c 0 with the back selected): the validation slot prints on its face.
    this.form = { paper: this.paper, side: this.paper === 'slip' ? this.side : 'face', items: [], text: [], released: false, removedMidPrint: false };
    this.forms.push(this.form);
  }

  /** DLE EOT 5: bit 2 slip not selected, bit 3 waiting for a form, bits 5 / 6 TOF / BOF see no paper. */
  private slipStatusByte(): number {
    const selected = this.paper !== 'roll';
    const present = this.formInThroat;
    return 0x12 | (selected ? 0 : 0x04) | (selected && !this.form ? 0x08 : 0) | (present ? 0 : 0x60);
  }

  /** Printing waits for a form while the slip is selected (only a new paper selection goes through). */
  private slipBlocks(at: number): boolean {
    if (this.paper === 'roll' || this.formClamped) return false;
    // Settings (ESC c: paper, sensors; GS ( G: the side) are taken at once; printing waits.
    const a = this.rx[at], b = this.rx[at + 1], c = this.rx[at + 2];
    return !((a === 0x1b && b === 0x63) || (a === 0x1d && b === 0x28 && c === 0x47));
  }

  /** Bytes received but not printed yet (the printer is stopped, or a command is incomplete). */
  get pendingBytes(): number { return this.rx.length; }

  /** The paper so far, cut into slips. */
  slips(): Slip[] { return slips(this.events); }

  /** Printed text lines so far. */
  lines(): string[] {
    return this.events.flatMap((e) => (e.type === 'line' ? [e.text] : []));
  }

  /** Forget what was printed (keeps status and anything still in the receive buffer). */
  clearPaper(): void { this.events.length = 0; this.realTime.length = 0; }

  /** Resolves once `pred` holds, checked after every printed event and status change. */
  waitFor(pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => { if (pred()) { cleanup(); resolve(); } };
      const timer = setTimeout(() => { cleanup(); reject(new Error(`printer emulator: timed out waiting for ${what}`)); }, timeoutMs);
      const cleanup = () => { clearTimeout(timer); this.off('event', check); this.off('status', check); this.off('bytes', check); };
      this.on('event', check); this.on('status', check); this.on('bytes', check);
    });
  }

  // ---- transports ----

  /** Listens on a loopback TCP port (0 = any free port); resolves to the port. */
  async listen(port = this.boundPort, host = '127.0.0.1'): Promise<number> {
    if (this.server) return this.boundPort;
    const server = createServer((sock) => this.accept(sock));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => { server.off('error', reject); resolve(); });
    });
    this.server = server;
    this.boundPort = (server.address() as { port: number }).port;
    return this.boundPort;
  }

  get port(): number { return this.boundPort; }
  get address(): string { return `tcp://127.0.0.1:${this.boundPort}`; }

  /** Pulls the network cable: connections drop, new ones are refused; the receive buffer is kept. */
  async unplug(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.active = null;
    this.waiting = [];
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Plugs it back in on the same port. */
  plugIn(): Promise<number> { return this.listen(this.boundPort); }

  /** Powers off: as unplug, and whatever was in the receive buffer is lost. */
  async powerOff(): Promise<void> {
    await this.unplug();
    this.rx = Buffer.alloc(0);
    this.rtCarry = Buffer.alloc(0);
  }

  /** Sits on a byte stream, e.g. the far end of a socat pty pair opened as a serial port. */
  attach(stream: Duplex): () => void {
    const reply: Replier = (b) => { if (!stream.destroyed) stream.write(b); };
    const onData = (chunk: Buffer) => this.receive(chunk, reply);
    stream.on('data', onData);
    return () => { stream.off('data', onData); };
  }

  async close(): Promise<void> { await this.unplug(); }

  // A printer's port serves one connection at a time; later ones wait until it is free.
  private accept(sock: Socket): void {
    this.sockets.add(sock);
    sock.setNoDelay(true);
    const reply: Replier = (b) => { if (!sock.destroyed) sock.write(b); };
    sock.on('data', (chunk) => this.receive(chunk, reply));
    sock.on('error', () => undefined);
    sock.on('close', () => {
      this.sockets.delete(sock);
      this.waiting = this.waiting.filter((s) => s !== sock);
      if (this.active === sock) {
        this.active = null;
        const next = this.waiting.shift();
        if (next) { this.active = next; next.resume(); }
      }
    });
    if (this.active) { sock.pause(); this.waiting.push(sock); } else this.active = sock;
  }

  // ---- the printer ----

  /** Bytes arriving from the host; `reply` carries the printer's answers back. */
  receive(chunk: Buffer, reply: Replier = () => undefined): void {
    this.lastByteAt = performance.now();
    this.bytesReceived += chunk.length;
    if (this.opts.keepRaw) for (const b of chunk) this.raw.push(b);
    this.replyTo = reply;
    const data = this.rtCarry.length ? Buffer.concat([this.rtCarry, chunk]) : chunk;
    this.rtCarry = Buffer.alloc(0);
    const keep: Buffer[] = [];
    let from = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 0x10) continue;
      const used = this.realTimeCommand(data, i, reply);
      if (used === null) { keep.push(data.subarray(from, i)); this.rtCarry = Buffer.from(data.subarray(i)); from = data.length; break; }
      if (used > 0) { keep.push(data.subarray(from, i)); i += used - 1; from = i + 1; }
    }
    if (from < data.length) keep.push(data.subarray(from));
    this.rx = Buffer.concat([this.rx, ...keep]);
    this.emit('bytes', chunk.length);
    this.pump();
  }

  /** Handles a real-time command at data[i] (a DLE): bytes used, 0 if it is not one, null if incomplete. */
  private realTimeCommand(data: Buffer, i: number, reply: Replier): number | null {
    const left = data.length - i;
    if (left < 2) return null;
    const c = data[i + 1]!;
    if (c === 0x04) { // DLE EOT n: transmit real-time status
      if (left < 3) return null;
      const n = data[i + 2]!;
      if (n === 5 && this.opts.slipStation) {
        const r = this.slipStatusByte();
        this.realTime.push({ type: 'slipStatus', reply: r });
        reply(Buffer.of(r));
        return 3;
      }
      if (n >= 1 && n <= 4) {
        const r = this.statusByte(n);
        this.realTime.push({ type: 'status', n, reply: r });
        reply(Buffer.of(r));
        return 3;
      }
      if (n === 7 || n === 8) return left < 4 ? null : 4;
      return 0;
    }
    if (c === 0x14) { // DLE DC4 fn ...
      if (left < 3) return null;
      const fn = data[i + 2]!;
      if (fn === 1) { // generate pulse in real time: works even while offline
        if (left < 5) return null;
        const m = data[i + 3]!, t = data[i + 4]!;
        if (m > 1 || t < 1 || t > 8) return 5;
        const e = { type: 'drawer' as const, pin: (m === 1 ? 5 : 2) as 2 | 5, onMs: t * 100, offMs: t * 100, via: 'DLE DC4' as const };
        this.realTime.push(e);
        this.kicked(e);
        return 5;
      }
      if (fn === 8) { // clear buffers: DLE DC4 8 1 3 20 1 6 2 8
        if (left < 10) return null;
        const sig = [1, 3, 20, 1, 6, 2, 8].every((v, k) => data[i + 3 + k] === v);
        if (!sig) return 0;
        const discarded = this.rx.length;
        this.rx = Buffer.alloc(0);
        this.realTime.push({ type: 'clearBuffers', discardedBytes: discarded });
        reply(Buffer.of(0x37, 0x25, 0x00));
        return 10;
      }
      return left < 5 ? null : 5;
    }
    if (c === 0x05) return left < 3 ? null : 3; // DLE ENQ n: recover from error; nothing to recover here
    return 0;
  }

  private statusByte(n: number): number {
    const s = this.status;
    const pin3High = s.drawerOpen === (this.openLevel === 'high');
    switch (n) {
      case 1: return 0x12 | (pin3High ? 0x04 : 0) | (this.ready() ? 0 : 0x08);
      case 2: return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperEnd ? 0x20 : 0) | (s.error !== 'none' ? 0x40 : 0);
      case 3: return 0x12 | (s.error === 'autocutter' ? 0x08 : 0) | (s.error === 'unrecoverable' ? 0x20 : 0) | (s.error === 'autoRecoverable' ? 0x40 : 0);
      default: return 0x12 | (s.paperNearEnd || s.paperEnd ? 0x0c : 0) | (s.paperEnd ? 0x60 : 0);
    }
  }

  private kicked(e: Extract<EscPosEvent, { type: 'drawer' }>): void {
    this.emit('kick', e);
    if (this.opensOnKick && !this.status.drawerOpen) { this.status = { ...this.status, drawerOpen: true }; this.emit('status', this.status); }
  }

  /** A slip-station event: true when it went onto the form rather than the roll. */
  private slipEvent(e: EscPosEvent): boolean {
    if (!this.opts.slipStation) return false;
    switch (e.type) {
      case 'paperSelect':
        if (this.form && e.paper === 'roll') this.form.released = true; // selecting the roll ejects the form
        this.paper = e.paper;
        this.decoder.columns = e.paper === 'roll' ? this.columns : this.slipColumns;
        this.clamp();
        this.events.push(e);
        return true;
      case 'slipSide': this.side = e.side; if (this.form?.paper === 'slip') this.form.side = e.side; this.events.push(e); return true;
      case 'release':
        this.events.push(e);
        if (this.form) this.form.released = true;
        this.emit('release', this.form);
        if (this.opts.removeOnRelease) this.removeForm();
        return true;
      case 'line': case 'feed':
        if (this.paper === 'roll' || !this.form) return false;
        this.form.items.push(e);
        if (e.type === 'line') {
          this.form.text.push(e.text);
          if (this.removeAfter !== null && --this.removeAfter <= 0) { this.removeAfter = null; this.removeForm(); }
        }
        return true;
      default: return false;
    }
  }

  /** Processes the receive buffer while the printer is ready. */
  private pump(): void {
    let at = 0;
    while (at < this.rx.length && this.ready()) {
      if (this.slipBlocks(at)) break;
      const r = this.decoder.step(this.rx, at);
      if (!r) break;
      at += r.used;
      if (r.reply && this.replyTo) this.replyTo(r.reply);
      for (const e of r.events) {
        if (this.slipEvent(e)) { this.emit('event', e); continue; }
        this.events.push(e);
        if (e.type === 'drawer') this.kicked(e);
        this.emit('event', e);
        if (e.type === 'line' && this.fault) {
          this.fault.afterLines--;
          if (this.fault.afterLines <= 0) {
            const patch = this.fault.patch;
            this.fault = null;
            this.status = { ...this.status, ...patch };
            this.emit('status', this.status);
          }
        }
      }
    }
    if (at > 0) this.rx = this.rx.subarray(at);
  }
}
