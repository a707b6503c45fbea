// Count sheets on paper: one line per denomination counted, in the currency's order.
import { USD_DENOMINATIONS, type Denomination, type DenominationCounts } from '../../shared/denominations';
import type { DocLine, FormContext, Lang } from './doc';
import { money } from './common';
import { pair, text } from './layout';

const ES_LABEL: Record<string, string> = {
  coin_100: 'Moneda $1', roll_25: 'Rollo 25¢ $10', roll_10: 'Rollo 10¢ $5', roll_5: 'Rollo 5¢ $2', roll_1: 'Rollo 1¢ 50¢',
};

export function denominationLabel(d: Denomination, lang: Lang): string {
  return lang === 'es' ? (ES_LABEL[d.key] ?? d.label) : d.label;
}

/** "  20 x $20 ........ $400.00" for each denomination with a count. */
export function countLines(ctx: FormContext, counts: DenominationCounts, set: readonly Denomination[] = USD_DENOMINATIONS): DocLine[] {
  return set.flatMap((d) => {
    const n = counts[d.key] ?? 0;
    if (n <= 0) return [];
    return text(pair(`${String(n).padStart(5)} x ${denominationLabel(d, ctx.lang)}`, money(n * d.valueCents), ctx.columns));
  });
}
