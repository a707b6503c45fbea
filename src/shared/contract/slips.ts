// Slip station operations (issue: stubs validated and checks endorsed): its settings, the slips of a
// receipt with their log, skipping a form, and printing one again (marked as a copy).
import { z } from 'zod';
import type { PrintJobView } from '../printing';
import { slipSettingsSchema, type SlipLogEntry, type SlipPrint, type SlipSettings } from '../slips';
import { emptyInput, op, reasonSchema } from './op';

export interface SlipJobView { job: PrintJobView; slip: SlipPrint }

const receiptNumber = z.string().min(1).max(40);

export const slipsContract = {
  'slips.settings': op<SlipSettings>()('cashier', emptyInput),
  'slips.updateSettings': op<SlipSettings>()('admin', slipSettingsSchema.partial().strict()),
  /** The validations and endorsements of a receipt, newest copy last, and what happened to each. */
  'slips.forReceipt': op<{ slips: SlipJobView[]; log: SlipLogEntry[] }>()('cashier', z.object({ receiptNumber }).strict()),
  /** The cashier skips a form (no stub, customer kept it): logged with the receipt, the payment stands. */
  'slips.skip': op<PrintJobView>()('cashier', z.object({ jobId: z.uuid({ message: 'Choose a slip from the list.' }), reason: reasonSchema.optional() }).strict()),
  /** Validate a stub or endorse a check again: a new copy, logged, printed marked COPY. */
  'slips.again': op<PrintJobView>()('cashier', z.object({ receiptNumber, form: z.enum(['validation', 'endorsement']), number: z.number().int().min(1).max(200) }).strict()),
} as const;
