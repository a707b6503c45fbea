// Printing on a station: the print queue and the drawer, attached once at start-up (before any posting,
// so every posting queues its slip) and found again by the handlers and the device manager.
import type { Device } from '../../hardware/device';
import { PrinterDrawer } from '../../hardware/drawer/drawer';
import { SerialDrawer } from '../../hardware/drawer/serialDrawer';
import { MicrReader } from '../../hardware/micr/reader';
import { ReceiptPrinter } from '../../hardware/printer/printer';
import type { Station } from '../station/station';
import { DrawerService } from './drawerService';
import { PrintQueue, type QueueTiming } from './printQueue';

export interface Printing { queue: PrintQueue; drawer: DrawerService }

const KEY = 'printing';

/** Attaches the print queue and drawer service to a station (idempotent). */
export function attachPrinting(station: Station, timing?: QueueTiming): Printing {
  const have = station.extensions[KEY] as Printing | undefined;
  if (have) return have;
  // The drawer service listens first: after a commit the drawer is kicked ahead of the slip's print job.
  const drawer = new DrawerService(station);
  const p: Printing = { queue: new PrintQueue(station, timing), drawer };
  station.extensions[KEY] = p;
  return p;
}

export function printing(station: Station): Printing {
  return attachPrinting(station);
}

/**
 * For the device manager: hand over a device once it is created (or null when removed). Printers feed
 * the queue, drawers the drawer service; other kinds are ignored.
 */
export function useDevice(station: Station, device: Device | null, kind: Device['kind']): void {
  const p = printing(station);
  if (kind === 'printer') p.queue.usePrinter(device instanceof ReceiptPrinter ? device : null);
  // A check reader with an endorser endorses checks when the slip settings say so.
  if (kind === 'micr') p.queue.useEndorser(device instanceof MicrReader && device.hasEndorser ? device : null);
  if (kind === 'drawer') p.drawer.useDrawer(device instanceof PrinterDrawer || device instanceof SerialDrawer ? device : null);
}
