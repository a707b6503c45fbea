// The deposit slip for the bank bag: bank and account, date, currency and coin, each check listed,
// total, bag/seal number and preparer (DOMAIN.md "Deposit slip").
import type { DepositItem, DepositView } from '../../shared/endOfDayViews';
import type { DocLine, FormContext, PrintDoc } from './doc';
import { amountLine, detail, facts, heading, hr, money, signatures } from './common';
import { countLines } from './denominations';
import { centered, lastDigits, localDateTime, pair, text } from './layout';
import { words } from './strings';

function itemLines(ctx: FormContext, i: DepositItem): DocLine[] {
  const w = words(ctx.lang);
  const left = i.kind === 'check'
    ? `${String(i.itemNo).padStart(3)} ${i.routing ?? ''} ${i.account ? lastDigits(i.account) : ''} ${w.checkNo} ${i.checkNumber ?? ''}${i.sentAs === 'image' ? ` ${w.imageMark}` : ''}`
    : `${String(i.itemNo).padStart(3)} ${i.reference ?? ''}`;
  return text(pair(left.replace(/\s+/g, ' ').trimEnd(), money(i.amountCents), ctx.columns));
}

export function depositSlipForm(ctx: FormContext, d: DepositView, duplicate = false): PrintDoc {
  const w = words(ctx.lang);
  const when = d.preparedAt ?? d.createdAt;
  const lines: DocLine[] = [...heading(ctx, w.depositTitle)];
  if (d.state === 'draft' || d.state === 'proposal') lines.push(...centered(w.draft, ctx.columns, { bold: true }));
  if (duplicate) lines.push(...centered(w.duplicate, ctx.columns, { bold: true }));
  lines.push(hr(ctx), ...facts(ctx, [
    [w.bank, d.bank.name],
    [w.routing, d.bank.routing],
    [w.bankAccount, d.bank.account],
    [w.date, when ? localDateTime(when, ctx.timeZone).slice(0, 10) : null],
    [w.businessDay, d.businessDays.join(', ')],
    [w.bag, d.bagNumber ?? '________'],
    [w.preparedBy, d.preparedBy?.name ?? d.createdBy?.name],
  ]), hr(ctx));

  const cash = d.cash.deposited;
  lines.push(...countLines(ctx, cash.counts),
    ...amountLine(ctx, w.currency, cash.currencyCents),
    ...amountLine(ctx, w.coin, cash.coinCents),
    ...amountLine(ctx, w.totalCash, cash.totalCents, true), hr(ctx));

  lines.push(...text([`${w.checkListing} (${d.checks.count})`], { bold: true }));
  for (const i of d.checks.items) lines.push(...itemLines(ctx, i));
  lines.push(...amountLine(ctx, w.totalChecks, d.checks.totalCents, true));
  // Which checks went to the bank electronically (the image cash letter) and which are in the bag.
  const imaged = d.checks.items.filter((i) => i.sentAs === 'image');
  if (imaged.length > 0) {
    const paper = d.checks.items.filter((i) => i.sentAs !== 'image');
    lines.push(...amountLine(ctx, `${w.sentAsImages} (${imaged.length})`, imaged.reduce((a, i) => a + i.amountCents, 0), false));
    lines.push(...amountLine(ctx, `${w.sentOnPaper} (${paper.length})`, paper.reduce((a, i) => a + i.amountCents, 0), false));
  }
  if (d.moneyOrders.count) {
    lines.push(...text([`${w.moneyOrders} (${d.moneyOrders.count})`], { bold: true }));
    for (const i of d.moneyOrders.items) lines.push(...itemLines(ctx, i));
    lines.push(...amountLine(ctx, w.total, d.moneyOrders.totalCents, true));
  }
  lines.push(hr(ctx, '='), ...text(pair(w.totalDeposit, money(d.totalCents), ctx.columns), { bold: true }), hr(ctx, '='));
  lines.push(...amountLine(ctx, w.floatKept, d.cash.floatKept.totalCents));
  // A float that is not the configured one is on paper with who accepted it.
  const f = d.float;
  if (f && f.differenceCents !== 0) {
    lines.push(...detail(ctx, `${w.floatShould} ${money(f.targetCents)}: ${money(Math.abs(f.differenceCents))} ${f.differenceCents < 0 ? w.floatShort : w.floatOver}${f.acceptedBy ? `, ${w.acceptedBy} ${f.acceptedBy.name}` : ''}`));
  }
  if (d.notDeposited.cardsCents || d.notDeposited.otherCents) lines.push(...amountLine(ctx, w.notDeposited, d.notDeposited.cardsCents + d.notDeposited.otherCents));
  lines.push(...detail(ctx, `${w.sessions}: ${d.sessions.map((s) => `${s.stationId} ${s.businessDay} ${s.cashier.name}`).join('; ')}`));
  if (d.bankConfirmedCents !== null) {
    lines.push(...amountLine(ctx, w.bankConfirmed, d.bankConfirmedCents), ...amountLine(ctx, w.difference, d.differenceCents ?? 0, true));
  }
  lines.push(...signatures(ctx, [w.preparedBy, w.signWitness]), { kind: 'feed', lines: 1 });
  return { columns: ctx.columns, lines, cut: true };
}
