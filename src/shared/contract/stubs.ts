// Bill stub operations (issue: stubs scanned in): the city's stub formats and scanner settings, and a
// scan read by the station (its formats, its directory, its fee schedule, today's payments).
import { z } from 'zod';
import { stubFormatSchema, wedgeSettingsSchema, type Stub, type StubFormat, type WedgeSettings } from '../stubs';
import type { AccountView } from '../views';
import { freeText } from '../text';
import { emptyInput, op } from './op';

export interface StubSettingsView { formats: StubFormat[]; wedge: WedgeSettings }

/** Past the due date: the late penalty the fee schedule asks, offered to the cashier. */
export interface LateOffer { revenueCode: string; amountCents: number; baseCents: number; monthsPastDue: number; dueDate: string }

export interface StubScanView {
  stub: Stub;
  account: AccountView;
  revenueCode: { code: string; nameEn: string; nameEs: string };
  late: LateOffer | null;
  /** Receipts of today at this station that already paid this stub (not voided). */
  paidToday: string[];
}

export const stubsContract = {
  'stubs.settings': op<StubSettingsView>()('cashier', emptyInput),
  'stubs.updateSettings': op<StubSettingsView>()('admin', z.object({
    formats: z.array(stubFormatSchema).min(1, 'Keep at least one stub format.').max(20)
      .refine((fs) => new Set(fs.map((f) => f.id)).size === fs.length, 'Two formats have the same ID.').optional(),
    wedge: wedgeSettingsSchema.optional(),
  }).strict()),
  /** A scan (keyboard wedge or serial scanner) read against the formats, the directory and the fees. */
  'stubs.scan': op<StubScanView>()('cashier', z.object({
    raw: freeText({ min: 1, minMessage: 'Nothing was scanned.', max: 400, cardCheck: false }),
    /** The day the payment counts as made, for the late penalty: a mailed payment's postmark (else its date received). Today by default. */
    asOf: z.iso.date({ message: 'A date: YYYY-MM-DD.' }).optional(),
  }).strict()),
} as const;
