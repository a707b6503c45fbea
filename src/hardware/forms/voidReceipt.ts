// The void slip: which receipt was cancelled, by whom, why, and what goes back to the payer.
import type { ReceiptView } from '../../shared/views';
import type { DocLine, FormContext, PrintDoc } from './doc';
import { codeOf, detail, facts, heading, hr, money } from './common';
import { centered, localDateTime, pair, text } from './layout';
import { tenderLabel } from './receipt';
import { words } from './strings';

export interface VoidPrint {
  receipt: ReceiptView;
  voidedAt: string;
  voidedBy: string;
  approvedBy: string;
  reason: string;
}

export function voidForm(ctx: FormContext, data: VoidPrint): PrintDoc {
  const r = data.receipt;
  const w = words(ctx.lang);
  const neg = (c: number) => `-${money(c)}`;
  const lines: DocLine[] = [
    ...heading(ctx, w.voidTitle),
    ...centered(w.voidSub, ctx.columns),
    hr(ctx),
    ...facts(ctx, [
      [w.original, r.receiptNumber],
      [w.originalDate, localDateTime(r.createdAt, ctx.timeZone)],
      [w.businessDay, r.businessDay],
      [w.voidedAt, localDateTime(data.voidedAt, ctx.timeZone)],
      [w.station, r.stationId],
      [w.voidedBy, data.voidedBy],
      [w.approvedBy, data.approvedBy],
      [w.payer, r.payerName],
    ]),
    ...detail(ctx, `${w.reason}: ${data.reason}`),
    hr(ctx),
  ];
  for (const l of r.lines) {
    lines.push(...text(pair(`${l.revenueCode} ${ctx.lang === 'es' ? l.nameEs : l.nameEn}`, neg(l.amountCents), ctx.columns)));
    if (l.accountNumber) lines.push(...detail(ctx, `${w.account} ${l.accountNumber}`));
  }
  lines.push(hr(ctx), ...text(pair(`${w.total} ${w.reversed}`, neg(r.totalCents), ctx.columns), { bold: true }), ...text([w.toReturn]));
  // What the payer gets back: the tenders, less the change they already had.
  for (const t of r.tenders) {
    const back = t.kind === 'cash' ? t.amountCents - r.changeCents : t.amountCents;
    if (back > 0) lines.push(...text(pair(`  ${tenderLabel(ctx, t)}`, money(back), ctx.columns)));
  }
  lines.push(hr(ctx), ...codeOf(ctx, r.receiptNumber), { kind: 'feed', lines: 1 });
  return { columns: ctx.columns, lines, cut: true };
}
