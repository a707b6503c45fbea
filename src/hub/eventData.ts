// What the hub reads out of the events it knows (the station's record payloads). Unknown fields are
// kept in the stored event and ignored here; unknown kinds are stored and not applied.
import { z } from 'zod';
import { exceptionResolvedSchema } from '../shared/hubProtocol';

const whole = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
/** Numbers that land in an `integer` column (line numbers, counts): bounded to it, so none is out of range. */
const int4 = z.number().int().min(-2147483648).max(2147483647);
const distinct = <T>(xs: T[], key: (x: T) => unknown) => new Set(xs.map(key)).size === xs.length;
const text = z.string();
const opt = z.string().nullable().optional();

export const receiptPostedSchema = z.looseObject({
  id: text, receiptNumber: text, stationId: text, seq: whole.positive(), sessionId: text, cashierId: text,
  businessDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), createdAt: text, payerName: opt,
  totalCents: whole.positive(), tenderedCents: whole.positive(), changeCents: whole.min(0),
  /** Issue 15: cash rounded to 5¢ where set; absent when none. */
  cashRoundingCents: whole.min(-2).max(2).optional(),
  lines: z.array(z.looseObject({ lineNo: int4.positive(), revenueCode: text, accountNumber: opt, amountCents: whole.positive() })).min(1),
  tenders: z.array(z.looseObject({
    tenderNo: int4.positive(), kind: z.enum(['cash', 'check', 'money_order', 'card', 'other']), amountCents: whole.positive(),
    checkRouting: opt, checkAccount: opt, checkNumber: opt, cardBrand: opt, cardLast4: opt, cardAuth: opt, reference: opt,
  })).min(1),
}).refine((r) => distinct(r.lines, (l) => l.lineNo) && distinct(r.tenders, (t) => t.tenderNo), 'two lines or two tenders share a number')
  .refine((r) => r.lines.reduce((s, l) => s + l.amountCents, 0) === r.totalCents, 'lines do not add up to the total')
  .refine((r) => r.tenders.reduce((s, t) => s + t.amountCents, 0) - r.changeCents === r.totalCents + (r.cashRoundingCents ?? 0), 'tenders less change do not equal the total (and its cash rounding)');
export type ReceiptPosted = z.infer<typeof receiptPostedSchema>;

export const receiptVoidedSchema = z.looseObject({ voidId: text, receiptId: text, receiptNumber: text, userId: text, approvedBy: text, reason: text });

export const receiptOfflineSchema = z.looseObject({ receiptId: text, directoryAsOf: z.string().nullable() });

export const sessionOpenedSchema = z.looseObject({ sessionId: text, cashierId: text, businessDay: text, floatCents: whole.min(0) });

export const movementSchema = z.looseObject({ id: text, sessionId: text, kind: z.enum(['paid_in', 'paid_out', 'drop', 'no_sale']), amountCents: whole.min(0), businessDay: text, createdAt: text });

const countAndTotal = z.looseObject({ totalCents: whole });

/** closeout.counted (end of day): the blind count with the expected figures it was compared to. */
export const closeoutCountedSchema = z.looseObject({
  countId: text, sessionId: text, businessDay: text, overShortCents: whole,
  expected: z.looseObject({ cashSalesCents: whole, checks: countAndTotal, moneyOrders: countAndTotal, cards: countAndTotal, other: countAndTotal }),
});

export const sessionClosedSchema = z.looseObject({ closureId: text, sessionId: text, businessDay: text, countId: text });

export const sessionReopenedSchema = z.looseObject({ reopeningId: text, sessionId: text });

/** check.returned (end of day): the payments a bounced check made, reversed (negative amounts), and the fee charged. */
export const checkReturnedSchema = z.looseObject({
  returnedCheckId: text, businessDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), receiptNumber: text, amountCents: whole.positive(),
  reversals: z.array(z.looseObject({ revenueCode: text, glAccount: text, accountNumber: opt, amountCents: whole.negative() })),
  fee: z.looseObject({ revenueCode: text, glAccount: text, accountNumber: opt, amountCents: whole.min(0) }).nullable(),
  cashOnlyUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  flagged: z.looseObject({ accountNumbers: z.array(text) }),
}).refine((r) => r.reversals.reduce((s, l) => s + l.amountCents, 0) === -r.amountCents, 'the reversals do not add up to the check');

export { exceptionResolvedSchema };

/** deposit.created (end of day): what goes to the bank, from which sessions and days. */
export const depositCreatedSchema = z.looseObject({
  depositId: text, bank: z.looseObject({ name: text, routing: text, account: text }), sessionIds: z.array(text).max(100_000), businessDays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  cashCents: whole.min(0), checksCents: whole.min(0), moneyOrdersCents: whole.min(0), totalCents: whole.min(0), items: z.array(z.unknown()), createdBy: text,
}).refine((d) => d.cashCents + d.checksCents + d.moneyOrdersCents === d.totalCents, 'cash, checks and money orders do not add up to the total');

export const depositFloatChangedSchema = z.looseObject({ depositId: text, cashCents: whole.min(0), totalCents: whole.min(0), changedBy: text });

export const depositPreparedSchema = z.looseObject({ depositId: text, bagNumber: text, preparedBy: text, totalCents: whole.min(0) });

/** deposit.discarded (issue 15): a draft given up (or replaced by a draft of other sessions); its sessions are free for another deposit. */
export const depositDiscardedSchema = z.looseObject({ depositId: text, discardedBy: text, reason: text });

/** recordedDay (issue 15): the station's business day the bank's amount was entered on; absent from older stations. */
export const depositVerifiedSchema = z.looseObject({ depositId: text, totalCents: whole.min(0), bankConfirmedCents: whole.min(0), differenceCents: whole, verifiedBy: text, note: z.string().nullable(),
  recordedDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() })
  .refine((d) => d.bankConfirmedCents - d.totalCents === d.differenceCents, 'the difference is not the bank amount less the deposit total');

/** businessDay.closed (end of day): the station's figures for the day it closed. */
export const businessDayClosedSchema = z.looseObject({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), closedBy: text,
  collections: z.looseObject({ receipts: z.looseObject({ count: int4.min(0) }), totalCents: whole }),
  closeouts: z.looseObject({ totalCents: whole, overShortCents: whole }),
  returnedChecks: z.looseObject({ count: int4.min(0), totalCents: whole, feesCents: whole }),
  netCents: whole,
});

/** The figures of businessDay.closed the hub reconciles (issue 15); older stations sent no deposits. */
export const dayFiguresSchema = z.looseObject({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  collections: z.looseObject({
    receipts: z.looseObject({ count: whole.min(0) }), totalCents: whole,
    byTender: z.array(z.looseObject({ kind: text, netCents: whole })).default([]),
  }),
  closeouts: z.looseObject({ overShortCents: whole }),
  returnedChecks: z.looseObject({ count: whole.min(0), totalCents: whole }),
  deposits: z.looseObject({ count: whole.min(0), totalCents: whole }).optional(),
});
export type DayFigures = z.infer<typeof dayFiguresSchema>;

/** arrangement.created (issue 14): the arrangement as made, with its schedule. */
export { arrangementRecordSchema as arrangementCreatedSchema } from '../shared/hubProtocol';

/** arrangement.cancelled: a supervisor ended a running arrangement, with a reason. */
export const arrangementCancelledSchema = z.looseObject({
  cancellationId: text, arrangementId: text, accountNumber: text, userId: text, approvedBy: text, reason: text, businessDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const batchOpenedSchema = z.looseObject({ sessionId: text, batchNumber: text, source: z.enum(['mail', 'drop_box', 'lockbox', 'online']), businessDay: text, controlCount: whole.positive(), controlCents: whole.positive(), bankDepositCents: whole.min(0).nullable() });
export const batchItemSchema = z.looseObject({
  receiptId: text, sessionId: text, itemNo: whole.positive(), collectionPoint: z.enum(['mail', 'drop_box', 'lockbox', 'online']), dateReceived: text,
  postmarkDate: text.nullable(), tenderDetail: z.enum(['check', 'money_order', 'card_online', 'ach']), sourceRef: text.nullable(),
});
export const batchExceptionResolvedSchema = z.looseObject({ resolutionId: text, receiptNumber: text, fromAccount: text, action: z.enum(['apply_to_account', 'refund']), accountNumber: text.nullable(), note: text, resolvedBy: text });

/** check.images (issue 16): the SHA-256 of a check tender's front and back, which the station then uploads. */
const sha = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');
export const checkImagesSchema = z.looseObject({ receiptId: z.string().min(1).max(200), tenderNo: int4.positive(), front: sha, back: sha.nullable() });
