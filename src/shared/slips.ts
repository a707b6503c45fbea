// The slip station: validation of a bill stub (the paid stamp on its face) and endorsement of a check
// (on its back), each from a template an admin writes per revenue code or department. Pure: the station
// fills the templates, the printer driver prints the lines, the UI shows them.
import { z } from 'zod';
import { revenueCodeId } from './revenueCode';
import { CARD_NUMBER_MESSAGE, noCardNumber } from './text';

/** Placeholders a template may use; anything else in braces is refused when the admin saves it. */
export const VALIDATION_FIELDS = ['city', 'date', 'time', 'receipt', 'account', 'amount', 'station', 'code', 'bill', 'cashier'] as const;
export const ENDORSEMENT_FIELDS = ['city', 'bank', 'bankAccount', 'receipt', 'amount', 'date', 'checkNumber', 'station'] as const;

// Printable text only: a template reaches the printer as text, never as commands.
const templateLine = z.string().max(80).regex(/^[\x20-\x7e\u00a0-\u00ff]*$/, 'Letters, digits and punctuation only (no control characters).')
  .refine(noCardNumber, CARD_NUMBER_MESSAGE);

function template(fields: readonly string[]) {
  return z.array(templateLine).min(1, 'Write at least one line.').max(8, 'At most 8 lines fit on a slip.').superRefine((lines, ctx) => {
    lines.forEach((l, i) => {
      for (const m of l.matchAll(/\{(\w*)\}/g)) {
        if (!fields.includes(m[1]!)) ctx.addIssue({ code: 'custom', path: [i], message: `{${m[1]}} is not a field: use ${fields.map((f) => `{${f}}`).join(' ')}.` });
      }
    });
  });
}

export const validationTemplate = template(VALIDATION_FIELDS);
export const endorsementTemplate = template(ENDORSEMENT_FIELDS);

export const slipSettingsSchema = z.object({
  /** The receipt printer has a slip station (TM-H6000 class). Off: the till never asks for a form. */
  slipStation: z.boolean(),
  validateStubs: z.boolean(),
  endorseChecks: z.boolean(),
  /** Where checks are endorsed: the slip station (check inserted face down), or a check reader's endorser. */
  endorseOn: z.enum(['slip', 'checkReader']),
  /** How long the printer waits for the form before the job stops (logged as a timeout). */
  insertTimeoutSeconds: z.number().int().min(5, 'At least 5 seconds.').max(600),
  /** Characters per slip line (font A on the slip's print width). */
  slipColumns: z.number().int().min(20).max(90),
  /** Validation templates: by revenue code, by department (the code's category), and the default. */
  validation: z.object({
    byCode: z.record(revenueCodeId, validationTemplate),
    byDepartment: z.record(z.string().regex(/^[a-z0-9_-]{1,32}$/).refine(noCardNumber, CARD_NUMBER_MESSAGE), validationTemplate),
    default: validationTemplate,
  }).strict(),
  endorsement: endorsementTemplate,
}).strict();
export type SlipSettings = z.output<typeof slipSettingsSchema>;

export const DEFAULT_SLIP_SETTINGS: SlipSettings = {
  slipStation: false, validateStubs: true, endorseChecks: true, endorseOn: 'slip', insertTimeoutSeconds: 60, slipColumns: 40,
  validation: {
    byCode: {},
    byDepartment: { utility: ['*** PAID *** {city}', '{date} {time} {receipt}', 'ACCT {account} BILL {bill}', '{code} {amount} STN {station}'] },
    default: ['*** PAID *** {city}', '{date} {time} {receipt}', 'ACCT {account} {code} {amount}', 'STATION {station} {cashier}'],
  },
  endorsement: ['FOR DEPOSIT ONLY', 'PAY TO THE ORDER OF {bank}', '{city} ACCT {bankAccount}', 'RCPT {receipt} {amount}'],
};

/** A bank account on paper: only its last four digits. */
export const maskAccount = (a: string): string => (a.length <= 4 ? a : `${'*'.repeat(Math.min(6, a.length - 4))}${a.slice(-4)}`);

/** Fills a template; every line cut to the slip's width (a long city name must not run off the form). */
export function fillTemplate(lines: readonly string[], values: Record<string, string>, columns: number): string[] {
  return lines.map((l) => l.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '').replace(/\s+/g, ' ').trim().slice(0, columns));
}

/** The template for a revenue code: its own, its department's, or the default. */
export function validationTemplateFor(s: SlipSettings, code: string, department: string): string[] {
  return s.validation.byCode[code] ?? s.validation.byDepartment[department] ?? s.validation.default;
}

/** What the station prints on a slip, as queued in the print job (a snapshot at posting time). */
export interface SlipPrint {
  kind: 'validation' | 'endorsement';
  receiptNumber: string;
  receiptId: string;
  /** The line (validation) or tender (endorsement) number on the receipt. */
  number: number;
  /** Words for the prompt: the stub's account, or the check's number. */
  accountNumber: string | null;
  checkNumber: string | null;
  amountCents: number;
  lines: string[];
  /** A second print of the same slip: marked as a copy. */
  copy: boolean;
}

export interface SlipLogEntry {
  seq: number; at: string; receiptId: string; jobId: string | null; form: 'validation' | 'endorsement'; ref: string;
  event: 'queued' | 'waiting_form' | 'inserted' | 'printed' | 'skipped' | 'timeout' | 'removed' | 'failed' | 'requested_again' | 'no_slip_station';
  userId: string | null; detail: string | null;
}
