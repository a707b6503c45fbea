// The payment arrangement agreement, in the customer's language: the account, the amount arranged and
// the down payment, the schedule, the terms, and signature lines for the customer and the cashier.
// A reprint says COPY. The same lines make the letter-size PDF.
import type { ArrangementView } from '../../shared/contract/arrangements';
import type { DocLine, FormContext, PrintDoc } from './doc';
import { amountLine, codeOf, facts, heading, hr, money, signatures } from './common';
import { centered, localDateTime, pair, text, wrap } from './layout';
import { words } from './strings';

export interface ArrangementPrint {
  arrangement: ArrangementView;
  /** A reprint: says COPY. */
  duplicate: boolean;
}

function scheduleLines(ctx: FormContext, a: ArrangementView): DocLine[] {
  const w = words(ctx.lang);
  const lines: DocLine[] = [...text([w.schedule], { bold: true }), ...text([w.scheduleHead])];
  for (const x of a.instalments) {
    const note = x.no === 0 ? ` ${w.downPayment.toLowerCase()}` : '';
    const paid = x.paidCents >= x.amountCents && x.no === 0 ? ` (${w.downPaid})` : '';
    lines.push(...text(pair(`${String(x.no).padStart(3)} ${x.dueDate}${note}${paid}`, money(x.amountCents), ctx.columns)));
  }
  lines.push(...amountLine(ctx, w.total, a.totalCents, true));
  return lines;
}

export function arrangementForm(ctx: FormContext, data: ArrangementPrint): PrintDoc {
  const a = data.arrangement;
  const w = words(ctx.lang);
  const width = ctx.columns;
  const lines: DocLine[] = [...heading(ctx, w.arrangementTitle)];
  if (data.duplicate) lines.push(...centered(w.copy, width, { bold: true, big: w.copy.length <= width / 2 }), ...centered(w.copyNote, width));
  if (a.status !== 'active') lines.push(...centered(`${w.status}: ${w.statusWord[a.status]}`, width, { bold: true }));
  lines.push(hr(ctx), ...facts(ctx, [
    [w.agreementNo, a.number],
    [w.dateTime, localDateTime(a.createdAt, ctx.timeZone)],
    [w.station, a.stationId],
    [w.cashier, a.createdBy.name],
  ]), hr(ctx), ...facts(ctx, [
    [w.account, a.accountNumber],
    [w.customer, a.payerName ?? a.accountName],
    [w.serviceAddress, a.serviceAddress],
  ]), hr(ctx));

  const count = a.instalmentCount;
  lines.push(...amountLine(ctx, w.amountArranged, a.totalCents, true));
  if (a.downPaymentCents > 0) lines.push(...amountLine(ctx, `${w.downPayment}${a.downReceiptNumber ? ` (${w.receiptNo} ${a.downReceiptNumber})` : ''}`, a.downPaymentCents));
  lines.push(...amountLine(ctx, `${count} ${count === 1 ? w.instalment : w.instalments}, ${w[a.frequency]}`, a.totalCents - a.downPaymentCents), hr(ctx));
  lines.push(...scheduleLines(ctx, a), hr(ctx));

  lines.push(...text(wrap(w.graceRule.replace('{{days}}', String(a.graceDays)), width), { bold: true }), { kind: 'feed', lines: 1 }, ...text(wrap(a.terms, width)));
  if (a.approvedBy) {
    lines.push({ kind: 'feed', lines: 1 }, ...text(wrap(`${w.overrideNote}: ${a.overrides.map((l) => w.limits[l]).join(', ')}`, width)), ...facts(ctx, [
      [w.approvedBy, a.approvedBy.name],
    ]), ...text(wrap(`${w.reason}: ${a.overrideReason ?? ''}`, width)));
  }
  lines.push(...signatures(ctx, [w.signCustomer, w.signCashier]), { kind: 'feed', lines: 1 }, ...codeOf(ctx, a.number), { kind: 'feed', lines: 1 });
  return { columns: width, lines, cut: true };
}
