// End-of-day operations (issue: end of day): close-out, X/Z reports, deposits, returned checks,
// business days, daily summary and exports. Results are the shapes of ../endOfDayViews.
import { z } from 'zod';
import { centsSchema, positiveCentsSchema, signedCentsSchema } from '../money';
import { CARD_BRANDS } from '../domain';
import {
  RETURN_REASONS,
  type BusinessDayView, type CheckTenderView, type CloseoutChecklist, type CloseoutView, type CsvExport, type DailySummary,
  type DepositView, type ReturnedCheckView, type SessionListItem, type XReport, type ZReport,
} from '../endOfDayViews';
import { countsSchema } from './ledger';
import { freeText } from '../text';
import { approvalSchema, op, reasonSchema, requestId } from './op';

const sessionId = z.string().min(1).max(64);
const depositId = z.string().min(1).max(64);
const day = z.iso.date({ message: 'A business day is a date: YYYY-MM-DD.' });
const receiptNumber = z.string().min(1).max(40);

/** Each check / money order / other item of the session, confirmed one by one: in the drawer or missing. */
const itemConfirmation = z.object({
  receiptNumber,
  tenderNo: z.number().int().min(1).max(20),
  present: z.boolean(),
}).strict();

/** An item found in the drawer that no receipt of the session records. */
const extraItem = z.object({
  kind: z.enum(['check', 'money_order', 'other']),
  amountCents: positiveCentsSchema,
  routing: z.string().regex(/^\d{9}$/, 'A routing number is 9 digits.').optional(),
  account: z.string().regex(/^\d{4,17}$/, 'A bank account number is 4 to 17 digits.').optional(),
  checkNumber: z.string().regex(/^\d{1,15}$/, 'A check number is 1 to 15 digits.').optional(),
  reference: freeText({ max: 40 }).optional(),
  note: freeText({ max: 200 }).optional(),
}).strict();

export const countInput = z.object({
  id: requestId,
  /** Defaults to the live session of this station. */
  sessionId: sessionId.optional(),
  /** Notes and coins in the drawer, by denomination (rolled coin by roll). */
  cash: countsSchema,
  /** Every check, money order and other item of the session (closeout.checklist), each once. */
  items: z.array(itemConfirmation).max(2000).default([]),
  extras: z.array(extraItem).max(200).default([]),
  /** Card totals by brand from the terminal's settlement report; brands not given count as zero. */
  cards: z.array(z.object({ brand: z.enum(CARD_BRANDS), amountCents: centsSchema, count: z.number().int().min(0).max(100_000).optional() }).strict()).max(CARD_BRANDS.length).default([]),
  /** Counts of the drops (safe bags) recorded without denomination counts, by movement id. */
  drops: z.record(z.string().min(1).max(64), countsSchema).default({}),
}).strict();

const findCheckInput = z.object({
  checkNumber: z.string().regex(/^\d{1,15}$/, 'A check number is 1 to 15 digits.').optional(),
  routing: z.string().regex(/^\d{9}$/, 'A routing number is 9 digits.').optional(),
  account: z.string().regex(/^\d{4,17}$/, 'A bank account number is 4 to 17 digits.').optional(),
  amountCents: positiveCentsSchema.optional(),
  from: day.optional(),
  to: day.optional(),
  limit: z.number().int().min(1).max(200).default(50),
}).strict().refine((i) => i.checkNumber || i.routing || i.account || i.amountCents || i.from || i.to, { message: 'Give at least one thing to search by.' });

export const endOfDayContract = {
  // Close-out. Blind: nothing here shows a cashier the expected figures before the count is stored.
  'closeout.start': op<CloseoutChecklist>()('cashier', z.object({ sessionId: sessionId.optional() }).strict()),
  'closeout.checklist': op<CloseoutChecklist>()('cashier', z.object({ sessionId: sessionId.optional() }).strict()),
  'closeout.count': op<CloseoutView>()('cashier', countInput),
  /** Closes a counted session whose over/short is beyond the tolerance: a supervisor's PIN and a reason. */
  'closeout.approve': op<CloseoutView>()('cashier', z.object({ id: requestId, sessionId, reason: reasonSchema, approval: approvalSchema }).strict()),
  'closeout.reopen': op<CloseoutView>()('supervisor', z.object({ id: requestId, sessionId, reason: reasonSchema }).strict()),
  'closeout.get': op<CloseoutView>()('cashier', z.object({ sessionId }).strict()),
  'closeout.list': op<SessionListItem[]>()('cashier', z.object({
    businessDay: day.optional(),
    state: z.enum(['open', 'counted', 'closed']).optional(),
    undeposited: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  }).strict()),

  'report.x': op<XReport>()('supervisor', z.object({ sessionId: sessionId.optional() }).strict()),
  'report.z': op<ZReport>()('cashier', z.object({ sessionId }).strict()),
  'report.dailySummary': op<DailySummary>()('supervisor', z.object({ businessDay: day }).strict()),

  // Deposit: draft → prepared (bag/seal number) → verified (bank's confirmed amount).
  'deposit.propose': op<DepositView>()('supervisor', z.object({ sessionIds: z.array(sessionId).min(1, 'Choose at least one closed session.').max(200), floatKept: countsSchema.optional() }).strict()),
  /**
   * A float kept back that is not the configured float (none made it exactly, or a person chose
   * another) needs the supervisor's acceptance: the difference they accept (kept − float), as shown.
   */
  'deposit.create': op<DepositView>()('supervisor', z.object({ id: requestId, sessionIds: z.array(sessionId).min(1, 'Choose at least one closed session.').max(200), floatKept: countsSchema.optional(), acceptFloatDifferenceCents: signedCentsSchema.optional() }).strict()),
  'deposit.setFloat': op<DepositView>()('supervisor', z.object({ depositId, floatKept: countsSchema, acceptFloatDifferenceCents: signedCentsSchema.optional() }).strict()),
  'deposit.prepare': op<DepositView>()('supervisor', z.object({ depositId, bagNumber: freeText({ min: 1, minMessage: 'Enter the bag/seal number.', max: 40 }) }).strict()),
  'deposit.verify': op<DepositView>()('supervisor', z.object({
    depositId,
    bankConfirmedCents: centsSchema,
    note: freeText({ max: 500 }).optional(),
  }).strict()),
  /** A draft given up before it is prepared (issue 15): logged with the reason; nothing is deleted, its sessions are free again. */
  'deposit.discard': op<DepositView>()('supervisor', z.object({ depositId, reason: reasonSchema }).strict()),
  /**
   * A draft's sessions added or removed before it is prepared: the draft is discarded (replaced by) and a new
   * draft of the sessions given is made in the same transaction, under the new request id.
   */
  'deposit.changeSessions': op<DepositView>()('supervisor', z.object({
    id: requestId, depositId, sessionIds: z.array(sessionId).min(1, 'Choose at least one closed session.').max(200), reason: reasonSchema,
    floatKept: countsSchema.optional(), acceptFloatDifferenceCents: signedCentsSchema.optional(),
  }).strict()),
  'deposit.get': op<DepositView>()('supervisor', z.object({ depositId }).strict()),
  'deposit.list': op<DepositView[]>()('supervisor', z.object({ state: z.enum(['draft', 'prepared', 'verified', 'discarded']).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict()),

  // Returned checks.
  'returnedCheck.find': op<CheckTenderView[]>()('supervisor', findCheckInput),
  'returnedCheck.record': op<ReturnedCheckView>()('supervisor', z.object({
    id: requestId,
    receiptNumber,
    tenderNo: z.number().int().min(1).max(20),
    reason: z.enum(RETURN_REASONS),
    note: freeText({ max: 500 }).optional(),
    returnedOn: day.optional(),
  }).strict()),
  'returnedCheck.list': op<ReturnedCheckView[]>()('supervisor', z.object({ from: day.optional(), to: day.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict()),

  // Business day.
  'businessDay.status': op<BusinessDayView>()('cashier', z.object({ businessDay: day.optional() }).strict()),
  'businessDay.close': op<BusinessDayView>()('supervisor', z.object({ businessDay: day }).strict()),

  // CSV exports.
  'export.dailySummary': op<CsvExport>()('supervisor', z.object({ businessDay: day }).strict()),
  'export.receiptsJournal': op<CsvExport>()('supervisor', z.object({ businessDay: day }).strict()),
} as const;
