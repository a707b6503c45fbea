// A till with the image check scanner's emulator attached over TCP, ready, and a drawer open.
import { ImageScannerEmulator } from '../../src/hardware/checkScanner/emulator';
import { attachDevices } from '../../src/main/devices/devices';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { until } from '../helpers/events';
import { uuid } from '../helpers/station';
import { openTill, type Till } from './harness';

export async function tillWithImageScanner(): Promise<{ till: Till; emu: ImageScannerEmulator }> {
  const till = await openTill();
  const emu = await ImageScannerEmulator.tcp();
  const d = attachDevices(till.t.station, { backoff: { initialMs: 50, maxMs: 300, jitter: 0 } });
  await till.t.ok('devices.updateSettings', { devices: [{ id: 'scan1', kind: 'micr', address: emu.address(), options: { driver: 'magtek-image' } }] }, 'admin');
  await d.started;
  await until(() => d.manager.status('scan1')?.state === 'ready' && emu.connected, 'the scanner ready', 10_000);
  await till.t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  return { till, emu };
}
