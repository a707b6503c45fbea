import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountOf, EMPTY, keysFor, MAX_CENTS, press, type AmountKeys } from '../../src/renderer/amountEntry';
import { MAX_CENTS as SHARED_MAX } from '../../src/shared/money';
import { money } from '../../src/renderer/format';

const type = (keys: string[], from: AmountKeys = EMPTY) => keys.reduce(press, from);

describe('cash-register amount entry', () => {
  it('fills from the right: 1 2 3 4 5 is $123.45', () => {
    expect(amountOf(type(['1', '2', '3', '4', '5']))).toBe(12345);
    expect(money(amountOf(type(['1', '2', '3', '4', '5']))!, 'en')).toBe('$123.45');
  });

  it('takes 00 as two zeros, Backspace undoes a key, Delete clears', () => {
    expect(amountOf(type(['5', '00']))).toBe(500);
    expect(amountOf(type(['5', '00', 'Backspace']))).toBe(50);
    expect(amountOf(type(['5', '00', 'Delete']))).toBeNull();
    expect(amountOf(type(['Backspace']))).toBeNull();
  });

  it('switches to dollars and cents on a decimal point', () => {
    expect(amountOf(type(['2', '0', '.']))).toBe(2000);
    expect(amountOf(type(['2', '0', '.', '5']))).toBe(2050);
    expect(amountOf(type(['.', '0', '7']))).toBe(7);
    expect(amountOf(type(['1', '.', '2', '3', '4']))).toBe(123); // a third decimal is refused
    expect(amountOf(type(['1', '.', '.', '2']))).toBe(120);
  });

  it('ignores leading zeros, letters, and anything past the largest amount', () => {
    expect(type(['0', '0', '7']).keys).toBe('7');
    expect(amountOf(type(['a', '-', '4']))).toBe(4);
    expect(amountOf(type([...'9999999999999']))).toBeLessThanOrEqual(MAX_CENTS);
    expect(MAX_CENTS).toBe(SHARED_MAX);
  });

  it('round-trips any amount through keysFor', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_CENTS }), (c) => amountOf(keysFor(c)) === c));
  });

  it('never yields a fraction of a cent, whatever is typed', () => {
    const key = fc.constantFrom('0', '1', '5', '9', '00', '.', 'Backspace', 'Delete', 'x');
    fc.assert(fc.property(fc.array(key, { maxLength: 30 }), (keys) => {
      const v = amountOf(type(keys));
      return v === null || (Number.isSafeInteger(v) && v >= 0 && v <= MAX_CENTS);
    }));
  });
});

describe('money for the locale', () => {
  it('formats integer cents exactly in English and Spanish (US)', () => {
    expect(money(123456789, 'en')).toBe('$1,234,567.89');
    expect(money(5, 'en')).toBe('$0.05');
    expect(money(-1350, 'en')).toBe('−$13.50');
    expect(money(123456789, 'es')).toMatch(/1,234,567\.89/);
  });
});
