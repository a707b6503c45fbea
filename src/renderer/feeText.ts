// How a computed fee came about, in the cashier's language, from the rule the station applied and
// the inputs keyed (the amount itself is the station's).
import type { FeeInputs, FeeRule } from '../shared/fees';
import type { Language } from '../shared/errors';
import i18n from './i18n';
import { count, money } from './format';
import { PARAM_WORDS } from './i18n/details.es';

function word(w: string, lang: Language): string {
  return PARAM_WORDS[lang][w] ?? w;
}

/** Percent from a decimal-string rate ("0.06" → "6"), by moving the point: no float. */
function percent(rate: string): string {
  const [whole = '0', frac = ''] = rate.split('.');
  const f = frac.padEnd(2, '0');
  const intPart = String(Number(whole + f.slice(0, 2)));
  const rest = f.slice(2).replace(/0+$/, '');
  return rest ? `${intPart}.${rest}` : intPart;
}

export function explainFee(rule: FeeRule, inputs: FeeInputs, amountCents: number, lang: Language): string | undefined {
  const t = i18n.getFixedT(lang);
  switch (rule.type) {
    case 'tiered': {
      const q = inputs.quantity ?? 0;
      const tier = rule.tiers.find((x) => x.upTo === null || q <= x.upTo);
      const upTo = tier?.upTo;
      return upTo === null || upTo === undefined
        ? t('fee.explainTierTop', { q: count(q, lang), unit: word(rule.unitLabel, lang), amount: money(amountCents, lang) })
        : t('fee.explainTier', { q: count(q, lang), unit: word(rule.unitLabel, lang), upTo: count(upTo, lang), amount: money(amountCents, lang) });
    }
    case 'per_unit':
      return t('fee.explainUnit', { q: count(inputs.quantity ?? 0, lang), unit: word(rule.unitLabel, lang), price: rule.unitPrice, amount: money(amountCents, lang) });
    case 'percentage':
      return t('fee.explainPercent', { pct: percent(rule.rate), base: money(inputs.baseCents ?? 0, lang), amount: money(amountCents, lang) });
    case 'late_penalty':
      return t('fee.explainLate', { pct: percent(rule.monthlyRate), months: count(inputs.monthsPastDue ?? 0, lang), base: money(inputs.baseCents ?? 0, lang), amount: money(amountCents, lang) });
    default:
      return undefined;
  }
}
