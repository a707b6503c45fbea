// The device manager: the station's devices from their settings, each opened with reconnect and
// exponential backoff, one live status per device (also for devices that are missing or not configured:
// the station keeps working without them and says so), their events, and a test action per device.
// Drivers plug in through a factory per kind (register()), so the printer and drawer drivers join the
// same way as the serial ones.
import type { Device, DeviceConfig, DeviceContext, DeviceEvent, DeviceFactory, DeviceKind, DeviceStatus, TestOutcome } from './device';
import { Backoff, DEFAULT_BACKOFF, later, type BackoffOptions } from './serial/reconnect';
import { linkMessage, placeOf } from '../shared/linkFault';
import { msg, type StationMessage } from '../shared/messages';

export type DeviceFactories = Partial<Record<DeviceKind, DeviceFactory>>;

export interface ManagerOptions {
  backoff?: Partial<BackoffOptions>;
  random?: () => number;
  now?: () => Date;
}

export class DeviceManagerError extends Error {
  /** status: for notReady, the device's status (its message says why, for the UI). */
  constructor(readonly reason: 'unknown' | 'notReady' | 'duplicate', readonly deviceId: string, message: string, readonly status?: DeviceStatus) {
    super(message);
    this.name = 'DeviceManagerError';
  }
}

/** Addresses meaning "no device here": none (not configured) and off (configured but turned off). */
export const isNoDevice = (address: string): boolean => ['', 'none', 'off'].includes(address.trim());

interface Slot {
  config: DeviceConfig;
  device: Device | undefined;
  status: DeviceStatus;
  backoff: Backoff;
  cancelRetry: (() => void) | undefined;
  unsubscribe: (() => void)[];
  /** Bumped when the slot is closed: late callbacks of an older generation are ignored. */
  generation: number;
  opening: boolean;
}

const sameConfig = (a: DeviceConfig, b: DeviceConfig): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Devices built on another device (a drawer kicked through the printer) are rebuilt when it is. */
const DEPENDS_ON: Partial<Record<DeviceKind, DeviceKind[]>> = { drawer: ['printer'] };
/** Creation order, so a factory finds what it depends on. */
const ORDER: DeviceKind[] = ['printer', 'drawer', 'micr', 'tenkey', 'display', 'scanner'];

function inWords(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** A driver's status without a message of its own gets one from its state and (for a fault) its detail text. */
function messageOf(s: Pick<DeviceStatus, 'state' | 'detail' | 'message'>, address: string): StationMessage {
  if (s.message) return s.message;
  if (s.state === 'ready') return msg('device.ready');
  if (s.state === 'connecting') return msg('device.connecting', { address: placeOf(address) });
  const m = linkMessage(s.detail, address);
  return s.state === 'error' && m.code === 'link.other' ? msg('link.deviceFault', m.params) : m;
}

export class DeviceManager implements DeviceContext {
  private readonly slots = new Map<string, Slot>();
  private readonly factories = new Map<DeviceKind, DeviceFactory>();
  private readonly statusFns = new Set<(s: DeviceStatus) => void>();
  private readonly eventFns = new Set<(e: DeviceEvent) => void>();
  private readonly deviceFns = new Set<(id: string, kind: DeviceKind, device: Device | null) => void>();
  private readonly backoffOptions: BackoffOptions;
  private readonly random: () => number;
  private readonly now: () => Date;
  private closed = false;

  constructor(factories: DeviceFactories = {}, o: ManagerOptions = {}) {
    for (const [kind, f] of Object.entries(factories)) if (f) this.factories.set(kind as DeviceKind, f);
    this.backoffOptions = { ...DEFAULT_BACKOFF, ...o.backoff };
    this.random = o.random ?? Math.random;
    this.now = o.now ?? (() => new Date());
  }

  /** Adds (or replaces) the driver for a kind; devices of that kind configured later use it. */
  register(kind: DeviceKind, factory: DeviceFactory): void { this.factories.set(kind, factory); }

  /**
   * Applies the station's device settings: unchanged devices stay open, changed or removed ones are
   * closed, new ones are created and opened. Resolves after each new device's first open attempt;
   * failures are not errors here — those devices keep retrying with backoff and say so in their status.
   */
  async configure(configs: DeviceConfig[]): Promise<void> {
    const ids = new Set<string>();
    for (const c of configs) {
      if (ids.has(c.id)) throw new DeviceManagerError('duplicate', c.id, `Two devices are called ${c.id}.`);
      ids.add(c.id);
    }
    const gone = [...this.slots.values()].filter((s) => !configs.some((c) => c.id === s.config.id && sameConfig(c, s.config)));
    const goneKinds = new Set(gone.map((s) => s.config.kind));
    for (const s of this.slots.values()) {
      if (!gone.includes(s) && (DEPENDS_ON[s.config.kind] ?? []).some((k) => goneKinds.has(k))) gone.push(s);
    }
    await Promise.all(gone.map((s) => this.closeSlot(s)));
    for (const s of gone) this.slots.delete(s.config.id);
    const fresh = configs.filter((c) => !this.slots.has(c.id)).sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    // Devices are created in order (synchronously, at the start of startSlot) and opened in parallel.
    await Promise.all(fresh.map((c) => this.startSlot(c)));
  }

  list(): DeviceStatus[] { return [...this.slots.values()].map((s) => ({ ...s.status })); }

  status(id: string): DeviceStatus | undefined {
    const s = this.slots.get(id);
    return s ? { ...s.status } : undefined;
  }

  config(id: string): DeviceConfig | undefined { return this.slots.get(id)?.config; }

  device(id: string): Device | undefined { return this.slots.get(id)?.device; }

  byKind(kind: DeviceKind): Device[] {
    return [...this.slots.values()].filter((s) => s.config.kind === kind && s.device).map((s) => s.device!);
  }

  /** The first ready device of a kind (e.g. the customer display), if any. */
  ready(kind: DeviceKind): Device | undefined {
    return [...this.slots.values()].find((s) => s.config.kind === kind && s.device && s.status.state === 'ready')?.device;
  }

  onStatus(fn: (s: DeviceStatus) => void): () => void {
    this.statusFns.add(fn);
    return () => this.statusFns.delete(fn);
  }

  onEvent(fn: (e: DeviceEvent) => void): () => void {
    this.eventFns.add(fn);
    return () => this.eventFns.delete(fn);
  }

  /**
   * Called when a device is created (and once with null when it is closed for good), e.g. so the print
   * queue uses the new printer. Devices that already exist are reported at once.
   */
  onDevice(fn: (id: string, kind: DeviceKind, device: Device | null) => void): () => void {
    this.deviceFns.add(fn);
    for (const s of this.slots.values()) if (s.device) fn(s.config.id, s.config.kind, s.device);
    return () => this.deviceFns.delete(fn);
  }

  /** Runs a device's test action (print test page, kick drawer, read a check, show text). */
  async test(id: string): Promise<string> {
    return (await this.testOutcome(id)).text;
  }

  /** The same, with the outcome as a message code when the driver gives one (else only the text). */
  async testOutcome(id: string): Promise<{ text: string; message?: StationMessage }> {
    const s = this.slots.get(id);
    if (!s) throw new DeviceManagerError('unknown', id, `There is no device ${id} at this station.`);
    if (!s.device || s.status.state !== 'ready') throw new DeviceManagerError('notReady', id, `${id} is not ready: ${s.status.detail}`, { ...s.status });
    if (s.device.runTest) return s.device.runTest() as Promise<TestOutcome>;
    return { text: await s.device.test() };
  }

  /** Reopens a device now (an admin's "retry"), resetting its backoff. */
  retry(id: string): void {
    const s = this.slots.get(id);
    if (!s?.device || s.opening || s.status.state === 'ready') return;
    s.cancelRetry?.();
    s.cancelRetry = undefined;
    s.backoff.reset();
    void this.attempt(s, s.generation);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.slots.values()].map((s) => this.closeSlot(s)));
  }

  private setStatus(slot: Slot, s: Omit<DeviceStatus, 'since' | 'id' | 'kind'> & { since?: string }): void {
    const c = slot.status;
    const next: DeviceStatus = {
      id: slot.config.id, kind: slot.config.kind, state: s.state, detail: s.detail, message: messageOf(s, slot.config.address),
      since: c.state === s.state ? c.since : (s.since ?? this.now().toISOString()),
      ...(s.flags ? { flags: s.flags } : {}),
    };
    if (c.state === next.state && c.detail === next.detail && JSON.stringify(c.flags) === JSON.stringify(next.flags)
      && JSON.stringify(c.message) === JSON.stringify(next.message)) return;
    slot.status = next;
    for (const fn of [...this.statusFns]) fn({ ...next });
  }

  private async startSlot(config: DeviceConfig): Promise<void> {
    const slot: Slot = {
      config, device: undefined, backoff: new Backoff(this.backoffOptions, this.random), cancelRetry: undefined,
      unsubscribe: [], generation: 0, opening: false,
      status: { id: config.id, kind: config.kind, state: 'missing', detail: '', since: this.now().toISOString() },
    };
    this.slots.set(config.id, slot);
    if (isNoDevice(config.address)) {
      const off = config.address.trim() === 'off';
      this.setStatus(slot, { state: 'missing', detail: off ? 'Turned off' : 'Not configured', message: msg(off ? 'device.off' : 'device.notConfigured') });
      return;
    }
    const factory = this.factories.get(config.kind);
    if (!factory) {
      this.setStatus(slot, { state: 'missing', detail: `No driver for ${config.kind} devices in this build`, message: msg('device.noDriver') });
      return;
    }
    try {
      slot.device = factory(config, this);
    } catch (e) {
      this.setStatus(slot, { state: 'missing', detail: `Settings problem: ${(e as Error).message}`, message: msg('device.badSettings') });
      return;
    }
    const gen = slot.generation;
    for (const fn of [...this.deviceFns]) fn(config.id, config.kind, slot.device);
    slot.unsubscribe.push(slot.device.onStatus((s) => this.fromDevice(slot, gen, s)));
    if (slot.device.onEvent) {
      slot.unsubscribe.push(slot.device.onEvent((e) => { if (slot.generation === gen) for (const fn of [...this.eventFns]) fn(e); }));
    }
    await this.attempt(slot, gen);
  }

  private fromDevice(slot: Slot, gen: number, s: DeviceStatus): void {
    if (slot.generation !== gen) return;
    const down = s.state === 'offline' || s.state === 'missing';
    // While opening, a failure is reported by attempt() together with when the next try is.
    if (slot.opening && down) return;
    if (!slot.opening && (s.state === 'offline' || s.state === 'missing') && !slot.device?.managesOwnLink && !slot.cancelRetry) {
      // The link was lost after it was open: reopen with backoff.
      this.scheduleRetry(slot, gen, s);
      return;
    }
    if (slot.cancelRetry && down) return; // keep the "retrying in" words
    this.setStatus(slot, s);
  }

  private async attempt(slot: Slot, gen: number): Promise<void> {
    const device = slot.device;
    if (!device || this.closed || slot.generation !== gen) return;
    slot.cancelRetry = undefined;
    slot.opening = true;
    try {
      await device.open();
      slot.opening = false;
      if (slot.generation !== gen) { await device.close().catch(() => undefined); return; }
      slot.backoff.reset();
      this.setStatus(slot, device.status());
    } catch (e) {
      slot.opening = false;
      if (slot.generation !== gen) return;
      const s = device.status();
      const failed = s.state === 'connecting' || s.state === 'ready'
        ? { ...s, state: 'offline' as const, detail: (e as Error).message, message: linkMessage(e, slot.config.address) } : s;
      this.scheduleRetry(slot, gen, failed);
    }
  }

  private scheduleRetry(slot: Slot, gen: number, s: DeviceStatus): void {
    if (this.closed || slot.generation !== gen) return;
    const ms = slot.backoff.next();
    // The wait is a parameter of the message (whole seconds, at least 1), so the UI words it.
    const base = messageOf(s, slot.config.address);
    const message = { code: base.code, params: { ...base.params, retryS: Math.max(1, Math.round(ms / 1000)) } };
    this.setStatus(slot, { ...s, detail: `${s.detail} — retrying in ${inWords(ms)}`, message });
    slot.cancelRetry = later(ms, () => {
      slot.cancelRetry = undefined;
      const d = slot.device;
      if (!d || slot.generation !== gen) return;
      // Close what is left of the old link first; open() then starts clean.
      slot.opening = true;
      void d.close().catch(() => undefined).then(() => this.attempt(slot, gen));
    });
  }

  private async closeSlot(slot: Slot): Promise<void> {
    slot.generation++;
    slot.cancelRetry?.();
    slot.cancelRetry = undefined;
    for (const u of slot.unsubscribe.splice(0)) u();
    const d = slot.device;
    slot.device = undefined;
    if (d) {
      for (const fn of [...this.deviceFns]) fn(slot.config.id, slot.config.kind, null);
      await d.close().catch(() => undefined);
    }
  }
}
