// Device operations (devices issue, serial part + device manager): status of every device, settings,
// ports, test actions, the customer display and the latest check read.
import { z } from 'zod';
import { centsSchema } from '../money';
import { DEVICE_KINDS, type CheckReadView, type DeviceSetting, type DeviceStatus, type SerialPortView } from '../devices';
import type { StationMessage } from '../messages';
import { emptyInput, op } from './op';
import { CARD_NUMBER_MESSAGE, freeText, noCardNumber } from '../text';

/** result: what the test did, in English (kept on the record); resultMessage: the same for the UI to word. */
export interface DeviceTestResult { deviceId: string; result: string; resultMessage?: StationMessage }

const deviceId = z.string().trim().min(1, 'Give the device a name.').max(32).regex(/^[A-Za-z0-9_-]+$/, 'A device name has letters, digits, - and _ only.').refine(noCardNumber, CARD_NUMBER_MESSAGE);
// Option text reaches devices (a display's welcome line): text, never commands.
const optionValue = z.union([freeText({ max: 300 }), z.number().finite(), z.boolean()]);

export const deviceSettingInput = z.object({
  id: deviceId,
  kind: z.enum(DEVICE_KINDS),
  /** tcp://host:9100, serial:/dev/ttyUSB0?baud=9600, spooler:Queue, printer (a drawer on the printer), none. */
  address: freeText({ max: 300, cardCheck: false }),
  options: z.record(z.string().max(40), optionValue).refine((o) => Object.keys(o).length <= 30, 'Too many options.').optional(),
  enabled: z.boolean().default(true),
}).strict();

/** A customer-display line: text the display shows, never its commands. */
const line = freeText({ max: 60 });
export const displayScreenInput = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('welcome'), message: line.optional() }).strict(),
  z.object({ screen: z.literal('item'), description: line, amountCents: centsSchema, totalCents: centsSchema }).strict(),
  z.object({ screen: z.literal('total'), totalCents: centsSchema }).strict(),
  z.object({ screen: z.literal('change'), tenderedCents: centsSchema, changeCents: centsSchema }).strict(),
  z.object({ screen: z.literal('thanks'), message: line.optional() }).strict(),
  z.object({ screen: z.literal('text'), line1: line, line2: line.optional() }).strict(),
  z.object({ screen: z.literal('clear') }).strict(),
]);

export const devicesContract = {
  /** Every configured device with its live state (missing ones included: the till says so). */
  'devices.list': op<DeviceStatus[]>()('cashier', emptyInput),
  'devices.settings': op<DeviceSetting[]>()('admin', emptyInput),
  /** Replaces the station's device list; devices whose settings did not change stay open. */
  'devices.updateSettings': op<DeviceStatus[]>()('admin', z.object({
    devices: z.array(deviceSettingInput).max(20).refine((ds) => new Set(ds.map((d) => d.id)).size === ds.length, 'Two devices have the same name.'),
  }).strict()),
  /** Serial ports on this machine; warning says when the list may be incomplete (no udevadm). */
  'devices.ports': op<{ ports: SerialPortView[]; warning?: string }>()('admin', emptyInput),
  /** The device's test action: print a test page, kick the drawer, read a check, show text, press a key. */
  'devices.test': op<DeviceTestResult>()('supervisor', z.object({ deviceId }).strict()),
  /** Try to open a missing or offline device now instead of waiting for the next retry. */
  'devices.retry': op<DeviceStatus>()('cashier', z.object({ deviceId }).strict()),
  /** Shows a screen on the customer display; shown is false when there is no display ready. */
  'devices.display': op<{ shown: boolean; lines: [string, string] }>()('cashier', displayScreenInput),
  /** The latest check read (good or not); take: hand it out once, so a read fills one tender only. */
  'devices.lastCheck': op<CheckReadView | null>()('cashier', z.object({ take: z.boolean().default(false), since: z.iso.datetime().optional() }).strict()),
} as const;
