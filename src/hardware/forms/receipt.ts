// The customer receipt: what was paid for, how, the change, and what is still owed on utility accounts.
import type { ReceiptView } from '../../shared/views';
import type { DocLine, FormContext, PrintDoc } from './doc';
import { amountLine, codeOf, detail, facts, heading, hr, money } from './common';
import { centered, lastDigits, localDateTime, pair, text, wrap } from './layout';
import { brandName, tenderName, words } from './strings';

export interface ReceiptPrint {
  receipt: ReceiptView;
  /** Balance left on each utility account after this payment, when the directory knows it. */
  balances: { accountNumber: string; balanceCents: number }[];
  /** A reprint: says DUPLICATE. */
  duplicate: boolean;
}

const signedMoney = (c: number): string => (c > 0 ? `+${money(c)}` : `-${money(-c)}`);

export function tenderLabel(ctx: FormContext, t: ReceiptView['tenders'][number]): string {
  const w = words(ctx.lang);
  const name = tenderName(ctx.lang, t.kind);
  switch (t.kind) {
    case 'check': return [name, t.checkNumber ? `${w.checkNo} ${t.checkNumber}` : '', t.checkAccount ? `${w.acct} ${lastDigits(t.checkAccount)}` : ''].filter(Boolean).join(' ');
    case 'card': return [name, brandName(t.cardBrand), t.cardLast4 ? `****${t.cardLast4}` : '', t.cardAuth ? `${w.auth} ${t.cardAuth}` : ''].filter(Boolean).join(' ');
    case 'money_order': case 'other': return t.reference ? `${name} ${w.ref} ${t.reference}` : name;
    default: return name;
  }
}

/** The EMV fields a card receipt carries (from the terminal's approval), a signature line when asked for. */
export function cardDetails(ctx: FormContext, t: ReceiptView['tenders'][number]): DocLine[] {
  if (t.kind !== 'card') return [];
  const w = words(ctx.lang);
  const c = t.card;
  if (!c) return detail(ctx, w.cardKeyed);
  const out: DocLine[] = [
    ...detail(ctx, `${w.cardPan} ${c.maskedPan}`),
    ...(c.appLabel ? detail(ctx, `${w.cardApp} ${c.appLabel}`) : []),
    ...(c.aid ? detail(ctx, `${w.cardAid} ${c.aid}`) : []),
    ...detail(ctx, `${w.cardEntry} ${w.entryModes[c.entryMode] ?? c.entryMode}`),
    ...detail(ctx, `${w.cardTerminal} ${c.terminalId}`),
    ...detail(ctx, `${w.cardResult} ${c.offline ? w.cardApprovedOffline : w.cardApproved} ${w.auth} ${t.cardAuth ?? ''}`),
  ];
  if (c.signatureRequired) out.push({ kind: 'feed', lines: 2 }, ...text(['_'.repeat(Math.min(ctx.columns, 32))]), ...detail(ctx, w.cardSign));
  return out;
}

export function receiptForm(ctx: FormContext, data: ReceiptPrint): PrintDoc {
  const r = data.receipt;
  const w = words(ctx.lang);
  const lines: DocLine[] = [...heading(ctx, w.receipt)];
  if (data.duplicate) lines.push(...centered(w.duplicate, ctx.columns, { bold: true, big: w.duplicate.length <= ctx.columns / 2 }), ...centered(w.duplicateNote, ctx.columns));
  if (r.voided) lines.push(...centered(`*** ${w.voidTitle} ***`, ctx.columns, { bold: true }));
  lines.push(hr(ctx), ...facts(ctx, [
    [w.receiptNo, r.receiptNumber],
    [w.businessDay, r.businessDay],
    [w.dateTime, localDateTime(r.createdAt, ctx.timeZone)],
    [w.station, r.stationId],
    [w.cashier, r.cashierName],
    [w.payer, r.payerName],
  ]), hr(ctx));

  for (const l of r.lines) {
    const name = ctx.lang === 'es' ? l.nameEs : l.nameEn;
    lines.push(...text(pair(`${l.revenueCode} ${name}`, money(l.amountCents), ctx.columns)));
    if (l.accountNumber) lines.push(...detail(ctx, `${w.account} ${l.accountNumber}`));
    if (l.description) lines.push(...detail(ctx, l.description));
    if (l.glAccount) lines.push(...detail(ctx, `${w.gl} ${l.glAccount}`));
  }
  lines.push(hr(ctx), ...amountLine(ctx, w.total, r.totalCents, true));
  // Cash rounded to 5¢ (issue 15): its own line, then what the cash paid.
  if (r.cashRoundingCents) {
    lines.push(...text(pair(w.cashRounding, signedMoney(r.cashRoundingCents), ctx.columns)));
    lines.push(...amountLine(ctx, w.cashDue, r.totalCents + r.cashRoundingCents, true));
  }
  for (const t of r.tenders) {
    lines.push(...text(pair(tenderLabel(ctx, t), money(t.amountCents), ctx.columns)));
    lines.push(...cardDetails(ctx, t));
  }
  if (r.changeCents > 0 || r.tenders.some((t) => t.kind === 'cash')) lines.push(...amountLine(ctx, w.change, r.changeCents, true));

  if (data.balances.length) {
    lines.push(hr(ctx), ...text(wrap(`${w.balanceRemaining} (${w.balanceAfter})`, ctx.columns)));
    for (const b of data.balances) lines.push(...text(pair(`  ${w.account} ${b.accountNumber}`, money(b.balanceCents), ctx.columns)));
  }
  lines.push(hr(ctx), { kind: 'feed', lines: 1 }, ...codeOf(ctx, r.receiptNumber), { kind: 'feed', lines: 1 },
    ...centered(w.thanks, ctx.columns, { bold: true }), ...centered(w.keep, ctx.columns));
  return { columns: ctx.columns, lines, cut: true };
}
