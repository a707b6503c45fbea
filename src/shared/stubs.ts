// Bill stub formats (an admin's settings) and the parsing of a scanned stub: pure, so the renderer
// (keyboard-wedge recognition) and the station (the authoritative check) read a stub the same way.
// Money is whole cents from digit strings (never parseFloat); dates are checked against the calendar.
import { z } from 'zod';
import { centsSchema } from './money';
import { revenueCodeId, stubCodeValue } from './revenueCode';
import { CARD_NUMBER_MESSAGE, freeText, noCardNumber } from './text';

export const STUB_FIELDS = ['account', 'amount', 'dueDate', 'billNumber', 'revenueCode'] as const;
export type StubField = (typeof STUB_FIELDS)[number];

export const STUB_SYMBOLOGIES = ['ocr', 'code128', 'itf', 'qr', 'pdf417'] as const;
export const DATE_FORMATS = ['YYYYMMDD', 'MMDDYYYY', 'MMDDYY', 'YYMMDD', 'YYYY-MM-DD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const weights = z.array(z.number().int().min(1, 'A weight is 1 to 10.').max(10, 'A weight is 1 to 10.')).min(1, 'Give at least one weight.').max(16);

/**
 * The stub's check digit over every digit of the stub but itself, in order. Weights repeat, starting
 * at the digit next to the check digit when `from` is right (as Luhn does), at the first digit when left.
 * mod10: check = (10 − Σ % 10) % 10, sumDigits adds the digits of each product (Luhn: weights 2,1).
 * mod11: check = (11 − Σ % 11) % 11; a 10 is written as `ten` ('X', or '0'), or cannot occur ('invalid').
 */
export const checkDigitSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('mod10'), weights, from: z.enum(['right', 'left']).default('right'), sumDigits: z.boolean().default(false) }).strict(),
  z.object({ method: z.literal('mod11'), weights, from: z.enum(['right', 'left']).default('right'), ten: z.enum(['X', '0', 'invalid']).default('X') }).strict(),
]);
export type CheckDigitRule = z.infer<typeof checkDigitSchema>;

const at = z.object({
  start: z.number().int().min(0, 'Positions count from 0.').max(199),
  length: z.number().int().min(1, 'A field is at least 1 character.').max(40),
}).strict();
const index = z.number().int().min(0).max(30);

const fixedLayout = z.object({
  kind: z.literal('fixed'),
  /** Every character of a scan of this format; a shorter burst of the same kind is "cut short". */
  length: z.number().int().min(8).max(200),
  fields: z.object({ account: at, amount: at, dueDate: at.optional(), billNumber: at.optional(), revenueCode: at.optional() }).strict(),
  check: z.object({ start: z.number().int().min(0).max(199) }).strict(),
}).strict();

const delimitedLayout = z.object({
  kind: z.literal('delimited'),
  /** The first field, telling this format's payloads from others (e.g. RVT1). */
  prefix: z.string().min(1).max(12).regex(/^[A-Za-z0-9]+$/, 'A prefix is letters and digits.'),
  delimiter: z.enum(['|', ';', ',', '~', '^', '\t']),
  /** How many fields a payload has, the prefix and the check digit included. */
  count: z.number().int().min(3).max(30),
  fields: z.object({ account: index, amount: index, dueDate: index.optional(), billNumber: index.optional(), revenueCode: index.optional() }).strict(),
  check: index,
}).strict();

export const stubFormatSchema = z.object({
  id: z.string().trim().regex(/^[a-z0-9-]{2,32}$/, 'A format ID is 2 to 32 lower-case letters, digits or dashes.').refine(noCardNumber, CARD_NUMBER_MESSAGE),
  name: freeText({ min: 2, max: 80 }),
  symbology: z.enum(STUB_SYMBOLOGIES),
  layout: z.discriminatedUnion('kind', [fixedLayout, delimitedLayout]),
  checkDigit: checkDigitSchema,
  /** implied: the last two digits are cents (000012345 = $123.45); point: dollars.cents (123.45). */
  amount: z.enum(['implied', 'point']).default('implied'),
  dateFormat: z.enum(DATE_FORMATS).default('YYYYMMDD'),
  /** The revenue code a stub of this format pays, unless its own revenue-code field says otherwise. */
  revenueCode: revenueCodeId,
  /** What the stub's revenue-code field holds → the station's revenue code ({"01": "WATER"}); empty: the field is the code. */
  revenueCodes: z.record(stubCodeValue, revenueCodeId).default({}),
  /** How the account prints in the directory: # takes the stub's next character (######-## → 100042-17). */
  accountPattern: z.string().max(40).regex(/^[#A-Za-z0-9 -]*$/, 'Use # for each character of the account, dashes and spaces between.').refine(noCardNumber, CARD_NUMBER_MESSAGE).default(''),
  /** A stub asking more than this is not believed (a misread): the field is refused. */
  maxAmountCents: centsSchema.min(100, 'A stub format allows at least $1.00.').default(100_000_00),
}).strict().superRefine((f, ctx) => {
  if (f.layout.kind === 'fixed') {
    const l = f.layout;
    const spans: [string, { start: number; length: number }][] = [...Object.entries(l.fields).filter((e): e is [string, { start: number; length: number }] => e[1] !== undefined), ['check', { start: l.check.start, length: 1 }]];
    for (const [name, s] of spans) {
      if (s.start + s.length > l.length) ctx.addIssue({ code: 'custom', path: ['layout', 'fields', name], message: `The ${name} field runs past the end of the stub (${l.length} characters).` });
    }
    for (let i = 0; i < spans.length; i++) for (let j = i + 1; j < spans.length; j++) {
      const [a, sa] = spans[i]!, [b, sb] = spans[j]!;
      if (sa.start < sb.start + sb.length && sb.start < sa.start + sa.length) ctx.addIssue({ code: 'custom', path: ['layout', 'fields', b], message: `The ${a} and ${b} fields overlap.` });
    }
  } else {
    const l = f.layout;
    const used = [...Object.entries(l.fields).filter((e) => e[1] !== undefined), ['check', l.check] as const];
    const seen = new Map<number, string>();
    for (const [name, i] of used) {
      const n = i as number;
      if (n === 0) ctx.addIssue({ code: 'custom', path: ['layout', 'fields', name], message: 'Field 0 is the prefix.' });
      if (n >= l.count) ctx.addIssue({ code: 'custom', path: ['layout', 'fields', name], message: `There are only ${l.count} fields.` });
      if (seen.has(n)) ctx.addIssue({ code: 'custom', path: ['layout', 'fields', name], message: `The ${seen.get(n)!} and ${name} fields are the same field.` });
      seen.set(n, name);
    }
  }
  const hashes = (f.accountPattern.match(/#/g) ?? []).length;
  if (f.layout.kind === 'fixed' && hashes > 0 && hashes !== f.layout.fields.account.length) {
    ctx.addIssue({ code: 'custom', path: ['accountPattern'], message: `The pattern has ${hashes} #, the account field ${f.layout.fields.account.length} characters.` });
  }
  if (f.layout.kind === 'fixed' && f.amount === 'point') ctx.addIssue({ code: 'custom', path: ['amount'], message: 'A fixed-position amount has implied cents.' });
});
export type StubFormat = z.output<typeof stubFormatSchema>;
export type StubFormatInput = z.input<typeof stubFormatSchema>;

/** What a scan read: the station's words for it. */
export interface Stub {
  formatId: string;
  accountNumber: string;
  amountCents: number;
  /** YYYY-MM-DD, or null when the format has no due date. */
  dueDate: string | null;
  billNumber: string | null;
  revenueCode: string;
  /** The scan as it came (for the record, and to tell the same stub twice). */
  raw: string;
}

/**
 * noFormat: matches none of the formats (noise, another kind of code); cutShort: the start of a stub
 * whose end is missing; checkDigit: the check digit does not add up (a misread or a changed digit);
 * field: a field that reads but makes no sense (its name in `field`).
 */
export type StubFault = 'noFormat' | 'cutShort' | 'checkDigit' | 'field';
export type StubParse =
  | { ok: true; stub: Stub }
  | { ok: false; fault: StubFault; formatId?: string; field?: StubField; detail: string };

const digitsOf = (s: string): number[] => [...s].filter((c) => c >= '0' && c <= '9').map(Number);

/** The check character over `covered` (every digit of the stub but the check digit, in order); null if it cannot be written. */
export function checkCharacter(rule: CheckDigitRule, covered: string): string | null {
  const ds = digitsOf(covered);
  const order = rule.from === 'right' ? [...ds].reverse() : ds;
  let sum = 0;
  order.forEach((d, i) => {
    let p = d * rule.weights[i % rule.weights.length]!;
    if (rule.method === 'mod10' && rule.sumDigits) p = Math.floor(p / 10) + (p % 10);
    sum += p;
  });
  if (rule.method === 'mod10') return String((10 - (sum % 10)) % 10);
  const c = (11 - (sum % 11)) % 11;
  if (c < 10) return String(c);
  return rule.ten === 'invalid' ? null : rule.ten;
}

interface Pieces { values: Partial<Record<StubField, string>>; check: string; covered: string }

/** The stub cut into its fields when its shape is this format's; 'cutShort' / null when it is not. */
function piecesOf(f: StubFormat, text: string): Pieces | 'cutShort' | null {
  const l = f.layout;
  if (l.kind === 'fixed') {
    if (!/^[0-9A-Za-z]+$/.test(text)) return null;
    if (text.length < l.length) return /^\d+$/.test(text) && text.length >= Math.min(8, l.length - 1) ? 'cutShort' : null;
    if (text.length !== l.length) return null;
    const values: Partial<Record<StubField, string>> = {};
    for (const [k, s] of Object.entries(l.fields)) if (s) values[k as StubField] = text.slice(s.start, s.start + s.length);
    return { values, check: text[l.check.start]!, covered: text.slice(0, l.check.start) + text.slice(l.check.start + 1) };
  }
  const parts = text.split(l.delimiter);
  if (parts[0] !== l.prefix) return null;
  if (parts.length < l.count) return 'cutShort';
  if (parts.length !== l.count) return null;
  const values: Partial<Record<StubField, string>> = {};
  for (const [k, i] of Object.entries(l.fields)) if (i !== undefined) values[k as StubField] = parts[i]!.trim();
  return { values, check: parts[l.check]!.trim(), covered: parts.filter((_, i) => i !== 0 && i !== l.check).join('') };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD from the stub's date field, or null when it is not a date on the calendar. */
export function readDate(format: DateFormat, s: string): string | null {
  const shapes: Record<DateFormat, RegExp> = {
    YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/, MMDDYYYY: /^(?<m>\d{2})(?<d>\d{2})(?<y>\d{4})$/,
    MMDDYY: /^(?<m>\d{2})(?<d>\d{2})(?<y>\d{2})$/, YYMMDD: /^(?<y>\d{2})(?<m>\d{2})(?<d>\d{2})$/, 'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/,
  };
  const g = shapes[format].exec(s)?.groups;
  if (!g) return null;
  const y = g.y!.length === 2 ? 2000 + Number(g.y) : Number(g.y), m = Number(g.m), d = Number(g.d);
  if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : DAYS[m - 1]!)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The date written as the format writes it. */
export function writeDate(format: DateFormat, iso: string): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  switch (format) {
    case 'YYYYMMDD': return `${y}${m}${d}`;
    case 'MMDDYYYY': return `${m}${d}${y}`;
    case 'MMDDYY': return `${m}${d}${y.slice(2)}`;
    case 'YYMMDD': return `${y.slice(2)}${m}${d}`;
    case 'YYYY-MM-DD': return iso;
  }
}

/** Whole cents from the stub's amount text; null when it is not an amount. */
export function readAmount(kind: 'implied' | 'point', s: string): number | null {
  if (kind === 'implied') return /^\d{1,12}$/.test(s) ? Number(s) : null;
  const m = /^(\d{1,10})\.(\d{2})$/.exec(s);
  return m ? Number(m[1]) * 100 + Number(m[2]) : null;
}

export function applyPattern(pattern: string, raw: string): string {
  if (!pattern.includes('#')) return raw;
  let i = 0;
  return [...pattern].map((c) => (c === '#' ? raw[i++] ?? '' : c)).join('');
}

const fail = (fault: StubFault, detail: string, formatId?: string, field?: StubField): StubParse =>
  ({ ok: false, fault, detail, ...(formatId ? { formatId } : {}), ...(field ? { field } : {}) });

function readFields(f: StubFormat, p: Pieces, raw: string): StubParse {
  const v = p.values;
  const refuse = (field: StubField, detail: string) => fail('field', detail, f.id, field);
  const acct = (v.account ?? '').trim();
  if (!/^[A-Za-z0-9-]{1,32}$/.test(acct) || /^[0-]+$/.test(acct)) return refuse('account', `The account "${acct}" is not an account number.`);
  const amountCents = readAmount(f.amount, v.amount ?? '');
  if (amountCents === null) return refuse('amount', `The amount "${v.amount ?? ''}" is not an amount.`);
  if (amountCents === 0) return refuse('amount', 'The stub asks for nothing ($0.00).');
  if (amountCents > f.maxAmountCents) return refuse('amount', `The stub asks for more than this format allows: a misread.`);
  let dueDate: string | null = null;
  if (v.dueDate !== undefined) {
    dueDate = readDate(f.dateFormat, v.dueDate);
    if (!dueDate) return refuse('dueDate', `The due date "${v.dueDate}" is not a date (${f.dateFormat}).`);
  }
  let revenueCode = f.revenueCode;
  if (v.revenueCode !== undefined) {
    const key = v.revenueCode.trim();
    const mapped = Object.keys(f.revenueCodes).length ? f.revenueCodes[key] : key;
    if (!mapped || !/^[A-Z0-9]{1,16}$/.test(mapped)) return refuse('revenueCode', `The stub's revenue code "${key}" is not one this format knows.`);
    revenueCode = mapped;
  }
  const bill = v.billNumber?.trim() ?? '';
  if (v.billNumber !== undefined && (!/^[A-Za-z0-9-]{1,40}$/.test(bill) || /^0+$/.test(bill))) return refuse('billNumber', `The bill number "${bill}" is not a bill number.`);
  return {
    ok: true,
    stub: { formatId: f.id, accountNumber: applyPattern(f.accountPattern, acct), amountCents, dueDate, billNumber: bill || null, revenueCode, raw },
  };
}

/** Reads a scan against the city's formats: the first whose shape it has decides. */
export function parseStub(text: string, formats: readonly StubFormat[]): StubParse {
  const raw = text.replace(/[\r\n]+$/, '');
  let cut: StubFormat | undefined;
  for (const f of formats) {
    const p = piecesOf(f, raw);
    if (p === null) continue;
    if (p === 'cutShort') { cut ??= f; continue; }
    const want = checkCharacter(f.checkDigit, p.covered);
    if (want === null || p.check.toUpperCase() !== want) return fail('checkDigit', 'The check digit does not match: scan the stub again, or key it.', f.id);
    return readFields(f, p, raw);
  }
  if (cut) return fail('cutShort', 'Only part of the stub was read: scan it again.', cut.id);
  return fail('noFormat', 'This is not a bill stub of a format set up here.');
}

/** A stub's fields written in a format (the test stubs, the scanner emulator, the demo bills). */
export interface StubValues { accountNumber: string; amountCents: number; dueDate?: string; billNumber?: string; revenueCodeValue?: string }

export function encodeStub(f: StubFormat, s: StubValues): string {
  const l = f.layout;
  const acct = f.accountPattern.includes('#') ? s.accountNumber.replace(/[^A-Za-z0-9]/g, '') : s.accountNumber;
  const amount = f.amount === 'implied' ? String(s.amountCents) : `${Math.floor(s.amountCents / 100)}.${String(s.amountCents % 100).padStart(2, '0')}`;
  const values: Partial<Record<StubField, string>> = {
    account: acct, amount,
    ...(s.dueDate ? { dueDate: writeDate(f.dateFormat, s.dueDate) } : {}),
    ...(s.billNumber ? { billNumber: s.billNumber } : {}),
    ...(s.revenueCodeValue ? { revenueCode: s.revenueCodeValue } : {}),
  };
  if (l.kind === 'fixed') {
    const chars = Array<string>(l.length).fill('0');
    for (const [k, span] of Object.entries(l.fields)) {
      if (!span) continue;
      const val = values[k as StubField] ?? '';
      if (val.length > span.length) throw new RangeError(`${k} "${val}" does not fit in ${span.length} characters`);
      [...val.padStart(span.length, '0')].forEach((c, i) => { chars[span.start + i] = c; });
    }
    const covered = chars.filter((_, i) => i !== l.check.start).join('');
    const c = checkCharacter(f.checkDigit, covered);
    if (c === null) throw new RangeError('no check digit can be written for these values');
    chars[l.check.start] = c;
    return chars.join('');
  }
  const parts = Array<string>(l.count).fill('');
  parts[0] = l.prefix;
  for (const [k, i] of Object.entries(l.fields)) if (i !== undefined) parts[i] = values[k as StubField] ?? '';
  const c = checkCharacter(f.checkDigit, parts.filter((_, i) => i !== 0 && i !== l.check).join(''));
  if (c === null) throw new RangeError('no check digit can be written for these values');
  parts[l.check] = c;
  return parts.join(l.delimiter);
}

/**
 * The two formats a new station starts with (README "Bill stubs"):
 * - riverton-ocr: the utility bill's OCR-A scanline, also printed as an Interleaved 2 of 5 barcode, 36 digits:
 *   service (2: 01 water, 02 sewer, 03 garbage) · account (8) · bill number (10) · due date MMDDYY (6) ·
 *   amount due in cents (9) · check digit, mod 10 with weights 2,1 from the right, digits of products added (Luhn).
 * - riverton-2d: the QR / PDF417 code on the same bill: RVT1|account|bill|revenue code|YYYYMMDD|amount|check,
 *   the amount in dollars and cents, the check digit mod 11 with weights 2–7 from the right (10 written X).
 */
export const BUILT_IN_STUB_FORMATS: StubFormat[] = [
  stubFormatSchema.parse({
    id: 'riverton-ocr', name: 'Utility bill OCR scanline / I2of5 barcode', symbology: 'ocr',
    layout: {
      kind: 'fixed', length: 36,
      fields: { revenueCode: { start: 0, length: 2 }, account: { start: 2, length: 8 }, billNumber: { start: 10, length: 10 }, dueDate: { start: 20, length: 6 }, amount: { start: 26, length: 9 } },
      check: { start: 35 },
    },
    checkDigit: { method: 'mod10', weights: [2, 1], from: 'right', sumDigits: true },
    amount: 'implied', dateFormat: 'MMDDYY', revenueCode: 'WATER', revenueCodes: { '01': 'WATER', '02': 'SEWER', '03': 'GARB' },
    accountPattern: '######-##', maxAmountCents: 100_000_00,
  }),
  stubFormatSchema.parse({
    id: 'riverton-2d', name: 'Utility bill QR / PDF417 payload', symbology: 'qr',
    layout: { kind: 'delimited', prefix: 'RVT1', delimiter: '|', count: 7, fields: { account: 1, billNumber: 2, revenueCode: 3, dueDate: 4, amount: 5 }, check: 6 },
    checkDigit: { method: 'mod11', weights: [2, 3, 4, 5, 6, 7], from: 'right', ten: 'X' },
    amount: 'point', dateFormat: 'YYYYMMDD', revenueCode: 'WATER', revenueCodes: {}, accountPattern: '', maxAmountCents: 100_000_00,
  }),
];

/** Our own receipts carry their receipt number as the QR code (or barcode): ST01-000042. */
export const RECEIPT_NUMBER = /^[A-Z0-9]{2,8}-\d{6}$/;
export const isReceiptNumber = (text: string): boolean => RECEIPT_NUMBER.test(text.trim());

/** The same stub: one format, one account, one bill (or the same scan when there is no bill number). */
export const stubKey = (s: Pick<Stub, 'formatId' | 'accountNumber' | 'billNumber' | 'raw'>): string =>
  `${s.formatId}|${s.accountNumber}|${s.billNumber ?? s.raw}`;

/** Scanner settings (keyboard-wedge) and the stub formats of the city. */
export const wedgeSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  suffix: z.enum(['Enter', 'Tab']).default('Enter'),
  /** Longest pause between two characters of one scan; a person's typing is slower than this. */
  maxGapMs: z.number().int().min(5, 'At least 5 ms.').max(100, 'At most 100 ms: slower is typing.').default(30),
  /** A scan is at least this many characters. */
  minLength: z.number().int().min(6).max(60).default(8),
}).strict();
export type WedgeSettings = z.output<typeof wedgeSettingsSchema>;
/** Off until an admin sets a keyboard scanner up in Devices: a counter without one takes no key for a scan. */
export const DEFAULT_WEDGE: WedgeSettings = { enabled: false, suffix: 'Enter', maxGapMs: 30, minLength: 8 };
