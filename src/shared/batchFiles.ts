// Lockbox and online-payment files (issue 13): the layout of each source is a setting (columns for CSV,
// positions for fixed-width), read with the same rules everywhere: all or nothing, errors by line.
// Two layouts ship, documented here:
//
// lockbox-fixed-v1 — the bank's lockbox file, fixed width, one record per line, positions 1-based:
//   record '6' (one item):  2–11 item reference · 12–19 date received YYYYMMDD · 20–28 routing ·
//                           29–45 bank account · 46–55 check number · 56–67 city account · 68–77 amount in cents
//   record '9' (trailer):   2–7 item count · 8–19 total in cents — the bank's deposit for the file
//   any other record type ('1' header, '5' batch header) is skipped.
// portal-csv-v1 — the payment portal's CSV, header row, any column order:
//   confirmation, account, amount (dollars e.g. 123.45), paid_on (YYYY-MM-DD), method (CARD | ACH),
//   processor_ref, payer (optional)
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isCalendarDate } from './calendar';
import { isValidRouting } from './domain';
import { MAX_CENTS, parseMoney } from './money';
import { freeText, hasCardNumber, hasControlChars } from './text';

export const FILE_SOURCES = ['lockbox', 'online'] as const;
export type FileSource = (typeof FILE_SOURCES)[number];

const span = z.object({ start: z.number().int().min(1).max(1000), length: z.number().int().min(1).max(100) }).strict();
// Names, IDs and codes start with a letter: a card number never passes for one.
const column = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9 _.-]{0,39}$/, 'A column name starts with a letter: letters, digits, spaces, dots, dashes or underscores.');
const layoutId = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'A layout ID is 2 to 32 lower-case letters, digits or dashes, starting with a letter.');
const layoutName = freeText({ min: 2, max: 60 });
const revenueCode = z.string().trim().regex(/^[A-Z][A-Z0-9]{0,15}$/, 'A revenue code is capital letters and digits, starting with a letter.');
const recordType = z.string().regex(/^[A-Za-z0-9]{1,4}$/, 'A record type is 1 to 4 letters or digits.');

export const fixedLayoutSchema = z.object({
  id: layoutId, name: layoutName, source: z.enum(FILE_SOURCES), kind: z.literal('fixed'),
  encoding: z.enum(['utf-8', 'latin1']).default('utf-8'),
  revenueCode,
  recordType: span, detailType: recordType, trailerType: recordType,
  fields: z.object({ sourceRef: span, dateReceived: span, routing: span, bankAccount: span, checkNumber: span, accountNumber: span, amountCents: span }).strict(),
  trailer: z.object({ count: span, totalCents: span }).strict(),
}).strict();

export const csvLayoutSchema = z.object({
  id: layoutId, name: layoutName, source: z.enum(FILE_SOURCES), kind: z.literal('csv'),
  encoding: z.enum(['utf-8', 'latin1']).default('utf-8'),
  revenueCode,
  delimiter: z.enum([',', ';', '\t', '|']).default(','),
  columns: z.object({ sourceRef: column, accountNumber: column, amount: column, dateReceived: column, method: column, processorRef: column, payerName: column.optional() }).strict(),
}).strict();

export const fileLayoutSchema = z.discriminatedUnion('kind', [fixedLayoutSchema, csvLayoutSchema]);
export type FileLayout = z.output<typeof fileLayoutSchema>;

export const BUILT_IN_LAYOUTS: FileLayout[] = [
  {
    id: 'lockbox-fixed-v1', name: 'Bank lockbox (fixed width)', source: 'lockbox', kind: 'fixed', encoding: 'utf-8', revenueCode: 'WATER',
    recordType: { start: 1, length: 1 }, detailType: '6', trailerType: '9',
    fields: {
      sourceRef: { start: 2, length: 10 }, dateReceived: { start: 12, length: 8 }, routing: { start: 20, length: 9 }, bankAccount: { start: 29, length: 17 },
      checkNumber: { start: 46, length: 10 }, accountNumber: { start: 56, length: 12 }, amountCents: { start: 68, length: 10 },
    },
    trailer: { count: { start: 2, length: 6 }, totalCents: { start: 8, length: 12 } },
  },
  {
    id: 'portal-csv-v1', name: 'Online payment portal (CSV)', source: 'online', kind: 'csv', encoding: 'utf-8', revenueCode: 'WATER', delimiter: ',',
    columns: { sourceRef: 'confirmation', accountNumber: 'account', amount: 'amount', dateReceived: 'paid_on', method: 'method', processorRef: 'processor_ref', payerName: 'payer' },
  },
];

export interface FileItem {
  line: number;
  sourceRef: string;
  accountNumber: string;
  amountCents: number;
  dateReceived: string;
  tender: 'check' | 'card_online' | 'ach';
  routing?: string; bankAccount?: string; checkNumber?: string;
  processorRef?: string;
  payerName?: string;
}

export interface FileError { line: number; reason: string }
export type FileRead = { ok: true; items: FileItem[]; controlCount: number; controlCents: number } | { ok: false; errors: FileError[] };

/** Bytes to text: the BOM dropped, CRLF and CR made LF; bytes that are not the layout's encoding refused. */
export function decodeFile(bytes: Uint8Array, encoding: 'utf-8' | 'latin1'): { ok: true; text: string } | { ok: false; reason: string } {
  let text: string;
  try {
    text = new TextDecoder(encoding === 'latin1' ? 'windows-1252' : 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'the file is not UTF-8 text (is it another encoding? set the layout\'s encoding, or export it as UTF-8)' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) return { ok: false, reason: 'the file holds binary data (NUL bytes): it is not a text file' };
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

const ACCOUNT = /^[A-Za-z0-9-]{1,32}$/;
const MAX_ITEMS = 100_000;

function cut(line: string, s: { start: number; length: number }): string {
  return line.slice(s.start - 1, s.start - 1 + s.length).trim();
}

function ymd(s: string): string | null {
  const iso = /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isCalendarDate(iso) ? iso : null;
}

/** Reads a file's text against its layout. Every line with a fault is named; no item is returned then. */
export function readFile(text: string, layout: FileLayout, today: string): FileRead {
  const errors: FileError[] = [];
  const items: FileItem[] = [];
  const seen = new Map<string, number>();
  let control: { count: number; cents: number } | null = null;
  const add = (line: number, item: Omit<FileItem, 'line'>, problems: string[]) => {
    if (!item.sourceRef) problems.push('no item reference');
    else if (hasControlChars(item.sourceRef) || item.sourceRef.length > 40) problems.push(`item reference "${item.sourceRef}" is not a plain reference of up to 40 characters`);
    else if (seen.has(item.sourceRef)) problems.push(`item ${item.sourceRef} appears twice (first on line ${seen.get(item.sourceRef)})`);
    if (!ACCOUNT.test(item.accountNumber)) problems.push(`account "${item.accountNumber}" must be 1–32 letters, digits or dashes`);
    if (item.dateReceived > today) problems.push(`date received ${item.dateReceived} is in the future`);
    if (problems.length) { for (const reason of problems) errors.push({ line, reason }); return; }
    seen.set(item.sourceRef, line);
    items.push({ line, ...item });
  };
  const lines = text.split('\n');
  // Trailing blank lines are the end of the file, not records.
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  if (layout.kind === 'fixed') {
    for (let i = 0; i < end; i++) {
      const line = i + 1, rec = lines[i]!;
      if (rec.trim() === '') { errors.push({ line, reason: 'blank line inside the file' }); continue; }
      const type = cut(rec, layout.recordType);
      if (type === layout.trailerType) {
        if (control) { errors.push({ line, reason: `a second trailer record (the first was earlier)` }); continue; }
        const n = cut(rec, layout.trailer.count), t = cut(rec, layout.trailer.totalCents);
        if (!/^\d{1,9}$/.test(n) || !/^\d{1,12}$/.test(t)) { errors.push({ line, reason: `the trailer's count "${n}" or total "${t}" is not a whole number` }); continue; }
        control = { count: Number(n), cents: Number(t) };
        if (i !== end - 1) errors.push({ line, reason: 'records follow the trailer' });
        continue;
      }
      if (type !== layout.detailType) continue;
      const f = layout.fields;
      const need = Math.max(...Object.values(f).map((s) => s.start + s.length - 1));
      if (rec.length < need) { errors.push({ line, reason: `the record is ${rec.length} characters long, the layout needs ${need}: was it cut short?` }); continue; }
      const problems: string[] = [];
      const date = ymd(cut(rec, f.dateReceived));
      if (!date) problems.push(`date received "${cut(rec, f.dateReceived)}" is not a date YYYYMMDD`);
      const routing = cut(rec, f.routing), bankAccount = cut(rec, f.bankAccount).replace(/^0+(?=\d{4})/, ''), checkNumber = cut(rec, f.checkNumber).replace(/^0+(?=\d)/, '');
      if (!/^\d{9}$/.test(routing) || !isValidRouting(routing)) problems.push(`routing number "${routing}" is not a valid ABA routing number`);
      if (!/^\d{4,17}$/.test(bankAccount)) problems.push(`bank account "${bankAccount}" must be 4 to 17 digits`);
      if (!/^\d{1,15}$/.test(checkNumber)) problems.push(`check number "${checkNumber}" must be digits`);
      const amount = cut(rec, f.amountCents);
      const cents = /^\d{1,10}$/.test(amount) ? Number(amount) : null;
      if (cents === null || cents <= 0 || cents > MAX_CENTS) problems.push(`amount "${amount}" is not a positive amount in cents`);
      add(line, { sourceRef: cut(rec, f.sourceRef), accountNumber: cut(rec, f.accountNumber), amountCents: cents ?? 0, dateReceived: date ?? '', tender: 'check', routing, bankAccount, checkNumber }, problems);
      if (items.length > MAX_ITEMS) return { ok: false, errors: [{ line, reason: `more than ${MAX_ITEMS} items: split the file` }] };
    }
    if (!control) errors.push({ line: end || 1, reason: `no trailer record (type ${layout.trailerType}) with the item count and total` });
  } else {
    let records: { record: Record<string, string>; info: { lines: number } }[] = [];
    try {
      records = parse(lines.slice(0, end).join('\n'), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), info: true, skip_empty_lines: false, trim: true, delimiter: layout.delimiter });
    } catch (e) {
      const err = e as { lines?: number; message: string };
      return { ok: false, errors: [{ line: err.lines ?? 1, reason: `not readable as CSV: ${err.message.replace(/^Invalid Record Length: /, '')}` }] };
    }
    const c = layout.columns;
    const required = [c.sourceRef, c.accountNumber, c.amount, c.dateReceived, c.method, c.processorRef].map((x) => x.toLowerCase());
    const header = records[0]?.record;
    if (!header) return { ok: false, errors: [{ line: 1, reason: 'the file has no payment rows' }] };
    const missing = required.filter((col) => !(col in header));
    if (missing.length) return { ok: false, errors: [{ line: 1, reason: `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}` }] };
    for (const { record: r, info } of records) {
      const line = info.lines;
      const get = (col: string) => (r[col.toLowerCase()] ?? '').trim();
      if (Object.values(r).every((v) => v === '')) { errors.push({ line, reason: 'blank line inside the file' }); continue; }
      const problems: string[] = [];
      const date = ymd(get(c.dateReceived));
      if (!date) problems.push(`date "${get(c.dateReceived)}" is not a date YYYY-MM-DD`);
      const amountText = get(c.amount);
      const cents = /^\d{1,8}(\.\d{1,2})?$/.test(amountText) ? parseMoney(amountText) : null;
      if (cents === null || cents <= 0) problems.push(`amount "${amountText}" is not a positive amount in dollars and cents (e.g. 123.45)`);
      const method = get(c.method).toUpperCase();
      if (method !== 'CARD' && method !== 'ACH') problems.push(`method "${get(c.method)}" must be CARD or ACH`);
      const processorRef = get(c.processorRef);
      if (!/^[A-Za-z0-9._:-]{1,40}$/.test(processorRef)) problems.push(`processor reference "${processorRef}" must be 1–40 letters, digits, dots, dashes or colons`);
      const payer = c.payerName ? get(c.payerName) : '';
      if (payer && (hasControlChars(payer) || hasCardNumber(payer) || payer.length > 100)) problems.push('the payer name holds a control character, a card number, or is longer than 100 characters');
      add(line, {
        sourceRef: get(c.sourceRef), accountNumber: get(c.accountNumber), amountCents: cents ?? 0, dateReceived: date ?? '',
        tender: method === 'ACH' ? 'ach' : 'card_online', processorRef, ...(payer ? { payerName: payer } : {}),
      }, problems);
      if (items.length > MAX_ITEMS) return { ok: false, errors: [{ line, reason: `more than ${MAX_ITEMS} items: split the file` }] };
    }
  }
  if (!errors.length && items.length === 0) errors.push({ line: 1, reason: 'the file has no payment items' });
  const sum = items.reduce((a, x) => a + x.amountCents, 0);
  if (!errors.length && sum > MAX_CENTS) errors.push({ line: 1, reason: 'the file total is beyond what one batch can hold' });
  if (control && !errors.length && (control.count !== items.length || control.cents !== sum)) {
    errors.push({ line: end, reason: `the trailer says ${control.count} items for ${control.cents} cents, the records hold ${items.length} for ${sum}` });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, items, controlCount: control?.count ?? items.length, controlCents: control?.cents ?? sum };
}
