// Which notes and coins to keep back from a deposit for tomorrow's float.
import { USD_DENOMINATIONS, countTotal, type DenominationCounts } from '../../../shared/denominations';
import { StationError } from '../../../shared/errors';
import { validateCounts } from '../sessions';
import { normalCounts } from './common';

/**
 * Keeps the configured float composition (× floats) as far as the cash allows; where a
 * denomination runs short the value is made up from the largest spare pieces that fit.
 */
export function proposeFloat(available: DenominationCounts, composition: DenominationCounts, floats = 1): DenominationCounts {
  const kept: DenominationCounts = {};
  let wanted = 0;
  for (const [k, n] of Object.entries(composition)) {
    const want = n * floats;
    kept[k] = Math.min(want, available[k] ?? 0);
    wanted += want * (USD_DENOMINATIONS.find((d) => d.key === k)?.valueCents ?? 0);
  }
  let short = wanted - countTotal(normalCounts(kept));
  for (const d of [...USD_DENOMINATIONS].sort((a, b) => b.valueCents - a.valueCents)) {
    if (short <= 0) break;
    const spare = (available[d.key] ?? 0) - (kept[d.key] ?? 0);
    const take = Math.min(spare, Math.floor(short / d.valueCents));
    if (take > 0) {
      kept[d.key] = (kept[d.key] ?? 0) + take;
      short -= take * d.valueCents;
    }
  }
  return normalCounts(kept);
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
