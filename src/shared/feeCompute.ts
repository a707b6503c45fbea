// Fee rules computed with decimal.js; each rule rounds half-up to the cent once, at its end. Shared so the
// hub checks a receipt's fee against its own schedule with the very arithmetic the station used.
import Decimal from 'decimal.js';
import type { FeeInputs, FeeRule } from './fees';
import { StationError } from './errors';
import { formatCents } from './money';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Dollars (decimal string) × count → cents, rounded half-up at the end of the rule. */
function toCents(dollars: Decimal): number {
  return dollars.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

function need<T>(code: string, value: T | undefined, input: string): T {
  if (value === undefined) throw new StationError('FEE_INPUT_MISSING', { code, input }, `feeInputs.${input}`);
  return value;
}

export interface FeeResult { amountCents: number | null; explanation: string }

/** amountCents null: an open-amount code, the cashier keys the amount. */
export function computeFee(code: string, rule: FeeRule, inputs: FeeInputs = {}): FeeResult {
  switch (rule.type) {
    case 'open':
      return { amountCents: null, explanation: 'amount as keyed' };
    case 'fixed':
      return { amountCents: rule.amountCents, explanation: `fixed ${formatCents(rule.amountCents)}` };
    case 'per_unit': {
      const q = need(code, inputs.quantity, 'quantity');
      const amount = Math.max(toCents(new D(rule.unitPrice).times(q)), rule.minimumCents ?? 0);
      return { amountCents: amount, explanation: `${q} ${rule.unitLabel} × $${rule.unitPrice}${rule.minimumCents ? `, minimum ${formatCents(rule.minimumCents)}` : ''}` };
    }
    case 'tiered': {
      const q = need(code, inputs.quantity, 'quantity');
      const tier = rule.tiers.find((t) => t.upTo === null || q <= t.upTo) ?? rule.tiers[rule.tiers.length - 1]!;
      return { amountCents: tier.amountCents, explanation: `${q} ${rule.unitLabel}: tier ${tier.upTo === null ? 'over ' + String(rule.tiers[rule.tiers.length - 2]?.upTo ?? 0) : 'up to ' + tier.upTo} = ${formatCents(tier.amountCents)}` };
    }
    case 'percentage': {
      const base = need(code, inputs.baseCents, 'baseCents');
      const amount = toCents(new D(base).div(100).times(rule.rate));
      return { amountCents: amount, explanation: `${new D(rule.rate).times(100).toString()}% of ${formatCents(base)}` };
    }
    case 'late_penalty': {
      const base = need(code, inputs.baseCents, 'baseCents');
      const months = need(code, inputs.monthsPastDue, 'monthsPastDue');
      const raw = toCents(new D(base).div(100).times(rule.monthlyRate).times(months));
      const amount = Math.min(raw, rule.capCents);
      return { amountCents: amount, explanation: `${new D(rule.monthlyRate).times(100).toString()}% × ${months} months of ${formatCents(base)}${raw > rule.capCents ? `, capped at ${formatCents(rule.capCents)}` : ''}` };
    }
  }
}
