// Fee rules with decimal.js, rounded half-up to the cent once at the end of each rule.
import { describe, expect, it } from 'vitest';
import { computeFee } from '../../../src/main/station/fees';

describe('fee rules', () => {
  it('fixed', () => expect(computeFee('X', { type: 'fixed', amountCents: 3000 }).amountCents).toBe(3000));
  it('per unit with a fractional unit price rounds half-up at the end, with a minimum', () => {
    expect(computeFee('X', { type: 'per_unit', unitPrice: '0.125', unitLabel: 'sq ft' }, { quantity: 3 }).amountCents).toBe(38); // 0.375 → 0.38
    expect(computeFee('X', { type: 'per_unit', unitPrice: '0.125', unitLabel: 'sq ft' }, { quantity: 1 }).amountCents).toBe(13); // 0.125 → 0.13
    expect(computeFee('X', { type: 'per_unit', unitPrice: '0.45', unitLabel: 'sq ft', minimumCents: 15000 }, { quantity: 100 }).amountCents).toBe(15000);
    expect(computeFee('X', { type: 'per_unit', unitPrice: '0.45', unitLabel: 'sq ft', minimumCents: 15000 }, { quantity: 2000 }).amountCents).toBe(90000);
  });
  it('tiered by employee count, at the tier edges', () => {
    const rule = { type: 'tiered' as const, unitLabel: 'employees', tiers: [{ upTo: 5, amountCents: 7500 }, { upTo: 20, amountCents: 15000 }, { upTo: null, amountCents: 60000 }] };
    expect([0, 5, 6, 20, 21, 5000].map((q) => computeFee('BLIC', rule, { quantity: q }).amountCents)).toEqual([7500, 7500, 15000, 15000, 60000, 60000]);
  });
  it('percentage of a base: 6 % of $10.05 is 60.3¢ → 60¢, of $10.25 is 61.5¢ → 62¢', () => {
    const rule = { type: 'percentage' as const, rate: '0.06', baseLabel: 'charges' };
    expect(computeFee('UTAX', rule, { baseCents: 1005 }).amountCents).toBe(60);
    expect(computeFee('UTAX', rule, { baseCents: 1025 }).amountCents).toBe(62);
  });
  it('late penalty per month, capped; rounding only at the end (no drift from per-month rounding)', () => {
    const rule = { type: 'late_penalty' as const, monthlyRate: '0.015', capCents: 5000 };
    // $123.45 × 1.5 % × 3 = $5.555250 → $5.56 (per-month rounding would give 3 × $1.85 = $5.55)
    expect(computeFee('LATE', rule, { baseCents: 12345, monthsPastDue: 3 }).amountCents).toBe(556);
    expect(computeFee('LATE', rule, { baseCents: 1_000_000, monthsPastDue: 12 }).amountCents).toBe(5000);
  });
  it('open amounts are keyed by the cashier', () => expect(computeFee('WATER', { type: 'open' }).amountCents).toBeNull());
  it('a missing input is a clear error naming it', () => {
    expect(() => computeFee('BLIC', { type: 'tiered', unitLabel: 'employees', tiers: [{ upTo: null, amountCents: 1 }] })).toThrow(/needs quantity/);
  });
});
