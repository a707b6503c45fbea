// Status and event plumbing shared by the serial drivers, and the open/close/lost handling of a
// device on one serial port. Drivers add what they do with the bytes.
import type { Device, DeviceConfig, DeviceEvent, DeviceKind, DeviceState, DeviceStatus } from '../device';
import { SerialLink, SerialOpenError } from './link';
import { DeviceSettingsError, parseSerialAddress, type SerialSettings } from './settings';
import { classifyLinkError, linkMessage } from '../../shared/linkFault';
import { msg, type StationMessage } from '../../shared/messages';

export abstract class DeviceBase implements Device {
  private current: DeviceStatus;
  private readonly statusFns = new Set<(s: DeviceStatus) => void>();
  private readonly eventFns = new Set<(e: DeviceEvent) => void>();

  constructor(readonly id: string, readonly kind: DeviceKind, protected readonly now: () => Date = () => new Date()) {
    this.current = { id, kind, state: 'missing', detail: 'Not opened yet', message: msg('device.notOpened'), since: now().toISOString() };
  }

  abstract open(): Promise<void>;
  abstract close(): Promise<void>;
  abstract test(): Promise<string>;

  status(): DeviceStatus { return { ...this.current }; }

  onStatus(fn: (s: DeviceStatus) => void): () => void {
    this.statusFns.add(fn);
    return () => this.statusFns.delete(fn);
  }

  onEvent(fn: (e: DeviceEvent) => void): () => void {
    this.eventFns.add(fn);
    return () => this.eventFns.delete(fn);
  }

  /** message: the same as detail, as a code for the UI; left out, the device manager derives one from state and detail. */
  protected setStatus(state: DeviceState, detail: string, flags?: Record<string, boolean>, message?: StationMessage): void {
    const c = this.current;
    if (c.state === state && c.detail === detail && JSON.stringify(c.flags) === JSON.stringify(flags) && JSON.stringify(c.message) === JSON.stringify(message)) return;
    this.current = {
      id: this.id, kind: this.kind, state, detail, ...(message ? { message } : {}),
      since: c.state === state ? c.since : this.now().toISOString(), ...(flags ? { flags } : {}),
    };
    const s = this.status();
    for (const fn of [...this.statusFns]) fn(s);
  }

  protected emitEvent(type: string, payload: unknown): void {
    const e: DeviceEvent = { deviceId: this.id, kind: this.kind, type, payload, at: this.now().toISOString() };
    for (const fn of [...this.eventFns]) fn(e);
  }
}

/** A device on one serial port: opens it with the configured framing and reports when it is lost. */
export abstract class SerialDevice extends DeviceBase {
  protected link: SerialLink | undefined;
  readonly settings: SerialSettings;

  constructor(readonly config: DeviceConfig, now?: () => Date) {
    super(config.id, config.kind, now);
    this.settings = parseSerialAddress(config.address, config.options);
  }

  async open(): Promise<void> {
    if (this.link?.isOpen) return;
    const link = new SerialLink(this.settings);
    const at = { address: this.settings.path };
    this.setStatus('connecting', `Opening ${link.describe()}`, undefined, msg('device.connecting', at));
    try {
      await link.open();
    } catch (e) {
      const notFound = e instanceof SerialOpenError && e.notFound;
      this.setStatus(notFound ? 'missing' : 'offline', (e as Error).message, undefined, notFound ? msg('link.notFound', at) : linkMessage(e, this.settings.path));
      throw e;
    }
    this.link = link;
    link.on('data', (chunk) => this.onData(chunk));
    link.on('lost', (err) => {
      if (this.link !== link) return;
      this.link = undefined;
      this.onLost();
      // Unplugged is the usual cause; an error we cannot sort is still "lost".
      const fault = classifyLinkError(err);
      this.setStatus('offline', `Lost ${this.settings.path}: ${err.message}`, undefined, fault === 'other' ? msg('link.lost', at) : linkMessage(err, this.settings.path));
    });
    await this.onOpened();
    this.setStatus('ready', `Open on ${link.describe()}`, undefined, msg('device.readyAt', at));
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    this.onLost();
    if (link) await link.close();
    this.setStatus('offline', 'Closed', undefined, msg('device.closed'));
  }

  protected async write(bytes: Uint8Array): Promise<void> {
    if (!this.link) throw new Error(`${this.id} is not open`);
    await this.link.write(bytes);
  }

  /** Bytes as they arrive, in whatever pieces the port delivers them. */
  protected abstract onData(chunk: Buffer): void;
  /** After the port opened (e.g. send an init sequence). */
  protected async onOpened(): Promise<void> { /* nothing by default */ }
  /** The port is gone (closed or lost): drop half-read input, pending timers. */
  protected onLost(): void { /* nothing by default */ }
}

export { DeviceSettingsError };
