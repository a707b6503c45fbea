// The station's device settings (table device_settings), with a default list of every kind, not
// configured, so a new station shows each device as missing rather than nothing at all.
import { DEVICE_KINDS, type DeviceConfig, type DeviceSetting } from '../../shared/devices';
import type { UserView } from '../../shared/views';
import type { Station } from '../station/station';

export const DEFAULT_DEVICES: DeviceSetting[] = DEVICE_KINDS.map((kind) => ({ id: `${kind}1`, kind, address: 'none', enabled: true }));

interface Row { device_id: string; kind: string; address: string; options: string; enabled: number }

export function loadDeviceSettings(station: Station): DeviceSetting[] {
  const rows = station.st.sqlAll<Row>('SELECT device_id, kind, address, options, enabled FROM device_settings ORDER BY position, device_id');
  if (rows.length === 0) return DEFAULT_DEVICES.map((d) => ({ ...d }));
  return rows.map((r) => {
    const options = JSON.parse(r.options) as Record<string, string | number | boolean>;
    return { id: r.device_id, kind: r.kind as DeviceSetting['kind'], address: r.address, ...(Object.keys(options).length ? { options } : {}), enabled: r.enabled === 1 };
  });
}

/** Replaces the list in one transaction, journaled (not sent to the hub: it is this counter's wiring). */
export function saveDeviceSettings(station: Station, devices: DeviceSetting[], user: UserView): void {
  const at = station.nowIso();
  station.commit(() => {
    station.st.sqlRun('DELETE FROM device_settings');
    devices.forEach((d, i) => station.st.sqlRun(
      'INSERT INTO device_settings(device_id, kind, address, options, enabled, position, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      d.id, d.kind, d.address, JSON.stringify(d.options ?? {}), d.enabled ? 1 : 0, i, at, user.id,
    ));
    station.record('devices.configured', station.stationId, { userId: user.id, devices }, at, { sync: false });
  });
}

/** What the manager opens: a turned-off device keeps its place in the list as address "off". */
export function toConfigs(devices: DeviceSetting[]): DeviceConfig[] {
  return devices.map((d) => ({ id: d.id, kind: d.kind, address: d.enabled ? d.address : 'off', ...(d.options ? { options: d.options } : {}) }));
}
