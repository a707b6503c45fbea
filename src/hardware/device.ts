// The one shape every counter device has, so the device manager can open, watch and test any of them.
// Drivers live beside this file (printer/, drawer/, micr/, tenkey/, display/); they import only src/shared.

export const DEVICE_KINDS = ['printer', 'drawer', 'micr', 'tenkey', 'display'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** missing: not configured or not found — the station keeps working without it, and says so. */
export type DeviceState = 'missing' | 'connecting' | 'ready' | 'offline' | 'error';

export interface DeviceStatus {
  id: string;
  kind: DeviceKind;
  state: DeviceState;
  /** Words for the cashier or IT: "Paper out", "Cover open", "Not answering on tcp://10.0.0.5:9100". */
  detail: string;
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

export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  open(): Promise<void>;
  close(): Promise<void>;
  status(): DeviceStatus;
  /** The device's test action (print test page, kick drawer, read a check, show text); resolves to what happened. */
  test(): Promise<string>;
  /** Subscribe to status changes; returns the unsubscribe function. */
  onStatus(fn: (s: DeviceStatus) => void): () => void;
}
