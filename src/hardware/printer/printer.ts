// The receipt printer as a counter device: prints forms one job at a time, keeps its status fresh
// (DLE EOT), and pulses the drawer connector with complete commands.
import type { ThermalPrinter } from 'node-thermal-printer';
import type { Device, DeviceState, DeviceStatus, TestOutcome } from '../device';
import type { PrintDoc } from '../forms/doc';
import { testPageForm } from '../forms/testPage';
import { drawerKick, realTimePulse, clearBuffers, type DrawerPin } from './escpos';
import { PrinterNotReady } from './errors';
import type { JobHooks } from './job';
import { runSlipJob, type SlipDoc, type SlipHooks, type SlipTiming } from './slip';
import { PortInterface } from './ntpInterface';
import type { PrinterPort } from './port';
import { layoutEngine, renderInto, type CodePageName } from './render';
import { describeFault, faultOf, type PrinterFlags } from './status';
import { failureMessage, faultMessage } from './messages';
import { placeOf } from '../../shared/linkFault';
import { msg, type StationMessage } from '../../shared/messages';

export interface PrinterOptions {
  columns: 32 | 48;
  codePage: CodePageName;
  completion: 'processId' | 'none';
  /** Status poll while idle [2000 ms]; faster while something (the drawer) watches closely. */
  pollMs: number;
  fastPollMs: number;
  /** Status poll while waiting for a job to finish [250 ms]. */
  jobPollMs: number;
  confirmMs: number;
  /** The slip station: sensor poll, and how long to wait for a form to go in and come out. */
  slipPollMs: number;
  slipRemoveMs: number;
}

export const DEFAULT_PRINTER_OPTIONS: PrinterOptions = {
  columns: 48, codePage: 'PC850_MULTILINGUAL', completion: 'processId', pollMs: 2000, fastPollMs: 300, jobPollMs: 250, confirmMs: 15000, slipPollMs: 100, slipRemoveMs: 20000,
};

export class ReceiptPrinter implements Device {
  readonly kind = 'printer' as const;
  /** Reconnects by itself (each job and status poll reopens the link); the print queue retries jobs. */
  readonly managesOwnLink = true;
  readonly opts: PrinterOptions;
  /** Last answer to DLE EOT; null when the printer has not answered. */
  flags: PrinterFlags | null = null;
  private current: DeviceStatus;
  private listeners = new Set<(s: DeviceStatus) => void>();
  private readonly iface: PortInterface;
  private readonly tp: ThermalPrinter;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = false;
  private nextId = Math.floor(Math.random() * 10000);
  private timer: NodeJS.Timeout | null = null;
  private opened = false;
  private watchers = 0;

  constructor(readonly id: string, readonly port: PrinterPort, opts: Partial<PrinterOptions> = {}) {
    this.opts = { ...DEFAULT_PRINTER_OPTIONS, ...opts };
    this.iface = new PortInterface(port, { pollMs: this.opts.jobPollMs, confirmMs: this.opts.confirmMs, completion: this.opts.completion });
    this.tp = layoutEngine(this.opts.columns, this.iface);
    this.current = { id, kind: 'printer', state: 'connecting', detail: `Connecting to ${port.address}`, message: msg('device.connecting', { address: placeOf(port.address) }), since: new Date().toISOString() };
    port.onLost = () => this.setState('offline', `Lost the connection to ${port.address}`, undefined, msg('link.lost', { address: placeOf(port.address) }));
  }

  get address(): string { return this.port.address; }
  get columns(): 32 | 48 { return this.opts.columns; }

  async open(): Promise<void> {
    this.opened = true;
    this.schedule();
    await this.refresh(true);
  }

  async close(): Promise<void> {
    this.opened = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.port.close();
  }

  status(): DeviceStatus { return this.current; }

  onStatus(fn: (s: DeviceStatus) => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  async test(): Promise<string> { return (await this.runTest()).text; }

  async runTest(): Promise<TestOutcome> {
    await this.print(testPageForm(this.opts.columns, this.id, this.address));
    return { text: `Test page printed on ${this.address}`, message: msg('test.printed', { address: placeOf(this.address) }) };
  }

  /** Poll status faster while something needs it (the drawer while open); returns the release. */
  watchClosely(): () => void {
    this.watchers++;
    this.schedule();
    let released = false;
    return () => { if (!released) { released = true; this.watchers--; } };
  }

  /** Asks the printer for its status now; throws PrinterNotReady when it cannot be reached. */
  async refresh(throwIfUnreachable = false): Promise<PrinterFlags | null> {
    try {
      const f = await this.port.status();
      this.flags = f;
      const fault = faultOf(f);
      if (fault) this.setState('error', describeFault(fault), f, faultMessage(fault, this.address));
      else this.setState('ready', f.paperNearEnd ? 'Ready — paper low' : 'Ready', f, msg(f.paperNearEnd ? 'printer.paperLow' : 'device.ready'));
      return f;
    } catch (e) {
      this.flags = null;
      this.setState('offline', e instanceof Error ? e.message : String(e), undefined, failureMessage(e, this.address));
      if (throwIfUnreachable) throw e;
      return null;
    }
  }

  /**
   * Prints one form; resolves once the printer confirms it printed. Rejects with PrinterNotReady
   * (nothing was sent: retry later) or PrintUncertain (sent, not confirmed: a person decides).
   */
  print(doc: PrintDoc, hooks: JobHooks = {}): Promise<void> {
    return this.exclusive(async () => {
      try {
        renderInto(this.tp, doc, { codePage: this.opts.codePage });
        this.nextId = (this.nextId + 1) % 10000;
        this.iface.job = {
          processId: String(this.nextId).padStart(4, '0'),
          hooks: {
            onWaiting: (reason, flags) => {
              this.setState(reason === 'unreachable' || reason === 'notAnswering' ? 'offline' : 'error', describeFault(reason), flags ?? undefined, faultMessage(reason, this.address));
              hooks.onWaiting?.(reason, flags);
            },
            onResumed: () => { this.setState('ready', 'Printing', this.flags ?? undefined, msg('printer.printing')); hooks.onResumed?.(); },
          },
        };
        await this.tp.execute();
        await this.refresh();
      } catch (e) {
        if (e instanceof PrinterNotReady) this.setState(e.reason === 'unreachable' || e.reason === 'notAnswering' ? 'offline' : 'error', e.message, e.flags ?? undefined, failureMessage(e, this.address));
        throw e;
      } finally {
        // node-thermal-printer's execute() leaves the buffer full: the next job would print this one again.
        this.tp.clear();
        this.iface.job = null;
      }
    });
  }

  /**
   * Prints a validation or endorsement on the slip station (slip.ts); resolves once printed and released.
   * Rejects with PrinterNotReady (nothing sent) or SlipInterrupted (no form, form removed, skipped).
   */
  printSlip(doc: SlipDoc, insertTimeoutMs: number, hooks: SlipHooks = {}, aborted: () => boolean = () => false): Promise<void> {
    return this.exclusive(async () => {
      this.nextId = (this.nextId + 1) % 10000;
      const timing: SlipTiming = { pollMs: this.opts.slipPollMs, insertTimeoutMs, removeTimeoutMs: this.opts.slipRemoveMs, confirmMs: this.opts.confirmMs };
      try {
        await runSlipJob(this.port, doc, String(this.nextId).padStart(4, '0'), timing, hooks, aborted);
      } catch (e) {
        if (e instanceof PrinterNotReady) this.setState(e.reason === 'unreachable' || e.reason === 'notAnswering' ? 'offline' : 'error', e.message, e.flags ?? undefined, failureMessage(e, this.address));
        throw e;
      }
      await this.refresh();
    });
  }

  /**
   * Pulses a drawer connector pin. Between jobs: a complete ESC p m t1 t2, ahead of any job asked for
   * after it. While a job is at the printer, or the printer is stopped (paper, cover), the real-time
   * DLE DC4 pulse, which the printer executes at once even offline — an ESC p would wait behind the job.
   */
  kick(pin: DrawerPin, onMs: number, offMs: number): Promise<'ESC p' | 'DLE DC4'> {
    if (this.busy && this.port.twoWay) return this.port.write(realTimePulse(pin, onMs)).then(() => 'DLE DC4' as const);
    return this.exclusive(async () => {
      const flags = await this.refresh(true);
      if (!this.port.twoWay || (flags !== null && faultOf(flags) === null)) {
        await this.port.write(drawerKick(pin, onMs, offMs));
        return 'ESC p' as const;
      }
      await this.port.write(realTimePulse(pin, onMs));
      return 'DLE DC4' as const;
    });
  }

  /** Runs fn with the printer to itself: jobs and kicks go one at a time, in the order asked. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = async () => {
      this.busy = true;
      try { return await fn(); } finally { this.busy = false; }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /**
   * Throws away what the printer holds but has not printed (a cancelled job must not print later),
   * then marks and cuts off whatever part of it already came out, so the next slip starts clean.
   */
  async discardPending(note = '*** NOT VALID - CANCELLED ***'): Promise<void> {
    if (!this.port.twoWay || !this.port.isOpen) return;
    await this.port.write(Buffer.concat([
      clearBuffers(),
      Buffer.of(0x1b, 0x40, 0x0a, 0x1b, 0x61, 1, 0x1b, 0x45, 1), Buffer.from(note.replace(/[^\x20-\x7e]/g, '?'), 'latin1'),
      Buffer.of(0x1b, 0x45, 0, 0x0a, 0x1b, 0x64, 3, 0x1d, 0x56, 1),
    ]));
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.opened) return;
    const ms = this.watchers > 0 ? this.opts.fastPollMs : this.opts.pollMs;
    this.timer = setTimeout(() => {
      const go = this.busy ? Promise.resolve() : this.refresh().then(() => undefined);
      void go.finally(() => this.schedule());
    }, ms);
    this.timer.unref();
  }

  private setState(state: DeviceState, detail: string, f: PrinterFlags | undefined, message: StationMessage): void {
    const flags = f ? { offline: f.offline, coverOpen: f.coverOpen, paperOut: f.paperOut, paperNearEnd: f.paperNearEnd, error: f.error, drawerPinHigh: f.drawerPinHigh } : undefined;
    const prev = this.current;
    const same = prev.state === state && prev.detail === detail && JSON.stringify(prev.flags) === JSON.stringify(flags) && JSON.stringify(prev.message) === JSON.stringify(message);
    if (same) return;
    this.current = { id: this.id, kind: 'printer', state, detail, message, since: prev.state === state ? prev.since : new Date().toISOString(), ...(flags ? { flags } : {}) };
    for (const fn of this.listeners) fn(this.current);
  }
}
