// Card payments through the counter's payment terminal (issue 11): charge the amount due, cancel a
// charge the customer is still at, let go of the card charges of a sale put aside, see and resolve
// unfinished attempts, the terminal's settings, its test (a diagnosis) and its reconciliation.
import { z } from 'zod';
import type { ReceiptView } from '../views';
import type { CardAttemptView } from '../terminal';
import { centsSchema, positiveCentsSchema } from '../money';
import { CARD_NUMBER_MESSAGE, freeText, noCardNumber } from '../text';
import { approvalSchema, emptyInput, op, reasonSchema, requestId } from './op';
import { receiptLineInput, tenderInput } from './ledger';

export interface CardChargeResult {
  attempt: CardAttemptView;
  /** Posted when the approval covers what was still due (with the other tenders of the sale). */
  receipt: ReceiptView | null;
  /** The terminal did not answer at all: nothing was charged, keyed entry is the fallback. */
  offerKeyed: boolean;
}

export interface TerminalSettingsView {
  enabled: boolean; url: string; poiId: string; keyIdentifier: string; keyVersion: number; certificatePin: string;
  passphraseSet: boolean;
}

export interface CardReconciliationView {
  brands: { brand: string; terminalCount: number; terminalCents: number; stationCount: number; stationCents: number; differenceCents: number }[];
  matches: boolean;
}

/** A card payment's convenience fee for one revenue code (DOMAIN.md): none, flat, or a percentage with a minimum and a cap. */
export const feeRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('flat'), amountCents: positiveCentsSchema }).strict(),
  z.object({
    type: z.literal('percent'),
    rate: z.string().regex(/^0(\.\d{1,6})?$/, 'The rate is a fraction under 1, e.g. 0.025 for 2.5%.'),
    minimumCents: centsSchema, capCents: centsSchema,
  }).strict().refine((r) => r.capCents === 0 || r.capCents >= r.minimumCents, { message: 'The cap cannot be below the minimum.', path: ['capCents'] }),
]);
export type FeeRuleSetting = z.infer<typeof feeRuleSchema>;

export interface ConvenienceFeeSettings { revenueCode: string; rules: Record<string, FeeRuleSetting> }

export const terminalSettingsPatch = z.object({
  enabled: z.boolean().optional(),
  url: z.string().max(200).regex(/^https:\/\/[A-Za-z0-9.\-[\]:]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/, 'The terminal address is https://host:port/path.')
    .refine((u) => { try { return new URL(u).protocol === 'https:'; } catch { return false; } }, 'The terminal address is https://host:port/path.').optional(),
  poiId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'The POIID is letters, digits and dashes (e.g. V400m-123456789).').refine(noCardNumber, CARD_NUMBER_MESSAGE).optional(),
  keyIdentifier: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'The key identifier is letters, digits, dashes or underscores.').refine(noCardNumber, CARD_NUMBER_MESSAGE).optional(),
  keyVersion: z.number().int().min(0).max(1_000_000).optional(),
  passphrase: freeText({ min: 8, minMessage: 'The passphrase has at least 8 characters.', max: 100 }).optional(),
  certificatePin: z.string().regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, "The certificate pin is the terminal certificate's SHA-256 fingerprint (64 hex digits).").optional(),
}).strict();

export const cardContract = {
  /** Writes the attempt durably, then asks the terminal; posts the receipt when the approval covers the sale. */
  'card.charge': op<CardChargeResult>()('cashier', z.object({
    attemptId: requestId,
    receiptId: requestId,
    amountCents: positiveCentsSchema,
    lines: z.array(receiptLineInput).min(1, 'Add at least one line.').max(200),
    /** The sale's other tenders: cash, checks, and card charges already approved for it. */
    tenders: z.array(tenderInput).max(19),
    payerName: freeText({ max: 100 }).optional(),
    /** The convenience fee the payer was shown (card.feeQuote): it must still be the station's figure. */
    feeCents: centsSchema.optional(),
  }).strict()),
  /** The convenience fee a card payment of this amount adds to this sale, shown to the payer before the charge. */
  'card.feeQuote': op<{ feeCents: number; revenueCode: string }>()('cashier', z.object({
    amountCents: positiveCentsSchema, lines: z.array(receiptLineInput).min(1).max(200),
  }).strict()),
  'card.feeSettings': op<ConvenienceFeeSettings>()('cashier', emptyInput),
  'card.updateFeeSettings': op<ConvenienceFeeSettings>()('admin', z.object({
    revenueCode: z.string().regex(/^[A-Z0-9_-]{1,16}$/, 'A revenue code is capital letters and digits.').refine(noCardNumber, CARD_NUMBER_MESSAGE).optional(),
    rules: z.record(z.string().regex(/^[A-Z0-9_-]{1,16}$/, 'A revenue code is capital letters and digits.').refine(noCardNumber, CARD_NUMBER_MESSAGE), feeRuleSchema).optional(),
  }).strict()),
  /** The customer is still at the terminal: an AbortRequest. */
  'card.cancel': op<{ ok: true }>()('cashier', z.object({ attemptId: requestId }).strict()),
  /** The sale is put aside: its approved, unposted card charges are reversed at the terminal. */
  'card.release': op<CardAttemptView[]>()('cashier', z.object({ receiptId: requestId }).strict()),
  /** Attempts not yet ended (unknown, or approved and on no receipt). */
  'card.unresolved': op<CardAttemptView[]>()('cashier', emptyInput),
  /** Asks the terminal what became of every unfinished attempt and settles each. */
  'card.resolve': op<CardAttemptView[]>()('cashier', z.object({ keepReceiptId: requestId.optional() }).strict()),
  /**
   * What the terminal cannot settle, a supervisor settles by hand: a charge refunded at the terminal
   * ('refunded'), or a request its own report shows was never charged ('not_charged').
   */
  'card.settleByHand': op<CardAttemptView>()('cashier', z.object({
    attemptId: requestId, outcome: z.enum(['refunded', 'not_charged']), reason: reasonSchema, approval: approvalSchema,
  }).strict()),
  'card.settings': op<TerminalSettingsView>()('cashier', emptyInput),
  'card.updateSettings': op<TerminalSettingsView>()('admin', terminalSettingsPatch),
  'card.test': op<{ ok: boolean; status: string }>()('admin', emptyInput),
  'card.reconcile': op<CardReconciliationView>()('cashier', emptyInput),
} as const;
