// Every field of the contract, found by walking the schemas (a field added later is checked too):
// each text field refuses control characters and, unless it is a lookup key or device text, a card
// number; each money field (…Cents) says "too large: check the keying" for 2^53 + 1, not "fractions".
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api } from '../../src/shared/api';
import { CARD_NUMBER_MESSAGE, CONTROL_MESSAGE } from '../../src/shared/text';

interface Leaf { op: string; path: string; schema: z.ZodType; type: string }

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; options?: z.ZodType[]; keyType?: z.ZodType; valueType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; checks?: unknown[]; format?: string };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function leaves(op: string, schema: z.ZodType, path: string, out: Leaf[]): Leaf[] {
  const d = defOf(schema);
  switch (d.type) {
    case 'object': for (const [k, v] of Object.entries(d.shape!)) leaves(op, v, path ? `${path}.${k}` : k, out); break;
    case 'array': leaves(op, d.element!, `${path}.0`, out); break;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': leaves(op, d.innerType!, path, out); break;
    case 'union': for (const o of d.options!) leaves(op, o, path, out); break;
    case 'record': leaves(op, d.keyType!, `${path}.<key>`, out); leaves(op, d.valueType!, `${path}.*`, out); break;
    case 'pipe': leaves(op, d.in!, path, out); break;
    default: out.push({ op, path, schema, type: d.type });
  }
  return out;
}

const all = Object.entries(api).flatMap(([name, entry]) => leaves(name, entry.input as z.ZodType, '', []));
const texts = all.filter((l) => l.type === 'string');
/** The receipt taken with an arrangement, and the sale a card charge carries, are a receipt.post's: its fields are that operation's. */
const key = (l: Leaf) => `${l.op} ${l.path}`.replace(/^arrangement\.create receipt\./, 'receipt.post ').replace(/^card\.(charge|feeQuote) (lines|tenders)\./, 'receipt.post $2.');
/** A field with a format of its own (digits, an ID) refuses bad text by its format; free text says why. */
const hasFormat = (l: Leaf) => !!defOf(l.schema).format || (defOf(l.schema).checks ?? []).some((c) => (c as { _zod: { def: { format?: string } } })._zod.def.format);

/** Lookup keys: matched against rows the station made itself, never stored from the request or printed. */
const LOOKUP_KEYS = new Set([
  'auth.signIn userId', 'fees.quote revenueCode', 'receipt.post lines.0.revenueCode', 'receipt.get receiptNumber', 'receipt.list sessionId',
  'receipt.void receiptNumber', 'receipt.void approval.userId', 'receipt.reprint receiptNumber', 'drawer.paidOut approval.userId',
  'users.setPin userId', 'users.setActive userId', 'users.unlock userId', 'settings.update timeZone',
  'closeout.start sessionId', 'closeout.checklist sessionId', 'closeout.count sessionId', 'closeout.count items.0.receiptNumber', 'closeout.count drops.<key>',
  'closeout.approve sessionId', 'closeout.approve approval.userId', 'closeout.reopen sessionId', 'closeout.get sessionId',
  'report.x sessionId', 'report.z sessionId', 'deposit.propose sessionIds.0', 'deposit.create sessionIds.0', 'deposit.setFloat depositId',
  'deposit.prepare depositId', 'deposit.verify depositId', 'deposit.get depositId', 'returnedCheck.record receiptNumber',
  'deposit.discard depositId', 'deposit.changeSessions depositId', 'deposit.changeSessions sessionIds.0',
  'devices.updateSettings devices.0.options.<key>', 'print.xReport sessionId', 'print.zReport sessionId', 'print.depositSlip depositId',
  'print.preview receiptNumber', 'pdf.zReport sessionId', 'pdf.depositSlip depositId', 'drawer.log sessionId',
  'arrangement.create approval.userId', 'arrangement.cancel approval.userId', 'slips.forReceipt receiptNumber', 'slips.again receiptNumber',
  'batch.addItem batchId', 'batch.addItem lines.0.revenueCode', 'batch.get batchId', 'batch.close batchId', 'batch.close approval.userId',
  'batch.import layoutId', 'batch.resolveException exceptionId', 'batch.report batchId', 'batch.print batchId', 'batch.pdf batchId',
  'card.settleByHand approval.userId',
  'receipt.post tenders.0.imageOverride.userId', 'batch.addItem tender.imageOverride.userId', 'checkImages.forTender receiptNumber', 'checkImages.icl depositId',
  'checkImages.recordShredded depositId',
]);
/** Text a device or a person's search wrote, not kept as typed: control characters refused, digits allowed. */
const NO_CARD_CHECK = new Set(['accounts.search query', 'receipt.post tenders.0.micrRaw', 'devices.updateSettings devices.0.address',
  'receipt.post lines.0.stub.raw', 'stubs.scan raw',
  // Numbers with a format of their own, any of which may pass the Luhn check: a city account number
  // (looked up in the directory), a bank account number (printed as its last four), the hub's enrolment code.
  'accounts.get accountNumber', 'receipt.post lines.0.accountNumber', 'receipt.post tenders.0.account', 'closeout.count extras.0.account',
  'returnedCheck.find account', 'settings.update depositBank.account', 'sync.enrol code', 'arrangement.quote accountNumber', 'arrangement.create accountNumber', 'arrangement.forAccount accountNumber',
  // A batch item is a receipt.post's line and tender; an exception is applied to a directory account.
  'batch.addItem lines.0.accountNumber', 'batch.addItem lines.0.stub.raw', 'batch.addItem tender.account', 'batch.addItem tender.micrRaw', 'batch.resolveException accountNumber',
  // A file's bytes as base64, never kept as text: the station decodes them and checks each field it keeps.
  'batch.import contentBase64', 'setup.enrol code', 'checkImages.setBankProfile depositAccount',
]);

describe('every text field of the contract', () => {
  it('the walk finds the free-text fields the issue names', () => {
    const found = new Set(texts.map(key));
    for (const k of ['receipt.post payerName', 'receipt.post lines.0.description', 'receipt.void reason', 'receipt.post tenders.0.reference',
      'deposit.prepare bagNumber', 'deposit.verify note', 'users.create name', 'closeout.count extras.0.note']) expect(found, k).toContain(k);
  });

  it.each(texts.filter((l) => !LOOKUP_KEYS.has(key(l))).map((l) => [key(l), l] as const))('%s refuses control characters', (_, l) => {
    for (const evil of ['Ann\x1bp\x00\x32\x64 Lee', 'x\x1dV\x00y']) {
      const r = l.schema.safeParse(evil);
      expect(r.success, JSON.stringify(evil)).toBe(false);
      if (!hasFormat(l) && !r.success) expect(r.error.issues.map((i) => i.message)).toContain(CONTROL_MESSAGE);
    }
  });

  it.each(texts.filter((l) => !LOOKUP_KEYS.has(key(l)) && !NO_CARD_CHECK.has(key(l))).map((l) => [key(l), l] as const))('%s refuses a card number', (_, l) => {
    for (const card of ['4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111']) {
      const r = l.schema.safeParse(card);
      expect(r.success, card).toBe(false);
      if (!hasFormat(l) && !r.success) expect(r.error.issues.map((i) => i.message)).toContain(CARD_NUMBER_MESSAGE);
    }
  });

  it('free text still takes names and words in any script, Tab/CR/LF folded', () => {
    const payer = texts.find((l) => key(l) === 'receipt.post payerName')!;
    expect(payer.schema.parse('Peña O\u2019Brien\tZoë')).toBe('Peña O\u2019Brien Zoë');
    expect(payer.schema.parse('李小龍')).toBe('李小龍');
  });
});

describe('every money field of the contract', () => {
  const money = all.filter((l) => l.type === 'number' && /Cents$/.test(l.path));
  it('the walk finds them', () => {
    expect(money.map(key)).toEqual(expect.arrayContaining(['receipt.post lines.0.amountCents', 'receipt.post tenders.0.amountCents', 'deposit.verify bankConfirmedCents', 'drawer.paidIn amountCents', 'settings.update floatCents', 'fees.quote inputs.baseCents']));
  });
  it.each(money.map((l) => [key(l), l] as const))('%s: 9007199254740993 is too large, not a fraction', (_, l) => {
    for (const v of [9007199254740993, 2 ** 60, 1e21, Infinity]) {
      const r = l.schema.safeParse(v);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toBe('Amount is too large: check the keying.');
    }
    expect(l.schema.safeParse(10.5).error!.issues[0]!.message).toBe('Amounts are whole cents: no fractions of a cent.');
  });
});
