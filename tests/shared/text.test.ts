// Free text: control characters refused, Tab/CR/LF folded, card numbers found (Luhn, 13–19 digits,
// also split by spaces or dashes) and masked to the last four in text that did not come through the contract.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CARD_NUMBER_MESSAGE, CONTROL_MESSAGE, cleanText, findCardNumber, freeText, hasCardNumber, hasControlChars, maskCardNumbers } from '../../src/shared/text';

/** A Luhn-valid number of `len` digits from the digits given (the last one is the check digit). */
function luhnNumber(body: number[]): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body[body.length - 1 - i]!;
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return body.join('') + String((10 - (sum % 10)) % 10);
}

const cardNumber = fc.integer({ min: 13, max: 19 }).chain((len) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: len - 1, maxLength: len - 1 })).map(luhnNumber);
/** The number as typed: in one run, or in groups with a space or a dash between. */
const typed = cardNumber.chain((n) => fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }).chain((sizes) => fc.constantFrom(' ', '-', '  ').map((sep) => {
  const groups: string[] = [];
  let i = 0;
  for (const s of sizes) { if (i >= n.length) break; groups.push(n.slice(i, i + s)); i += s; }
  if (i < n.length) groups.push(n.slice(i));
  return { number: n, text: groups.join(sep) };
})));
const words = fc.string({ unit: fc.constantFrom(...'abcdefghij ABC.,/#'), maxLength: 20 });

describe('card numbers in free text', () => {
  it('known test numbers, with and without separators, are found', () => {
    for (const s of ['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', 'paid by 5500 0000 0000 0004 thanks', '378282246310005', 'inv 12345 4012888888881881']) {
      expect(hasCardNumber(s), s).toBe(true);
    }
  });

  it('digit runs that are not card numbers pass: too short, too long, not Luhn, an account number', () => {
    for (const s of ['4111111111111112', '411111111111', '100234-17', 'Invoice 2026-0001', '12345678901234567890123', 'tel 555-123-4567', 'MO-778']) {
      expect(hasCardNumber(s), s).toBe(false);
    }
  });

  it('any Luhn-valid 13–19 digit number, however grouped and wherever in the text, is found', () => {
    fc.assert(fc.property(words, typed, words, (before, card, after) => {
      // Letters around it, so the digits around it are only its own.
      const s = `${before}x${card.text}x${after}`;
      expect(hasCardNumber(s)).toBe(true);
      const masked = maskCardNumbers(s);
      expect(hasCardNumber(masked)).toBe(false);
      expect(masked.replace(/\D/g, '')).toBe(card.number.slice(-4));
      expect(masked.length).toBe(s.length);
    }), { numRuns: 500 });
  });

  it('the position found covers the whole number', () => {
    const s = 'Ref 4111 1111 1111 1111.';
    const hit = findCardNumber(s)!;
    expect(s.slice(hit.start, hit.end)).toBe('4111 1111 1111 1111');
    expect(maskCardNumbers(s)).toBe('Ref **** **** **** 1111.');
  });
});

describe('control characters', () => {
  it('C0 (but Tab, CR, LF), DEL, C1 and lone surrogates are control characters; text is not', () => {
    for (const c of ['\x00', '\x1b', '\x1d', '\x7f', '\x9b', '\u0085', '\ud800', '\udc00']) expect(hasControlChars(`a${c}b`), JSON.stringify(c)).toBe(true);
    for (const s of ['Peña O\u2019Brien Zoë', 'Nguyễn Văn An', '李小龍', '😀 ok', 'a\tb']) expect(hasControlChars(s), s).toBe(false);
  });

  it('cleanText: one line, each control character a visible ?, card numbers masked', () => {
    expect(cleanText('Ann\x1bp\x00\x32\x64 Lee')).toBe('Ann?p?2d Lee');
    expect(cleanText('Main St\r\nApt 2\tB')).toBe('Main St Apt 2 B');
    expect(cleanText('card 4111111111111111')).toBe('card ************1111');
  });
});

describe('freeText, the one schema of every free-text field', () => {
  const field = freeText({ min: 3, max: 20, minMessage: 'too short' });
  const message = (v: unknown) => { const r = field.safeParse(v); return r.success ? null : r.error.issues[0]!.message; };

  it('folds Tab, CR and LF into spaces and trims, as before', () => {
    expect(field.parse('  Ann\tLee\r\nJr ')).toBe('Ann Lee Jr');
  });

  it('refuses control characters and card numbers, with a message for the field', () => {
    expect(message('Ann\x1bp\x00\x32\x64 Lee')).toBe(CONTROL_MESSAGE);
    expect(message('x\x1dV\x00y')).toBe(CONTROL_MESSAGE);
    expect(message('4111 1111 1111 1111')).toBe(CARD_NUMBER_MESSAGE);
    expect(message(' a ')).toBe('too short');
  });

  it('a device text field may skip the card check, never the control check', () => {
    const micr = freeText({ max: 120, cardCheck: false });
    expect(micr.safeParse('T121000358T 4111111111111111U').success).toBe(true);
    expect(micr.safeParse('T12\x1b1000358T').success).toBe(false);
  });
});
