// Batches (issue 13): payments without a customer at the counter. Mail and drop-box batches are keyed
// against the adding-machine tape; lockbox and online files are imported whole. Views live here too.
import { z } from 'zod';
import { fileLayoutSchema, FILE_SOURCES, type FileError, type FileLayout } from '../batchFiles';
import { positiveCentsSchema } from '../money';
import { freeText } from '../text';
import type { PdfDocument, PrintJobView } from '../printing';
import { accountNumber, payerName, receiptLineInput, tenderInput } from './ledger';
import { approvalSchema, op, reasonSchema, requestId } from './op';

export const COLLECTION_POINTS = ['counter', 'mail', 'drop_box', 'lockbox', 'online'] as const;
export type CollectionPoint = (typeof COLLECTION_POINTS)[number];
export type BatchSource = Exclude<CollectionPoint, 'counter'>;

const date = z.iso.date({ message: 'A date: YYYY-MM-DD.' });
const batchId = z.string().min(1).max(64);

export interface Person { id: string; name: string }

export interface BatchItemView {
  itemNo: number; receiptNumber: string; receiptId: string; accountNumbers: string[]; payerName: string | null; amountCents: number;
  tender: 'check' | 'money_order' | 'card_online' | 'ach'; checkNumber: string | null; reference: string | null;
  dateReceived: string; postmarkDate: string | null; sourceRef: string | null; fileLine: number | null; enteredBy: Person; voided: boolean;
}

export interface BatchView {
  id: string; batchNumber: string; source: BatchSource; state: 'open' | 'closed'; businessDay: string; openedBy: Person; openedAt: string;
  control: { count: number; cents: number };
  entered: { count: number; cents: number };
  difference: { count: number; cents: number };
  balanced: boolean;
  /** Lockbox and online: what the bank says it deposited for the file, and its difference from the items. */
  bankDepositCents: number | null; bankDifferenceCents: number | null;
  fileName: string | null;
  items: BatchItemView[];
  closure: { at: string; by: Person; approvedBy: Person | null; reason: string | null; differenceCount: number; differenceCents: number } | null;
  /** Mail and drop box go to a counter deposit; lockbox and online are already in the bank. */
  depositable: boolean;
  depositId: string | null;
  openExceptions: number;
}

export interface BatchListItem { id: string; batchNumber: string; source: BatchSource; state: 'open' | 'closed'; businessDay: string; control: { count: number; cents: number }; entered: { count: number; cents: number }; balanced: boolean }

export interface ImportResult {
  /** 'imported': a new batch; 'already': this very file was imported before, nothing was added. */
  outcome: 'imported' | 'already';
  batch: BatchView;
  exceptions: number;
}

export interface BatchExceptionView {
  id: string; receiptNumber: string; batchNumber: string; lineNo: number; accountNumber: string; kind: 'unknown_account' | 'closed_account';
  amountCents: number; raisedAt: string; resolution: { action: 'apply_to_account' | 'refund'; accountNumber: string | null; note: string; by: Person; at: string } | null;
}

/** The file layouts per source. (The GL clearing accounts of lockbox and online payments are hub settings: the hub books the journal.) */
export interface BatchSettingsView { layouts: FileLayout[] }

export interface BatchReportView { batch: BatchView; stationId: string; cityName: string; printedAt: string; approvedBy: Person | null }

/** The file import refused whole: each line with its reason. */
export type { FileError };

export const batchesContract = {
  'batch.open': op<BatchView>()('cashier', z.object({
    id: requestId,
    source: z.enum(['mail', 'drop_box']),
    // The adding-machine tape: more than 5,000 items or $10 million in one batch is a keying error.
    controlCount: z.number({ error: 'Enter the count from the tape.' }).int('The count is a whole number of items.').min(1, 'The tape counts at least one item.').max(5000, 'More than 5,000 items in one batch: check the count, or split the batch.'),
    controlCents: positiveCentsSchema,
    note: freeText({ max: 200 }).optional(),
  }).strict()),
  'batch.addItem': op<BatchItemView>()('cashier', z.object({
    id: requestId,
    batchId,
    lines: z.array(receiptLineInput).min(1, 'Add at least one line.').max(20),
    tender: tenderInput,
    dateReceived: date,
    postmarkDate: date.optional(),
    payerName: payerName.optional(),
    printReceipt: z.boolean().default(false),
  }).strict()),
  'batch.get': op<BatchView>()('cashier', z.object({ batchId }).strict()),
  'batch.list': op<BatchListItem[]>()('cashier', z.object({ state: z.enum(['open', 'closed']).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict()),
  'batch.close': op<BatchView>()('cashier', z.object({ id: requestId, batchId, reason: reasonSchema.optional(), approval: approvalSchema.optional() }).strict()),
  'batch.import': op<ImportResult>()('cashier', z.object({
    id: requestId,
    source: z.enum(FILE_SOURCES),
    layoutId: z.string().min(1).max(32).optional(),
    fileName: freeText({ min: 1, max: 200 }),
    /** The file's bytes, base64: the station decides the encoding, never the browser. */
    contentBase64: z.string().min(1, 'The file is empty.').max(40_000_000, 'The file is too large for one import: split it.').regex(/^[A-Za-z0-9+/=\s]*$/, 'The file did not arrive whole: choose it again.'),
    bankDepositCents: positiveCentsSchema,
  }).strict()),
  'batch.exceptions': op<BatchExceptionView[]>()('cashier', z.object({ open: z.boolean().default(true) }).strict()),
  'batch.resolveException': op<BatchExceptionView>()('supervisor', z.object({
    id: requestId,
    exceptionId: z.string().min(1).max(64),
    action: z.enum(['apply_to_account', 'refund']),
    accountNumber: accountNumber.optional(),
    note: reasonSchema,
  }).strict()),
  'batch.report': op<BatchReportView>()('cashier', z.object({ batchId }).strict()),
  /** The batch report to the receipt printer (queued like any print job), or as a letter-size PDF. */
  'batch.print': op<PrintJobView>()('cashier', z.object({ batchId }).strict()),
  'batch.pdf': op<PdfDocument>()('cashier', z.object({ batchId, lang: z.enum(['en', 'es']).optional() }).strict()),
  'batch.settings': op<BatchSettingsView>()('cashier', z.object({}).strict()),
  'batch.updateSettings': op<BatchSettingsView>()('admin', z.object({
    layouts: z.array(fileLayoutSchema).min(1).max(20).refine((ls) => new Set(ls.map((l) => l.id)).size === ls.length, 'Two layouts have the same ID.').optional(),
  }).strict()),
} as const;
