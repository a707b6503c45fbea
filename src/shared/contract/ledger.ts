// Station ledger operations (issue: the station ledger).
import { z } from 'zod';
import { CASH_ROUNDINGS } from '../cashRounding';
import { centsSchema, positiveCentsSchema } from '../money';
import { CARD_BRANDS } from '../domain';
import { feeInputsSchema } from '../fees';
import type { AccountView, FeeQuote, MovementView, ReceiptView, RevenueCodeView, SessionView, SignInResult, StationInfo, StationSettings, UserAdminView, UserView } from '../views';
import { ROLES, isValidRouting } from '../domain';
import { CARD_NUMBER_MESSAGE, freeText, noCardNumber } from '../text';
import { approvalSchema, emptyInput, op, reasonSchema, requestId } from './op';

const pinSchema = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');
export const accountNumber = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9-]+$/, 'An account number has letters, digits and dashes only.');
const COUNT_TOO_LARGE = 'That count is too large: check the keying.';
const countsSchema = z.record(z.string().regex(/^(bill|coin|roll)_\d+$/, 'unknown denomination'),
  // The range before wholeness: a count beyond 2^53 is a keying error, not a fraction of a piece.
  z.number({ error: (iss) => (iss.input === Infinity ? COUNT_TOO_LARGE : 'Enter a count.') }).max(100_000, COUNT_TOO_LARGE).min(0, 'A count cannot be negative.')
    .int({ error: (iss) => (iss.code === 'too_big' ? COUNT_TOO_LARGE : iss.code === 'too_small' ? 'A count cannot be negative.' : 'Counts are whole pieces.') }));

/** What an admin may change at the station; money settings in cents. */
export const stationSettingsPatch = z.object({
  stationId: z.string().regex(/^[A-Z0-9]{2,8}$/, 'A station ID is 2 to 8 capital letters or digits.').optional(),
  cityName: freeText({ min: 2, max: 80 }).optional(),
  cityAddress: freeText({ min: 2, max: 160 }).optional(),
  cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'The cut-off is a time HH:MM.').optional(),
  timeZone: z.string().min(1).max(64).refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'Unknown time zone.').optional(),
  language: z.enum(['en', 'es']).optional(),
  lockoutAttempts: z.number().int().min(3).max(10).optional(),
  lockoutMinutes: z.number().int().min(1).max(24 * 60).optional(),
  floatCents: centsSchema.optional(),
  dropLimitCents: centsSchema.optional(),
  overShortToleranceCents: centsSchema.optional(),
  returnedCheckFeeCents: centsSchema.optional(),
  cashOnlyMonths: z.number().int().min(0).max(60).optional(),
  depositBank: z.object({
    name: freeText({ min: 2, max: 80 }),
    routing: z.string().regex(/^\d{9}$/, 'A routing number is 9 digits.').refine(isValidRouting, 'A routing number is 9 digits with a valid check digit (see the bank\'s deposit slip).'),
    account: z.string().regex(/^\d{4,17}$/, 'A bank account number is 4 to 17 digits.'),
  }).strict().optional(),
  idleLockMinutes: z.number().int().min(0, 'Idle minutes: 0 (never) to 120.').max(120, 'Idle minutes: 0 (never) to 120.').optional(),
  /** Cash rounded to the nearest 5¢ at the tender (issue 15); off by default. */
  cashRounding: z.enum(CASH_ROUNDINGS).optional(),
}).strict();

export const stubRaw = freeText({ min: 1, max: 400, cardCheck: false });

export const receiptLineInput = z.object({
  revenueCode: z.string().trim().min(1).max(16),
  /** Required for open-amount codes; for computed fees, if given it must equal the station's figure. */
  amountCents: positiveCentsSchema.optional(),
  accountNumber: accountNumber.optional(),
  feeInputs: feeInputsSchema.optional(),
  description: freeText({ max: 200 }).optional(),
  /** The bill stub the line was scanned from: the station reads it again and keeps it with the receipt. */
  // What the scanner read: its digits are the stub's (an OCR line may hold a Luhn-valid run), not a card's.
  stub: z.object({ raw: stubRaw }).strict().optional(),
}).strict();

export const payerName = freeText({ max: 100 });

const tenderBase = { amountCents: positiveCentsSchema };
export const tenderInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash'), ...tenderBase }).strict(),
  z.object({
    kind: z.literal('check'), ...tenderBase,
    routing: z.string().regex(/^\d{9}$/, 'A routing number is 9 digits.'),
    account: z.string().regex(/^\d{4,17}$/, 'A bank account number is 4 to 17 digits.'),
    checkNumber: z.string().regex(/^\d{1,15}$/, 'A check number is 1 to 15 digits.'),
    // What the check reader read: its digits are the check's, not a card's.
    micrRaw: freeText({ max: 120, cardCheck: false }).optional(),
    /** The image scanner's scan of this check: its front and back images become part of the tender. */
    scanId: z.uuid({ message: 'Scan the check again.' }).optional(),
    /** A supervisor takes a check whose image failed the quality checks: it goes to the bank on paper. */
    imageOverride: approvalSchema.optional(),
  }).strict(),
  z.object({ kind: z.literal('money_order'), ...tenderBase, reference: freeText({ max: 40 }).optional() }).strict(),
  z.object({
    kind: z.literal('card'), ...tenderBase,
    /** A charge the terminal approved: the station fills the tender from the attempt, nothing is typed. */
    attemptId: z.uuid({ message: 'A card attempt is named by its UUID.' }).optional(),
    // Keyed entry (no attemptId): never the card number, the last four digits and the authorisation code only.
    brand: z.enum(CARD_BRANDS).optional(),
    last4: z.string().regex(/^\d{4}$/, 'Only the last 4 digits of the card.').optional(),
    authCode: z.string().regex(/^[A-Za-z0-9]{1,12}$/, 'The authorisation code is 1 to 12 letters or digits.').optional(),
  }).strict().refine((t) => t.attemptId !== undefined || (t.brand !== undefined && t.last4 !== undefined && t.authCode !== undefined),
    { message: 'A keyed card tender needs the brand, the last 4 digits and the authorisation code.', path: ['authCode'] }),
  z.object({ kind: z.literal('other'), ...tenderBase, reference: freeText({ min: 1, max: 40 }) }).strict(),
]);

export const ledgerContract = {
  'station.info': op<StationInfo>()('public', emptyInput),
  'auth.signIn': op<SignInResult>()('public', z.object({ userId: z.string().trim().min(1).max(64), pin: pinSchema }).strict()),
  'auth.signOut': op<{ ok: true }>()('cashier', emptyInput),
  'auth.whoAmI': op<UserView>()('cashier', emptyInput),

  'revenueCodes.list': op<RevenueCodeView[]>()('cashier', z.object({ asOf: z.iso.date().optional() }).strict()),
  'fees.quote': op<FeeQuote>()('cashier', z.object({ revenueCode: z.string().min(1).max(16), inputs: feeInputsSchema, asOf: z.iso.date().optional() }).strict()),

  // A search is not kept: an account number that happens to look like a card's can still be found.
  'accounts.search': op<AccountView[]>()('cashier', z.object({ query: freeText({ min: 1, max: 100, cardCheck: false }), limit: z.number().int().min(1).max(100).default(20) }).strict()),
  'accounts.get': op<AccountView>()('cashier', z.object({ accountNumber }).strict()),

  'session.open': op<SessionView>()('cashier', z.object({ id: requestId, floatCounts: countsSchema }).strict()),
  'session.current': op<SessionView | null>()('cashier', emptyInput),

  'receipt.post': op<ReceiptView>()('cashier', z.object({
    id: requestId,
    lines: z.array(receiptLineInput).min(1, 'Add at least one line.').max(200),
    tenders: z.array(tenderInput).min(1, 'Add at least one tender.').max(20),
    payerName: payerName.optional(),
  }).strict()),
  'receipt.get': op<ReceiptView>()('cashier', z.object({ receiptNumber: z.string().min(1).max(40) }).strict()),
  'receipt.list': op<ReceiptView[]>()('cashier', z.object({ sessionId: z.string().optional(), limit: z.number().int().min(1).max(500).default(50) }).strict()),
  'receipt.void': op<ReceiptView>()('cashier', z.object({ id: requestId, receiptNumber: z.string().min(1).max(40), reason: reasonSchema, approval: approvalSchema }).strict()),
  'receipt.reprint': op<ReceiptView>()('cashier', z.object({ id: requestId, receiptNumber: z.string().min(1).max(40) }).strict()),

  'drawer.paidIn': op<MovementView>()('cashier', z.object({ id: requestId, amountCents: positiveCentsSchema, reason: reasonSchema }).strict()),
  'drawer.paidOut': op<MovementView>()('cashier', z.object({ id: requestId, amountCents: positiveCentsSchema, reason: reasonSchema, approval: approvalSchema }).strict()),
  'drawer.drop': op<MovementView>()('cashier', z.object({ id: requestId, amountCents: positiveCentsSchema, counts: countsSchema.optional() }).strict()),
  'drawer.noSale': op<MovementView>()('cashier', z.object({ id: requestId, reason: reasonSchema }).strict()),

  'users.list': op<UserAdminView[]>()('supervisor', emptyInput),
  'users.create': op<UserAdminView>()('admin', z.object({
    id: z.string().trim().regex(/^[a-z0-9._-]{2,32}$/, 'A user ID is 2 to 32 lower-case letters, digits, dots, dashes or underscores.').refine(noCardNumber, CARD_NUMBER_MESSAGE),
    name: freeText({ min: 2, max: 80 }), role: z.enum(ROLES), pin: pinSchema,
  }).strict()),
  'users.setPin': op<UserAdminView>()('admin', z.object({ userId: z.string().min(1).max(64), pin: pinSchema }).strict()),
  'users.setActive': op<UserAdminView>()('admin', z.object({ userId: z.string().min(1).max(64), active: z.boolean() }).strict()),
  /** A supervisor can clear a lockout at the counter. */
  'users.unlock': op<UserAdminView>()('supervisor', z.object({ userId: z.string().min(1).max(64) }).strict()),

  'settings.get': op<StationSettings>()('cashier', emptyInput),
  'settings.update': op<StationSettings>()('admin', stationSettingsPatch),
} as const;

export { countsSchema, centsSchema };
