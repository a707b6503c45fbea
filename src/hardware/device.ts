// The one shape every counter device has, so the device manager can open, watch and test any of them.
// Drivers live beside this file (printer/, drawer/, micr/, tenkey/, display/); they import only src/shared.
// The plain data shapes live in src/shared/devices.ts (the UI sees them too) and are re-exported here.
import type { DeviceConfig, DeviceEvent, DeviceKind, DeviceStatus } from '../shared/devices';
import type { StationMessage } from '../shared/messages';

/** What a test action did: in English (for the record and IT), and as a message code for the UI. */
export interface TestOutcome { text: string; message: StationMessage }

export { DEVICE_KINDS, DEVICE_STATES } from '../shared/devices';
export type { DeviceConfig, DeviceEvent, DeviceKind, DeviceState, DeviceStatus } from '../shared/devices';

export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  /** Opens the link; rejects when the device cannot be reached (the manager retries with backoff). */
  open(): Promise<void>;
  close(): Promise<void>;
  status(): DeviceStatus;
  /** The device's test action (print test page, kick drawer, read a check, show text); resolves to what happened. */
  test(): Promise<string>;
  /** Optional: the test action with its outcome as a message code too (test() is then its text). */
  runTest?(): Promise<TestOutcome>;
  /** Subscribe to status changes; returns the unsubscribe function. */
  onStatus(fn: (s: DeviceStatus) => void): () => void;
  /** Optional: what the device reports besides status (check reads, key presses); returns the unsubscribe function. */
  onEvent?(fn: (e: DeviceEvent) => void): () => void;
  /**
   * Optional: true when the device keeps its own link (e.g. a TCP printer connecting per job, retried by the
   * print queue). Otherwise the manager reopens a device whose state turns 'offline' after it was open.
   */
  readonly managesOwnLink?: boolean;
}

/** Lets a factory find the other devices of the station (e.g. a drawer kicked through the printer). */
export interface DeviceContext {
  device(id: string): Device | undefined;
  byKind(kind: DeviceKind): Device[];
}

/** Makes a driver from its settings; registered per kind with the device manager. Must not open the link. */
export type DeviceFactory = (config: DeviceConfig, ctx: DeviceContext) => Device;
