// Stub formats: each built-in format writes random stubs that read back exactly, a single changed digit
// is caught by the check digit, and fields that read but make no sense are refused by name.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUILT_IN_STUB_FORMATS, checkCharacter, encodeStub, parseStub, stubFormatSchema, type StubFormat } from '../../src/shared/stubs';

const [ocr, twoD] = BUILT_IN_STUB_FORMATS as [StubFormat, StubFormat];

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const stubValues = fc.record({
  account: fc.stringMatching(/^[1-9]\d{7}$/),
  amountCents: fc.integer({ min: 1, max: 100_000_00 }),
  dueDate: isoDate,
  bill: fc.stringMatching(/^[1-9]\d{9}$/),
  service: fc.constantFrom('01', '02', '03'),
});

describe('built-in stub formats', () => {
  it('a random account, amount and date written in each format read back exactly', () => {
    fc.assert(fc.property(stubValues, (v) => {
      const acct = `${v.account.slice(0, 6)}-${v.account.slice(6)}`;
      const a = encodeStub(ocr, { accountNumber: acct, amountCents: v.amountCents, dueDate: v.dueDate, billNumber: v.bill, revenueCodeValue: v.service });
      expect(a).toHaveLength(36);
      expect(parseStub(a, BUILT_IN_STUB_FORMATS)).toEqual({ ok: true, stub: { formatId: 'riverton-ocr', accountNumber: acct, amountCents: v.amountCents, dueDate: v.dueDate, billNumber: v.bill, revenueCode: { '01': 'WATER', '02': 'SEWER', '03': 'GARB' }[v.service], raw: a } });
      const b = encodeStub(twoD, { accountNumber: acct, amountCents: v.amountCents, dueDate: v.dueDate, billNumber: v.bill, revenueCodeValue: 'SEWER' });
      expect(parseStub(b, BUILT_IN_STUB_FORMATS)).toEqual({ ok: true, stub: { formatId: 'riverton-2d', accountNumber: acct, amountCents: v.amountCents, dueDate: v.dueDate, billNumber: v.bill, revenueCode: 'SEWER', raw: b } });
    }), { numRuns: 400 });
  });

  it('a single changed digit anywhere the check digit covers is caught', () => {
    fc.assert(fc.property(stubValues, fc.nat(), fc.integer({ min: 1, max: 9 }), (v, where, by) => {
      const acct = `${v.account.slice(0, 6)}-${v.account.slice(6)}`;
      for (const f of [ocr, twoD]) {
        const s = encodeStub(f, { accountNumber: acct, amountCents: v.amountCents, dueDate: v.dueDate, billNumber: v.bill, revenueCodeValue: f === ocr ? v.service : 'WATER' });
        // Digits after the prefix (the 2-D payload's "RVT1" is the format's name, not a field).
        const from = f === twoD ? 5 : 0;
        const positions = [...s].map((c, i) => (i >= from && /\d/.test(c) ? i : -1)).filter((i) => i >= 0);
        const i = positions[where % positions.length]!;
        const changed = s.slice(0, i) + String((Number(s[i]) + by) % 10) + s.slice(i + 1);
        const r = parseStub(changed, BUILT_IN_STUB_FORMATS);
        expect(r.ok, `${s} → ${changed}`).toBe(false);
        if (!r.ok) expect(r.fault).toBe('checkDigit');
      }
    }), { numRuns: 400 });
  });

  it('Luhn and mod 11 check digits as published', () => {
    // Luhn's textbook number 7992739871 has check digit 3.
    expect(checkCharacter({ method: 'mod10', weights: [2, 1], from: 'right', sumDigits: true }, '7992739871')).toBe('3');
    // ISBN-10-style mod 11, weights 2..10 from the right: 0-306-40615-? → 2.
    expect(checkCharacter({ method: 'mod11', weights: [2, 3, 4, 5, 6, 7, 8, 9, 10], from: 'right', ten: 'X' }, '030640615')).toBe('2');
  });

  it('cut short, noise and another code are told apart; nothing is read from them', () => {
    const s = encodeStub(ocr, { accountNumber: '100042-17', amountCents: 12345, dueDate: '2026-11-30', billNumber: '2026110001', revenueCodeValue: '01' });
    expect(parseStub(s.slice(0, 20), BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'cutShort', formatId: 'riverton-ocr' });
    expect(parseStub('RVT1|100042-17|2026110001', BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'cutShort', formatId: 'riverton-2d' });
    expect(parseStub('%$#@!qwe', BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'noFormat' });
    expect(parseStub('ST01-000042', BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'noFormat' });
    expect(parseStub(s + '7', BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'noFormat' });
  });

  it('fields that read but make no sense are refused, with the field named', () => {
    const ok = { accountNumber: '100042-17', amountCents: 12345, dueDate: '2026-11-30', billNumber: '2026110001', revenueCodeValue: '01' };
    const withCheck = (f: StubFormat, s: string): string => {
      // Re-seal a hand-edited stub with a correct check digit, so only the field is wrong.
      if (f.layout.kind === 'fixed') { const body = s.slice(0, 35); return body + checkCharacter(f.checkDigit, body)!; }
      const parts = s.split('|'); parts[6] = checkCharacter(f.checkDigit, parts.slice(1, 6).join(''))!; return parts.join('|');
    };
    const zero = withCheck(ocr, encodeStub(ocr, ok).slice(0, 26) + '000000000' + '0');
    expect(parseStub(zero, BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'field', field: 'amount' });
    const absurd = withCheck(ocr, encodeStub(ocr, ok).slice(0, 26) + '999999999' + '0');
    expect(parseStub(absurd, BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'field', field: 'amount' });
    const feb30 = withCheck(ocr, encodeStub(ocr, ok).slice(0, 20) + '023026' + encodeStub(ocr, ok).slice(26));
    expect(parseStub(feb30, BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'field', field: 'dueDate' });
    const month13 = withCheck(twoD, 'RVT1|100042-17|2026110001|WATER|20261301|123.45|0');
    expect(parseStub(month13, BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'field', field: 'dueDate' });
    const service = withCheck(ocr, '09' + encodeStub(ocr, ok).slice(2));
    expect(parseStub(service, BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'field', field: 'revenueCode' });
    const noAccount = withCheck(ocr, '01' + '00000000' + encodeStub(ocr, ok).slice(10));
    expect(parseStub(noAccount, BUILT_IN_STUB_FORMATS)).toMatchObject({ ok: false, fault: 'field', field: 'account' });
  });

  it('an admin\'s format that makes no sense is refused, with the field named', () => {
    const bad = stubFormatSchema.safeParse({ ...ocr, layout: { ...ocr.layout, fields: { ...(ocr.layout as { fields: object }).fields, amount: { start: 30, length: 9 } } } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toContain('layout.fields.amount');
    const hashes = stubFormatSchema.safeParse({ ...ocr, accountPattern: '####-##' });
    expect(hashes.error!.issues[0]!.path).toEqual(['accountPattern']);
  });
});
