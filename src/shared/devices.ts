// Device words shared by every process: the station sends these to the UI (status, check reads, keys).
// Drivers in src/hardware implement them; the renderer only ever sees these plain shapes.
import type { CheckScanView } from './checkImages';
import type { MicrRead } from './micr';
import type { StationMessage } from './messages';

export const DEVICE_KINDS = ['printer', 'drawer', 'micr', 'tenkey', 'display', 'scanner'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * missing: not configured or not found — the station keeps working without it, and says so.
 * connecting: opening (or reopening after a loss, with backoff).
 * ready: open and answering.
 * offline: the link is down (unplugged, port gone, host not answering); the device manager reopens it with backoff.
 * error: the link works but the device reports a fault (paper out, cover open) — no reopen needed.
 */
export const DEVICE_STATES = ['missing', 'connecting', 'ready', 'offline', 'error'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export interface DeviceStatus {
  id: string;
  kind: DeviceKind;
  state: DeviceState;
  /** Words for the cashier or IT: "Paper out", "Cover open", "Not answering on tcp://10.0.0.5:9100". */
  detail: string;
  /**
   * The same as a code with parameters, for the UI to word in the cashier's language (detail stays as the
   * technical detail). params.retryS: the device manager tries again in that many seconds.
   */
  message?: StationMessage;
  /** ISO time the state last changed. */
  since: string;
  /** Device-specific flags, e.g. printer { paperOut, paperNearEnd, coverOpen, drawerOpen }. */
  flags?: Record<string, boolean>;
}

/** Where a device is: tcp://host:port, serial:/dev/ttyUSB0?baud=9600, spooler:PrinterName, none. */
export interface DeviceConfig {
  id: string;
  kind: DeviceKind;
  address: string;
  options?: Record<string, string | number | boolean>;
}

/** Something a device reports besides its status: a check read ('check'), a key press ('key'). */
export interface DeviceEvent {
  deviceId: string;
  kind: DeviceKind;
  type: string;
  payload: unknown;
  /** ISO time it happened. */
  at: string;
}

/** What the customer display shows (2 lines of 20 characters), worded in the station's language. */
export type DisplayScreen =
  | { screen: 'welcome'; message?: string }
  | { screen: 'item'; description: string; amountCents: number; totalCents: number }
  | { screen: 'total'; totalCents: number }
  | { screen: 'change'; tenderedCents: number; changeCents: number }
  | { screen: 'thanks'; message?: string }
  | { screen: 'text'; line1: string; line2?: string }
  | { screen: 'clear' };

/** One device's settings as an admin edits them. */
export interface DeviceSetting extends DeviceConfig {
  /** Off: kept in the list but not opened (shown as missing, "Turned off"). */
  enabled: boolean;
}

/** A serial port an admin can choose. */
export interface SerialPortView {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  byId?: string;
  source: 'udev' | 'scan' | 'configured';
}

/** A check read as the till receives it ('device.check' event, devices.lastCheck). */
export interface CheckReadView {
  deviceId: string;
  at: string;
  read: MicrRead;
  /** From an image check scanner: the stored images and their quality (the tender takes scan.scanId). */
  scan?: CheckScanView;
}

/** An image check scanner's document that did not scan ('device.checkFault'): nothing is posted from it. */
export interface CheckFaultView { deviceId: string; at: string; fault: 'jam' | 'doubleFeed' | 'noMicr' | 'transfer'; detail: string }

/** A scan from a serial stub scanner ('device.scan' event); a read that is not one ('device.scanFault'). */
export interface ScanView { deviceId: string; at: string; text: string }
export interface ScanFaultView { deviceId: string; at: string; fault: 'cutShort' | 'noise'; text: string }

/** A key from a serial keypad ('device.key' event). */
export interface KeyView { deviceId: string; at: string; key: string; raw: string }
