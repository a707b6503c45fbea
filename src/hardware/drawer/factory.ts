// Drawer settings → a drawer device. Address "printer" (the station's printer) or "printer:<id>".
import type { DeviceConfig, DeviceFactory } from '../device';
import { ReceiptPrinter } from '../printer/printer';
import { PrinterDrawer, type DrawerOptions } from './drawer';
import { SerialDrawer } from './serialDrawer';
import { isSerialAddress } from '../serial/settings';

export function drawerOptions(o: DeviceConfig['options'] = {}): Partial<DrawerOptions> {
  const out: Partial<DrawerOptions> = {};
  const pin = Number(o.pin); if (pin === 2 || pin === 5) out.pin = pin;
  const on = Number(o.onMs); if (Number.isInteger(on) && on > 0 && on <= 510) out.onMs = on;
  const off = Number(o.offMs); if (Number.isInteger(off) && off > 0 && off <= 510) out.offMs = off;
  const level = o.openLevel; if (level === 'high' || level === 'low' || level === 'none') out.openLevel = level;
  return out;
}

export const createDrawer: DeviceFactory = (config, ctx) => {
  // A drawer on its own serial or USB-serial port.
  if (isSerialAddress(config.address)) return new SerialDrawer(config);
  const m = /^printer(?::(.+))?$/.exec(config.address);
  if (!m) throw new RangeError(`${config.address}: a drawer is kicked through a printer ("printer" or "printer:<id>") or is on a serial port (serial:/dev/ttyUSB0)`);
  const printer = m[1] ? ctx.device(m[1]) : ctx.byKind('printer')[0];
  if (!(printer instanceof ReceiptPrinter)) throw new RangeError(`drawer ${config.id}: no ESC/POS printer ${m[1] ?? ''} to kick it through`);
  return new PrinterDrawer(config.id, printer, drawerOptions(config.options));
};
