// Drop (safe bag), paid-out and paid-in slips: the amount, who, why, counts, and signature lines.
import type { DenominationCounts } from '../../shared/denominations';
import type { MovementView } from '../../shared/views';
import type { DocLine, FormContext, PrintDoc } from './doc';
import { amountLine, detail, facts, heading, hr, signatures } from './common';
import { countLines } from './denominations';
import { localDateTime, text } from './layout';
import { words } from './strings';

export interface MovementPrint {
  movement: MovementView;
  businessDay: string;
  userName: string;
  approverName: string | null;
  counts: DenominationCounts | null;
}

export function movementForm(ctx: FormContext, data: MovementPrint): PrintDoc {
  const m = data.movement;
  const w = words(ctx.lang);
  const title = m.kind === 'drop' ? w.dropTitle : m.kind === 'paid_out' ? w.paidOutTitle : m.kind === 'paid_in' ? w.paidInTitle : w.noSaleTitle;
  const lines: DocLine[] = [
    ...heading(ctx, title),
    hr(ctx),
    ...facts(ctx, [
      [w.slipNo, m.id.slice(0, 8).toUpperCase()],
      [w.businessDay, data.businessDay],
      [w.dateTime, localDateTime(m.createdAt, ctx.timeZone)],
      [w.station, ctx.stationId],
      [w.cashier, data.userName],
      [w.approvedBy, data.approverName],
    ]),
  ];
  if (m.reason) lines.push(...detail(ctx, `${w.reason}: ${m.reason}`));
  lines.push(hr(ctx), ...amountLine(ctx, w.amount, m.amountCents, true));
  if (data.counts && Object.values(data.counts).some((n) => n > 0)) lines.push(hr(ctx), ...text([w.counts]), ...countLines(ctx, data.counts));
  lines.push(hr(ctx));
  const signs = m.kind === 'paid_out' ? [w.signReceived, w.approvedBy] : m.kind === 'drop' ? [w.signCashier, w.signWitness] : [w.signCashier];
  lines.push(...signatures(ctx, signs), { kind: 'feed', lines: 1 });
  return { columns: ctx.columns, lines, cut: true };
}
