// Payment arrangements at the counter (issue 14): the policy an admin sets, a quote while the plan is
// agreed, the plan made with its down payment in one posting, payments on it, cancel, the agreement.
import { z } from 'zod';
import { ACCOUNT_STATUSES, type AccountStatus } from '../domain';
import { ARRANGEMENT_LIMITS, FREQUENCIES, type ArrangementLimit, type ArrangementStatus, type Frequency, type InstalmentRecord, type NextInstalment } from '../arrangements';
import { isCalendarDate } from '../calendar';
import { freeText } from '../text';
import { centsSchema, positiveCentsSchema } from '../money';
import type { ErrorCode } from '../errors';
import type { PdfDocument } from '../printing';
import type { ReceiptView } from '../views';
import { accountNumber, payerName, receiptLineInput, tenderInput } from './ledger';
import { approvalSchema, emptyInput, op, reasonSchema, requestId } from './op';

export interface ArrangementPolicy {
  maxInstalments: number;
  /** Least down payment: this percentage of the amount arranged (decimal string, e.g. "10")… */
  minDownPaymentPercent: string;
  /** …and never less than this (unless the amount arranged is smaller). */
  minDownPaymentFloorCents: number;
  /** Longest time from today to the last instalment. */
  maxSpanDays: number;
  /** Account statuses that may have an arrangement (closed and final accounts never may). */
  allowedStatuses: AccountStatus[];
  /** No new arrangement within this many months after a broken one. */
  brokenCoolOffMonths: number;
  /** An instalment not paid in full this many days after its due date breaks the arrangement. */
  breakDaysPastDue: number;
  /** The terms printed on the agreement, in each language. */
  termsEn: string;
  termsEs: string;
}

export interface InstalmentView extends InstalmentRecord {
  paidCents: number;
  /** paid in full; partly paid; open (not yet due); overdue (past due, within the grace days); missed (past the grace days). */
  state: 'paid' | 'partial' | 'open' | 'overdue' | 'missed';
}

export interface UserRef { id: string; name: string }

export interface ArrangementView {
  id: string;
  number: string;
  stationId: string;
  accountNumber: string;
  accountName: string | null;
  serviceAddress: string | null;
  createdAt: string;
  businessDay: string;
  createdBy: UserRef;
  totalCents: number;
  downPaymentCents: number;
  downReceiptNumber: string | null;
  frequency: Frequency;
  instalmentCount: number;
  firstDue: string;
  graceDays: number;
  lang: 'en' | 'es';
  payerName: string | null;
  terms: string;
  approvedBy: UserRef | null;
  overrideReason: string | null;
  overrides: ArrangementLimit[];
  status: ArrangementStatus;
  paidCents: number;
  remainingCents: number;
  instalments: InstalmentView[];
  next: NextInstalment | null;
  brokenOn: string | null;
  cancelled: { at: string; by: UserRef; approvedBy: UserRef | null; reason: string } | null;
  /** When this station last had the hub's figures for it (every station's payments); null before. */
  hubAsOf: string | null;
  /** Made at this station (else it came from the hub with the directory). */
  madeHere: boolean;
}

/** A limit of the policy the draft goes beyond: the error code and figures to word it, and its field. */
export interface LimitExceeded { limit: ArrangementLimit; field: string; code: ErrorCode; params: Record<string, string | number> }

export interface ArrangementQuote {
  accountNumber: string;
  /** The amount to arrange, proposed: the directory balance less what was taken since. */
  proposedTotalCents: number;
  minDownPaymentCents: number;
  instalments: InstalmentRecord[];
  lastDue: string;
  /** Empty when the draft is within the policy; otherwise a supervisor's PIN and a reason are needed. */
  exceeded: LimitExceeded[];
}

const PERCENT = 'A percentage from 0 to 100, e.g. 10 or 12.5.';
const percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, PERCENT)
  .refine((s) => { const [w = '', f = ''] = s.split('.'); return Number(w) < 100 || (Number(w) === 100 && /^0*$/.test(f)); }, PERCENT);

const terms = freeText({ min: 10, minMessage: 'Write the terms (at least 10 characters).', max: 2000 });

export const policyPatchSchema = z.object({
  maxInstalments: z.number().int().min(1, 'From 1 to 60 instalments.').max(60, 'From 1 to 60 instalments.').optional(),
  minDownPaymentPercent: percent.optional(),
  minDownPaymentFloorCents: centsSchema.optional(),
  maxSpanDays: z.number().int().min(7, 'From 7 to 1096 days.').max(1096, 'From 7 to 1096 days.').optional(),
  allowedStatuses: z.array(z.enum(ACCOUNT_STATUSES)).max(5)
    .refine((s) => !s.includes('closed') && !s.includes('final'), 'Closed and final accounts never have an arrangement.').optional(),
  brokenCoolOffMonths: z.number().int().min(0, 'From 0 to 60 months.').max(60, 'From 0 to 60 months.').optional(),
  breakDaysPastDue: z.number().int().min(0, 'From 0 to 90 days.').max(90, 'From 0 to 90 days.').optional(),
  termsEn: terms.optional(),
  termsEs: terms.optional(),
}).strict();

const DATE_WORDS = 'A date is YYYY-MM-DD, e.g. 2026-12-15.';
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, DATE_WORDS).refine(isCalendarDate, DATE_WORDS);

/** The plan as agreed at the counter. The due dates follow from the first one and the frequency. */
export const draftShape = {
  accountNumber,
  totalCents: positiveCentsSchema,
  downPaymentCents: centsSchema,
  instalmentCount: z.number({ error: 'Enter the number of instalments.' }).int('A whole number of instalments.').min(1, 'At least 1 instalment.').max(60, 'At most 60 instalments.'),
  frequency: z.enum(FREQUENCIES),
  firstDue: calendarDate,
  /** Instalment amounts keyed by hand (else equal, the last taking the remainder); they must add up. */
  amounts: z.array(positiveCentsSchema).min(1).max(60).optional(),
  lang: z.enum(['en', 'es']),
  payerName: payerName.optional(),
};

const arrangementId = z.uuid({ message: 'Choose an arrangement from the list.' });

export const createArrangementInput = z.object({
  id: requestId,
  ...draftShape,
  /** The down payment as an ordinary receipt (any tender), posted in the same transaction; none when it is $0. */
  receipt: z.object({
    id: requestId,
    lines: z.array(receiptLineInput).min(1, 'Add at least one line.').max(200),
    tenders: z.array(tenderInput).min(1, 'Add at least one tender.').max(20),
    payerName: payerName.optional(),
  }).strict().optional(),
  /** Beyond a limit of the policy: a supervisor's PIN and the reason, both recorded. */
  approval: approvalSchema.optional(),
  overrideReason: reasonSchema.optional(),
}).strict();

export const arrangementsContract = {
  'arrangement.policy': op<ArrangementPolicy>()('cashier', emptyInput),
  'arrangement.updatePolicy': op<ArrangementPolicy>()('admin', policyPatchSchema),
  /** The schedule a draft makes and the limits it goes beyond; writes nothing. */
  'arrangement.quote': op<ArrangementQuote>()('cashier', z.object(draftShape).strict()),
  'arrangement.create': op<{ arrangement: ArrangementView; receipt: ReceiptView | null }>()('cashier', createArrangementInput),
  /** Every arrangement of an account, the running ones first. */
  'arrangement.forAccount': op<ArrangementView[]>()('cashier', z.object({ accountNumber }).strict()),
  'arrangement.get': op<ArrangementView>()('cashier', z.object({ arrangementId }).strict()),
  'arrangement.cancel': op<ArrangementView>()('cashier', z.object({ id: requestId, arrangementId, reason: reasonSchema, approval: approvalSchema }).strict()),
  /** The agreement printed again: the copy says COPY. */
  'arrangement.reprint': op<ArrangementView>()('cashier', z.object({ id: requestId, arrangementId }).strict()),
  /** The agreement as a letter-size PDF, in its own language unless another is asked for. */
  'arrangement.pdf': op<PdfDocument>()('cashier', z.object({ arrangementId, lang: z.enum(['en', 'es']).optional() }).strict()),
} as const;

export { ARRANGEMENT_LIMITS };
