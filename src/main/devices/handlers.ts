// Device handlers: the device manager's view and actions for the till and the admin screens.
import type { devicesContract } from '../../shared/contract/devices';
import type { DeviceConfig, DeviceSetting } from '../../shared/devices';
import { StationError } from '../../shared/errors';
import type { StationMessage } from '../../shared/messages';
import { DeviceManagerError, isNoDevice } from '../../hardware/manager';
import type { Device } from '../../hardware/device';
import { isSerialAddress, parseSerialAddress } from '../../hardware/serial/settings';
import { listPorts } from '../../hardware/serial/listPorts';
import type { Handlers } from '../station/handlers';
import type { Station } from '../station/station';
import { loadDeviceSettings, saveDeviceSettings, toConfigs } from './deviceSettings';
import { devices } from './devices';
import { DEVICE_FACTORIES } from './factories';

/** Builds (without opening) every device of a new list, so bad settings are refused before they are saved. */
function checkSettings(list: DeviceSetting[]): void {
  const built = new Map<string, Device>();
  const ctx = {
    device: (id: string) => built.get(id),
    byKind: (kind: Device['kind']) => [...built.values()].filter((d) => d.kind === kind),
  };
  const order = ['printer', 'drawer', 'micr', 'tenkey', 'display', 'scanner'];
  const configs = toConfigs(list).map((c, i) => [c, i] as const).sort((a, b) => order.indexOf(a[0].kind) - order.indexOf(b[0].kind));
  for (const [c, i] of configs) {
    if (isNoDevice(c.address)) continue;
    const factory = DEVICE_FACTORIES[c.kind];
    if (!factory) continue;
    try {
      built.set(c.id, factory(c, ctx));
    } catch (e) {
      throw new StationError('DEVICE_SETTINGS_INVALID', { device: c.id, detail: (e as Error).message }, `devices.${i}`);
    }
  }
}

function mapManagerError(e: unknown): never {
  if (e instanceof DeviceManagerError) {
    if (e.reason === 'unknown') throw new StationError('DEVICE_NOT_FOUND', { device: e.deviceId }, 'deviceId');
    // Why, also as a message code (JSON: error parameters are flat), for the UI to word in its language.
    const why = e.status?.message;
    throw new StationError('DEVICE_NOT_READY', { device: e.deviceId, detail: e.message, ...(why ? { detailMessage: JSON.stringify(why) } : {}) }, 'deviceId');
  }
  throw e;
}

function serialPaths(station: Station): string[] {
  const paths: string[] = [];
  for (const c of toConfigs(loadDeviceSettings(station)) as DeviceConfig[]) {
    if (!isSerialAddress(c.address)) continue;
    try { paths.push(parseSerialAddress(c.address).path); } catch { /* a bad address lists nothing */ }
  }
  return paths;
}

export const devicesHandlers: Handlers<keyof typeof devicesContract> = {
  'devices.list': async ({ station }) => {
    const d = devices(station);
    await d.started;
    return d.manager.list();
  },
  'devices.settings': ({ station }) => loadDeviceSettings(station),
  'devices.updateSettings': async ({ station, user }, i) => {
    const list: DeviceSetting[] = i.devices.map((d) => ({ id: d.id, kind: d.kind, address: d.address, enabled: d.enabled, ...(d.options && Object.keys(d.options).length ? { options: d.options } : {}) }));
    checkSettings(list);
    saveDeviceSettings(station, list, user);
    const d = devices(station);
    await d.started;
    await d.apply();
    return d.manager.list();
  },
  'devices.ports': async ({ station }) => listPorts({ configured: serialPaths(station) }),
  'devices.test': async ({ station, user }, i) => {
    const d = devices(station);
    await d.started;
    let outcome: { text: string; message?: StationMessage };
    try { outcome = await d.manager.testOutcome(i.deviceId); } catch (e) { mapManagerError(e); }
    const result = outcome.text;
    const kind = d.manager.config(i.deviceId)?.kind;
    // A test can open the drawer or print: it is on the record with who asked.
    station.commit(() => station.record('device.tested', i.deviceId, { deviceId: i.deviceId, kind, userId: user.id, result }, station.nowIso(), { sync: false }));
    return { deviceId: i.deviceId, result, ...(outcome.message ? { resultMessage: outcome.message } : {}) };
  },
  'devices.retry': async ({ station }, i) => {
    const d = devices(station);
    await d.started;
    const s = d.manager.status(i.deviceId);
    if (!s) throw new StationError('DEVICE_NOT_FOUND', { device: i.deviceId }, 'deviceId');
    d.manager.retry(i.deviceId);
    return d.manager.status(i.deviceId) ?? s;
  },
  'devices.display': async ({ station }, i) => {
    const d = devices(station);
    await d.started;
    return d.show(i);
  },
  'devices.lastCheck': ({ station }, i) => devices(station).lastCheck(i.take, i.since),
};
