// ESC/POS commands the driver sends itself, where node-thermal-printer's are missing or incomplete.

/** DLE EOT n: real-time status (1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor). */
export const statusRequest = (n: 1 | 2 | 3 | 4): Buffer => Buffer.of(0x10, 0x04, n);

/** Drawer connector pins: pin 2 is the usual drawer, pin 5 the second one. */
export type DrawerPin = 2 | 5;

/**
 * ESC p m t1 t2: pulse the drawer kick-out connector. The times are in 2 ms units; node-thermal-printer
 * sends only `ESC p m`, so the printer would take the next two bytes of the receipt as t1 t2.
 */
export function drawerKick(pin: DrawerPin, onMs: number, offMs: number): Buffer {
  const units = (ms: number) => Math.max(1, Math.min(255, Math.round(ms / 2)));
  return Buffer.of(0x1b, 0x70, pin === 5 ? 1 : 0, units(onMs), units(offMs));
}

/** DLE DC4 1 m t: the same pulse in real time — executed even while the printer is offline or busy. */
export function realTimePulse(pin: DrawerPin, onMs: number): Buffer {
  const t = Math.max(1, Math.min(8, Math.round(onMs / 100)));
  return Buffer.of(0x10, 0x14, 1, pin === 5 ? 1 : 0, t);
}

/**
 * GS ( H fn=48: the printer answers `37 22 d1..d4 00` once it has processed everything before it —
 * proof that the job ahead of it has been printed, not just received.
 */
export function processIdRequest(id: string): Buffer {
  if (!/^\d{4}$/.test(id)) throw new RangeError(`process id must be 4 digits: ${id}`);
  return Buffer.concat([Buffer.of(0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30), Buffer.from(id, 'latin1')]);
}

/** DLE DC4 8: clear the receive and print buffers (a cancelled job must not print when the printer recovers). */
export const clearBuffers = (): Buffer => Buffer.of(0x10, 0x14, 0x08, 1, 3, 20, 1, 6, 2, 8);
