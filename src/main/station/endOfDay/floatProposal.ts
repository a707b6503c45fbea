// Which notes and coins to keep back from a deposit for tomorrow's float (DOMAIN.md invariant 12:
// the float kept equals the configured float whenever the cash allows it).
import { USD_DENOMINATIONS, countTotal, type DenominationCounts } from '../../../shared/denominations';
import { StationError } from '../../../shared/errors';
import { validateCounts } from '../sessions';
import { normalCounts } from './common';

export interface FloatProposal {
  kept: DenominationCounts;
  targetCents: number;
  keptCents: number;
  /** Some choice of the pieces there makes the target exactly (then `kept` does). */
  exactPossible: boolean;
}

/**
 * What a spare piece costs the float, as a person counting one would weigh it: coins and rolls
 * first, then notes up to $20 (fewest pieces among those), $50 and $100 notes only when nothing
 * else makes the amount — a float is for making change.
 */
function addCost(valueCents: number, kind: string): number {
  if (kind !== 'bill') return 10;
  return valueCents >= 5000 ? 1000 : 11;
}

interface Item { key: string; count: number; units: number; keep: number; cost: number }

/** 1, 2, 4, … and the rest: any count up to n is a sum of some of these (0/1 knapsack over them). */
function chunks(n: number): number[] {
  const out: number[] = [];
  for (let k = 1; n > 0; k *= 2) { const c = Math.min(k, n); out.push(c); n -= c; }
  return out;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The float from the cash there is: the configured composition (× floats) as far as the pieces go,
 * the rest made up exactly by a change-making search. The search keeps as many composition pieces
 * as it can, then spends as little as it can by addCost; when even that cannot reach the target
 * (no choice of pieces adds up to it), it keeps the most it can below it.
 */
export function proposeFloat(available: DenominationCounts, composition: DenominationCounts, floats = 1): FloatProposal {
  const denoms = USD_DENOMINATIONS.filter((d) => (available[d.key] ?? 0) > 0);
  let target = 0;
  for (const [k, n] of Object.entries(composition)) target += n * floats * (USD_DENOMINATIONS.find((d) => d.key === k)?.valueCents ?? 0);
  const unit = denoms.reduce((g, d) => gcd(g, d.valueCents), 0) || 1;
  const T = Math.floor(target / unit);

  // Composition pieces reward keeping (primary cost −1 each); spare pieces cost addCost (secondary).
  const items: Item[] = [];
  for (const d of denoms) {
    const have = available[d.key]!;
    const inComposition = Math.min(have, (composition[d.key] ?? 0) * floats);
    const units = d.valueCents / unit;
    const fits = Math.floor(T / units);
    for (const c of chunks(Math.min(inComposition, fits))) items.push({ key: d.key, count: c, units: c * units, keep: -c, cost: 0 });
    for (const c of chunks(Math.min(have - inComposition, Math.max(0, fits - inComposition)))) items.push({ key: d.key, count: c, units: c * units, keep: 0, cost: c * addCost(d.valueCents, d.kind) });
  }

  // score[a]: the cheapest way to hold exactly a units, keep first, then cost (keep × 2^32 + cost: cost
  // stays far below 2^32, and the sum exact in a double); taken: per item, the amounts it was chosen for.
  const W = 2 ** 32;
  const score = new Float64Array(T + 1).fill(Infinity);
  score[0] = 0;
  const words = (T >> 5) + 1;
  const taken = new Uint32Array(items.length * words);
  items.forEach((it, i) => {
    const add = it.keep * W + it.cost;
    for (let a = T; a >= it.units; a--) {
      const s = score[a - it.units]! + add;
      if (s < score[a]!) {
        score[a] = s;
        taken[i * words + (a >> 5)]! |= 1 << (a & 31);
      }
    }
  });

  let a = T;
  while (a > 0 && score[a] === Infinity) a--;
  const exactPossible = a === T && T * unit === target;
  const kept: DenominationCounts = {};
  for (let i = items.length - 1; i >= 0 && a > 0; i--) {
    if (taken[i * words + (a >> 5)]! & (1 << (a & 31))) {
      const it = items[i]!;
      kept[it.key] = (kept[it.key] ?? 0) + it.count;
      a -= it.units;
    }
  }
  const normal = normalCounts(kept);
  return { kept: normal, targetCents: target, keptCents: countTotal(normal), exactPossible };
}

/** The float a person chose must come out of the cash there is, denomination by denomination. */
export function checkFloat(available: DenominationCounts, floatKept: DenominationCounts): void {
  validateCounts(floatKept, 'floatKept');
  for (const [k, n] of Object.entries(floatKept)) {
    const have = available[k] ?? 0;
    if (n > have) {
      const label = USD_DENOMINATIONS.find((d) => d.key === k)?.label ?? k;
      throw new StationError('FLOAT_EXCEEDS_CASH', { count: n, denomination: label, available: have }, `floatKept.${k}`);
    }
  }
}
