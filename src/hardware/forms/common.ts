// Pieces every slip shares: the city heading, the facts block, signature lines, the code and the cut.
import { formatCents } from '../../shared/money';
import type { DocLine, FormContext } from './doc';
import { centered, pair, rule, text, wrap } from './layout';

export const money = (cents: number): string => formatCents(cents);

/** City name and address, then the form's title (big when it fits). */
export function heading(ctx: FormContext, title: string): DocLine[] {
  const w = ctx.columns;
  return [
    ...centered(ctx.city.name.toUpperCase(), w, { bold: true }),
    ...centered(ctx.city.address, w),
    { kind: 'feed', lines: 1 },
    ...centered(title, w, { bold: true, big: title.length <= w / 2 }),
  ];
}

/** "Label ……… value" lines. */
export function facts(ctx: FormContext, rows: [string, string | null | undefined][]): DocLine[] {
  return rows.flatMap(([k, v]) => (v ? text(pair(k, v, ctx.columns)) : []));
}

export const hr = (ctx: FormContext, ch = '-'): DocLine => ({ kind: 'text', text: rule(ctx.columns, ch) });

/** An amount line, optionally bold (totals). */
export function amountLine(ctx: FormContext, label: string, cents: number, bold = false): DocLine[] {
  return text(pair(label, money(cents), ctx.columns), { bold });
}

/** Indented detail lines under an item. */
export function detail(ctx: FormContext, s: string): DocLine[] {
  return text(wrap(s, ctx.columns - 2).map((l) => '  ' + l));
}

/** Signature lines: "Cashier ________". */
export function signatures(ctx: FormContext, labels: string[]): DocLine[] {
  return labels.flatMap((l) => [{ kind: 'feed' as const, lines: 2 }, { kind: 'text' as const, text: `${l} ${'_'.repeat(Math.max(4, ctx.columns - l.length - 1))}` }]);
}

/** The receipt number as a scannable code and as text. */
export function codeOf(ctx: FormContext, data: string): DocLine[] {
  if (ctx.code === 'none') return [];
  return [{ kind: ctx.code, data }, ...centered(data, ctx.columns)];
}
