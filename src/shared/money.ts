// Money is integer cents everywhere it is stored or sent. No float arithmetic on dollars.
import { z } from 'zod';

export type Cents = number & { readonly __brand: 'Cents' };

/** Largest amount a single figure may hold: $10,000,000.00. Anything above is treated as a keying error. */
export const MAX_CENTS = 1_000_000_000;

export function isCents(n: unknown): n is Cents {
  return typeof n === 'number' && Number.isSafeInteger(n) && Math.abs(n) <= MAX_CENTS;
}

export function cents(n: number): Cents {
  if (!isCents(n)) throw new RangeError(`not a whole number of cents within range: ${n}`);
  return n;
}

export function sumCents(values: readonly number[]): Cents {
  let total = 0;
  for (const v of values) total += v;
  return cents(total);
}

const TOO_LARGE = 'Amount is too large: check the keying.';

/**
 * Non-negative amount in cents, as accepted at every boundary. The range is checked before
 * wholeness: a figure beyond 2^53 arrives as a whole number that is not a safe integer, and is a
 * keying error, not a fraction of a cent (so is 1e400, which JSON reads as Infinity).
 */
export const centsSchema = z
  .number({ error: (iss) => (iss.input === Infinity ? TOO_LARGE : iss.input === -Infinity ? 'Amount cannot be negative.' : 'Enter an amount in cents.') })
  .max(MAX_CENTS, { message: TOO_LARGE })
  .min(0, { message: 'Amount cannot be negative.' })
  .int({ error: (iss) => (iss.code === 'too_big' ? TOO_LARGE : iss.code === 'too_small' ? 'Amount cannot be negative.' : 'Amounts are whole cents: no fractions of a cent.') });

/** An amount that may be negative (a difference), with the same words as centsSchema. */
export const signedCentsSchema = z
  .number({ error: (iss) => (iss.input === Infinity || iss.input === -Infinity ? TOO_LARGE : 'Enter an amount in cents.') })
  .max(MAX_CENTS, { message: TOO_LARGE })
  .min(-MAX_CENTS, { message: TOO_LARGE })
  .int({ error: (iss) => (iss.code === 'too_big' || iss.code === 'too_small' ? TOO_LARGE : 'Amounts are whole cents: no fractions of a cent.') });

export const positiveCentsSchema = centsSchema.refine((n) => n > 0, { message: 'Amount must be more than zero.' });

/** "$1,234.56" style text for logs and CLI; the UI formats with Intl for the locale. */
export function formatCents(value: number, symbol = '$'): string {
  const neg = value < 0;
  const abs = Math.abs(value);
  const dollars = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${symbol}${dollars}.${rest}`;
}

/** Parse "12.34", "$1,234.5", "7" into cents exactly (string arithmetic, no floats). Null when not money. */
export function parseMoney(text: string): Cents | null {
  const t = text.trim().replace(/[$,\s]/g, '');
  const m = /^(-?)(\d{1,8})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  const whole = Number(m[2]);
  const frac = Number((m[3] ?? '').padEnd(2, '0'));
  const v = whole * 100 + frac;
  return cents(m[1] === '-' ? -v : v);
}
