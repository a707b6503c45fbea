// The device manager on a station: opened from the station's settings at start-up, its status and
// device events forwarded to the UI (station.publish: 'device.status', 'device.check', 'device.key'),
// printers and drawers handed to the print queue and drawer service, the customer display following
// the postings, and everything closed with the station.
import { isBatchSession } from '../station/batches/isBatch';
import { DeviceManager, type DeviceFactories } from '../../hardware/manager';
import type { BackoffOptions } from '../../hardware/serial/reconnect';
import { CustomerDisplay } from '../../hardware/display/customerDisplay';
import type { DeviceEvent } from '../../hardware/device';
import type { CheckFaultView, CheckReadView, DisplayScreen, KeyView, ScanFaultView, ScanView } from '../../shared/devices';
import type { MicrRead } from '../../shared/micr';
import type { Station } from '../station/station';
import { loadDeviceSettings, toConfigs } from './deviceSettings';
import { DEVICE_FACTORIES } from './factories';
import { useDevice } from './printing';
import { captureScan } from '../station/checkImages/capture';
import type { ScanFaultEvent, ScannedCheck } from '../../hardware/checkScanner/scanner';

const KEY = 'devices';

export interface DevicesOptions {
  factories?: DeviceFactories;
  backoff?: Partial<BackoffOptions>;
}

export class DevicesService {
  readonly manager: DeviceManager;
  /** Resolves once the first configuration has been applied (each device tried once). */
  readonly started: Promise<void>;
  private last: CheckReadView | undefined;

  constructor(private readonly station: Station, o: DevicesOptions = {}) {
    this.manager = new DeviceManager(o.factories ?? DEVICE_FACTORIES, { backoff: o.backoff ?? {}, now: () => station.clock.now() });
    this.manager.onStatus((s) => station.publish('device.status', s));
    this.manager.onEvent((e) => this.onDeviceEvent(e));
    this.manager.onDevice((_id, kind, device) => { if (kind === 'printer' || kind === 'drawer' || kind === 'micr') useDevice(station, device, kind); });
    const onPosted = (payload: unknown): void => { void this.followPosting(payload); };
    station.events.on('receipt.posted', onPosted);
    station.onClose(() => {
      station.events.off('receipt.posted', onPosted);
      void this.manager.close();
    });
    this.started = this.apply();
  }

  /** Re-reads the settings and applies them (after an admin changed them). */
  async apply(): Promise<void> {
    const lang = this.station.config.language;
    // The customer display speaks the station's language unless it has one of its own.
    const configs = toConfigs(loadDeviceSettings(this.station)).map((c) =>
      c.kind === 'display' && c.options?.language === undefined ? { ...c, options: { ...c.options, language: lang } } : c);
    await this.manager.configure(configs);
  }

  /** The latest check read; take hands it out once. */
  lastCheck(take: boolean, since?: string): CheckReadView | null {
    const l = this.last;
    if (!l || (since && l.at < since)) return null;
    if (take) this.last = undefined;
    return l;
  }

  /** Shows a screen on the first ready customer display, in the station's language unless the display has its own. */
  async show(screen: DisplayScreen): Promise<{ shown: boolean; lines: [string, string] }> {
    const d = this.manager.ready('display');
    if (!(d instanceof CustomerDisplay)) return { shown: false, lines: ['', ''] };
    return { shown: true, lines: await d.show(screen) };
  }

  private onDeviceEvent(e: DeviceEvent): void {
    if (e.type === 'scannedCheck') {
      // The images are stored (durably) before the till hears of the check, so before any posting uses them.
      const s = e.payload as ScannedCheck;
      let view: CheckReadView;
      try {
        view = { deviceId: e.deviceId, at: e.at, read: s.read, scan: captureScan(this.station, { deviceId: e.deviceId, at: e.at, ...s }) };
      } catch (err) {
        const f: CheckFaultView = { deviceId: e.deviceId, at: e.at, fault: 'transfer', detail: `The images could not be stored: ${(err as Error).message}` };
        this.station.publish('device.checkFault', f);
        return;
      }
      this.last = view;
      this.station.publish('device.check', view);
    } else if (e.type === 'scanFault' && e.kind === 'micr') {
      const p = e.payload as ScanFaultEvent;
      const f: CheckFaultView = { deviceId: e.deviceId, at: e.at, fault: p.fault, detail: p.detail };
      this.station.publish('device.checkFault', f);
    } else if (e.type === 'check') {
      const view: CheckReadView = { deviceId: e.deviceId, at: e.at, read: e.payload as MicrRead };
      this.last = view;
      this.station.publish('device.check', view);
    } else if (e.type === 'scan') {
      const view: ScanView = { deviceId: e.deviceId, at: e.at, text: (e.payload as { text: string }).text };
      this.station.publish('device.scan', view);
    } else if (e.type === 'scanFault') {
      const f = e.payload as { fault: 'cutShort' | 'noise'; text: string };
      const view: ScanFaultView = { deviceId: e.deviceId, at: e.at, fault: f.fault, text: f.text };
      this.station.publish('device.scanFault', view);
    } else if (e.type === 'key') {
      const k = e.payload as { key: string; raw: string };
      const view: KeyView = { deviceId: e.deviceId, at: e.at, key: k.key, raw: k.raw };
      this.station.publish('device.key', view);
    }
  }

  /** After a payment is committed: the customer sees the change due, or thanks. Never blocks the posting. */
  private async followPosting(payload: unknown): Promise<void> {
    const r = payload as { tenderedCents?: number; changeCents?: number; sessionId?: string };
    // No customer is at the counter for a batch item.
    if (isBatchSession(this.station, r.sessionId)) return;
    const d = this.manager.config(this.manager.ready('display')?.id ?? '');
    if (!d || d.options?.followPostings === false) return;
    try {
      if (typeof r.changeCents === 'number' && r.changeCents > 0 && typeof r.tenderedCents === 'number') {
        await this.show({ screen: 'change', tenderedCents: r.tenderedCents, changeCents: r.changeCents });
      } else {
        await this.show({ screen: 'thanks' });
      }
    } catch { /* the display going away is reported by its status */ }
  }
}

/** Attaches the device manager to a station once; later calls return the same service. */
export function attachDevices(station: Station, o: DevicesOptions = {}): DevicesService {
  const have = station.extensions[KEY] as DevicesService | undefined;
  if (have) return have;
  const s = new DevicesService(station, o);
  station.extensions[KEY] = s;
  return s;
}

export function devices(station: Station): DevicesService {
  return attachDevices(station);
}
