// The cash drawer, wired to the printer's kick-out connector: opened with a complete pulse on pin 2
// or 5, its open/closed switch read through DLE EOT 1 bit 2 (which level means "open" is a setting).
import type { Device, DeviceState, DeviceStatus, TestOutcome } from '../device';
import type { DrawerPin } from '../printer/escpos';
import type { ReceiptPrinter } from '../printer/printer';
import { msg } from '../../shared/messages';

export interface DrawerOptions {
  pin: DrawerPin;
  /** Pulse on and off times; most drawers want 50–200 ms on. */
  onMs: number;
  offMs: number;
  /** Level of connector pin 3 when the drawer is open; 'none' when the drawer has no sensor. */
  openLevel: 'high' | 'low' | 'none';
}

export const DEFAULT_DRAWER_OPTIONS: DrawerOptions = { pin: 2, onMs: 100, offMs: 200, openLevel: 'high' };

/** How a drawer was opened: through the printer (a pin pulse), or its own serial port (its opening sequence). */
export interface KickResult { via: 'ESC p' | 'DLE DC4' | 'serial'; pin: DrawerPin | null; onMs: number; at: string; detail?: string }

/** Any cash drawer the drawer service drives: the printer's, or one on its own port. */
export interface CashDrawer {
  readonly id: string;
  readonly hasSensor: boolean;
  /** Where it is, for messages. */
  readonly linkAddress: string;
  isOpen(): boolean | null;
  kick(): Promise<KickResult>;
  onStatus(fn: (s: DeviceStatus) => void): () => void;
}

export class PrinterDrawer implements Device, CashDrawer {
  readonly kind = 'drawer' as const;
  /** It rides on the printer's link; the printer keeps that open. */
  readonly managesOwnLink = true;
  readonly opts: DrawerOptions;
  private current: DeviceStatus;
  private listeners = new Set<(s: DeviceStatus) => void>();
  private unsubscribe: (() => void) | null = null;
  private releaseWatch: (() => void) | null = null;
  private lastOpen: boolean | null = null;

  constructor(readonly id: string, readonly printer: ReceiptPrinter, opts: Partial<DrawerOptions> = {}) {
    this.opts = { ...DEFAULT_DRAWER_OPTIONS, ...opts };
    this.current = { id, kind: 'drawer', state: 'connecting', detail: `Through printer ${printer.id}`, message: msg('drawer.throughPrinter', { printer: printer.id }), since: new Date().toISOString() };
  }

  /** True open, false shut, null unknown (no sensor, or the printer is not answering). */
  isOpen(): boolean | null { return this.lastOpen; }

  get hasSensor(): boolean { return this.opts.openLevel !== 'none'; }

  get linkAddress(): string { return this.printer.address; }

  async open(): Promise<void> {
    this.unsubscribe ??= this.printer.onStatus((s) => this.fromPrinter(s));
    this.fromPrinter(this.printer.status());
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.releaseWatch?.();
    this.releaseWatch = null;
  }

  status(): DeviceStatus { return this.current; }

  onStatus(fn: (s: DeviceStatus) => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  async test(): Promise<string> { return (await this.runTest()).text; }

  async runTest(): Promise<TestOutcome> {
    const r = await this.kick();
    return { text: `Drawer kicked on pin ${r.pin} (${r.onMs} ms, ${r.via})`, message: msg('test.drawerKicked', { pin: r.pin ?? this.opts.pin, onMs: r.onMs }) };
  }

  /** Pulses the drawer open. Throws when the printer cannot be reached. */
  async kick(): Promise<KickResult> {
    const via = await this.printer.kick(this.opts.pin, this.opts.onMs, this.opts.offMs);
    if (this.hasSensor && !this.releaseWatch) this.releaseWatch = this.printer.watchClosely();
    return { via, pin: this.opts.pin, onMs: this.opts.onMs, at: new Date().toISOString() };
  }

  /** Reads the sensor now rather than waiting for the next poll. */
  async readSensor(): Promise<boolean | null> {
    await this.printer.refresh();
    return this.lastOpen;
  }

  private fromPrinter(s: DeviceStatus): void {
    const pinHigh = s.flags?.drawerPinHigh;
    let open: boolean | null = null;
    if (this.hasSensor && (s.state === 'ready' || s.state === 'error') && pinHigh !== undefined) open = pinHigh === (this.opts.openLevel === 'high');
    this.lastOpen = open;
    // Closely watched only while open: once shut, back to the printer's idle pace.
    if (open === false && this.releaseWatch) { this.releaseWatch(); this.releaseWatch = null; }
    if (open === true && !this.releaseWatch) this.releaseWatch = this.printer.watchClosely();
    const state: DeviceState = s.state === 'ready' || s.state === 'error' ? 'ready' : s.state;
    const detail = state !== 'ready' ? `Printer ${this.printer.id}: ${s.detail}` : open === null ? 'Ready (no sensor)' : open ? 'Open' : 'Closed';
    // Not ready: the printer's reason is the drawer's (the drawer works through it).
    const message = state !== 'ready' ? s.message : msg(open === null ? 'drawer.noSensor' : open ? 'drawer.open' : 'drawer.closed');
    const flags = open === null ? undefined : { open };
    const prev = this.current;
    if (prev.state === state && prev.detail === detail && JSON.stringify(prev.message) === JSON.stringify(message)) return;
    this.current = { id: this.id, kind: 'drawer', state, detail, ...(message ? { message } : {}), since: new Date().toISOString(), ...(flags ? { flags } : {}) };
    for (const fn of this.listeners) fn(this.current);
  }
}
