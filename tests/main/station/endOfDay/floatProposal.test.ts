// The float kept back for tomorrow (DOMAIN.md invariant 12): exactly the configured float whenever
// some choice of the pieces makes it — checked against an independent bounded subset-sum over every
// piece — the composition kept as far as it goes, and, when nothing makes it, the most below it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countTotal, STANDARD_FLOAT, USD_DENOMINATIONS, type DenominationCounts } from '../../../../src/shared/denominations';
import { proposeFloat } from '../../../../src/main/station/endOfDay/floatProposal';

/** reach[a]: some choice of the pieces adds up to a (the classic bounded subset sum, piece by piece). */
function reachable(pieces: DenominationCounts, max: number): Uint8Array {
  const reach = new Uint8Array(max + 1);
  reach[0] = 1;
  for (const d of USD_DENOMINATIONS) {
    const n = pieces[d.key] ?? 0;
    if (!n) continue;
    const used = new Int32Array(max + 1);
    for (let a = d.valueCents; a <= max; a++) {
      if (!reach[a] && reach[a - d.valueCents] && used[a - d.valueCents]! < n) { reach[a] = 1; used[a] = used[a - d.valueCents]! + 1; }
    }
  }
  return reach;
}

const target = (floats: number) => countTotal(STANDARD_FLOAT) * floats;

/** A drawer at close-out: around the standard float (some denominations short, some spare), or anything. */
const drawer: fc.Arbitrary<DenominationCounts> = fc.oneof(
  fc.record(Object.fromEntries(USD_DENOMINATIONS.map((d) => [d.key, fc.integer({ min: 0, max: Math.max(3, (STANDARD_FLOAT[d.key] ?? 0) + 8) })]))),
  fc.record(Object.fromEntries(USD_DENOMINATIONS.map((d) => [d.key, fc.constantFrom(0, 0, 1, 2, 3, 7, 40)]))),
  fc.record(Object.fromEntries(Object.entries(STANDARD_FLOAT).map(([k, n]) => [k, fc.integer({ min: Math.max(0, n - 15), max: n })]))),
).map((c) => Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0)));

describe('the float proposal', () => {
  it('the drawer short of pennies: $150.00 exactly, not the $149.87 the greedy top-up kept', () => {
    // 37 pennies against the composition's 50; spare quarters only. 13¢ cannot be made from spare
    // pieces, so some composition coins give way to a quarter.
    const available = { ...STANDARD_FLOAT, coin_1: 37, coin_25: 24, bill_10000: 2 };
    const p = proposeFloat(available, STANDARD_FLOAT);
    expect(p).toMatchObject({ targetCents: 15000, keptCents: 15000, exactPossible: true });
    expect(countTotal(p.kept)).toBe(15000);
    for (const [k, n] of Object.entries(p.kept)) expect(n).toBeLessThanOrEqual(available[k as keyof typeof available] ?? 0);
    expect(p.kept.bill_10000 ?? 0).toBe(0); // the $100 notes go to the bank
  });

  it('keeps the standard composition when the drawer has it, and tops up from coins and small notes when short', () => {
    expect(proposeFloat({ ...STANDARD_FLOAT, bill_10000: 3, coin_5: 100 }, STANDARD_FLOAT).kept).toEqual(STANDARD_FLOAT);
    // No $20s: made up with $10s and $5s rather than a $50 or a $100.
    const p = proposeFloat({ ...STANDARD_FLOAT, bill_2000: 0, bill_1000: 8, bill_500: 10, bill_5000: 1, bill_10000: 2 }, STANDARD_FLOAT);
    expect(p.keptCents).toBe(15000);
    expect(p.kept.bill_5000 ?? 0).toBe(0);
    expect(p.kept.bill_10000 ?? 0).toBe(0);
  });

  it('says when no exact float exists, and keeps the most it can below it', () => {
    const onlyTwenties = proposeFloat({ bill_2000: 20 }, STANDARD_FLOAT);
    expect(onlyTwenties).toMatchObject({ keptCents: 14000, exactPossible: false, targetCents: 15000 });
    const tooLittle = proposeFloat({ bill_2000: 3, coin_25: 7 }, STANDARD_FLOAT);
    expect(tooLittle).toMatchObject({ keptCents: 6175, exactPossible: false });
  });

  it('property: whenever some choice of the pieces makes the float, the proposal makes it exactly', () => {
    fc.assert(fc.property(drawer, fc.constantFrom(1, 1, 2), (available, floats) => {
      const T = target(floats);
      const p = proposeFloat(available, STANDARD_FLOAT, floats);
      for (const [k, n] of Object.entries(p.kept)) expect(n, k).toBeLessThanOrEqual(available[k] ?? 0);
      expect(countTotal(p.kept)).toBe(p.keptCents);
      const reach = reachable(available, T);
      expect(p.exactPossible).toBe(reach[T] === 1);
      if (reach[T]) {
        expect(p.keptCents).toBe(T);
      } else {
        let best = T;
        while (!reach[best]) best--;
        expect(p.keptCents).toBe(best);
      }
      // When the spare pieces alone make up the shortfall, every composition piece there is stays.
      const base = Object.fromEntries(Object.entries(STANDARD_FLOAT).map(([k, n]) => [k, Math.min(n * floats, available[k] ?? 0)]));
      const spare = Object.fromEntries(Object.entries(available).map(([k, n]) => [k, n - (base[k] ?? 0)]));
      const short = T - countTotal(base);
      if (reachable(spare, short)[short]) for (const [k, n] of Object.entries(base)) expect(p.kept[k] ?? 0, k).toBeGreaterThanOrEqual(n);
    }), { numRuns: 300 });
  });
});
