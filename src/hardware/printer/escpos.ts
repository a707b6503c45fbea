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

// ---- the slip station (TM-H6000 class): paper selection, its sensors, release ----

/** ESC c 0 n: select the paper printed on — 2 the roll, 4 the slip (full form), 8 validation. */
export type PaperType = 'roll' | 'slip' | 'validation';
const PAPER_BITS: Record<PaperType, number> = { roll: 0x02, slip: 0x04, validation: 0x08 };
export const selectPaper = (p: PaperType): Buffer => Buffer.of(0x1b, 0x63, 0x30, PAPER_BITS[p]);

/** ESC c 3 n: the sensors whose paper-end is signalled (slip TOF 0x20, BOF 0x40, as bits). */
export const paperEndSensors = (n: number): Buffer => Buffer.of(0x1b, 0x63, 0x33, n & 0xff);
/** ESC c 4 n: the sensors whose paper-end stops printing: the slip's TOF and BOF, so a form pulled out stops it. */
export const stopSensors = (n: number): Buffer => Buffer.of(0x1b, 0x63, 0x34, n & 0xff);
export const SLIP_SENSORS = 0x60;

/** GS ( G fn=48 m: print on the face of the slip (m=4) or on its back, the endorsement side (m=68). */
export const slipSide = (side: 'face' | 'back'): Buffer => Buffer.of(0x1d, 0x28, 0x47, 0x02, 0x00, 0x30, side === 'back' ? 0x44 : 0x04);

/** ESC q: release the clamped slip so it can be taken out. */
export const releasePaper = (): Buffer => Buffer.of(0x1b, 0x71);

/** DLE EOT 5: real-time slip status. */
export const slipStatusRequest = (): Buffer => Buffer.of(0x10, 0x04, 0x05);

export interface SlipSensors {
  /** The slip is the selected paper. */
  selected: boolean;
  /** The printer waits for a form to be inserted. */
  waitingForInsert: boolean;
  /** Top-of-form and bottom-of-form sensors see paper. */
  tof: boolean;
  bof: boolean;
}

/** DLE EOT 5 reply: bit 2 slip NOT selected, bit 3 waiting for insertion, bit 5 TOF and bit 6 BOF: no paper. */
export function parseSlipStatus(b: number): SlipSensors {
  return { selected: (b & 0x04) === 0, waitingForInsert: (b & 0x08) !== 0, tof: (b & 0x20) === 0, bof: (b & 0x40) === 0 };
}

/** A form is in and clamped: a sensor sees it and the printer no longer waits for one. */
export const formIn = (s: SlipSensors): boolean => (s.tof || s.bof) && !s.waitingForInsert;
