// X report (mid-session, nothing closed) and Z report (the close-out, with its count and over/short).
import type { CountSheet, OverShortLine, SessionReport, ZReport } from '../../shared/endOfDayViews';
import type { DocLine, FormContext, PrintDoc } from './doc';
import { amountLine, detail, facts, heading, hr, money, signatures } from './common';
import { countLines } from './denominations';
import { centered, localDateTime, pair, text } from './layout';
import { brandName, movementName, tenderName, words } from './strings';

const signed = (c: number): string => (c > 0 ? `+${money(c)}` : c < 0 ? `-${money(-c)}` : money(0));

function section(ctx: FormContext, title: string): DocLine[] {
  return [hr(ctx), ...text([title], { bold: true })];
}

function countSheet(ctx: FormContext, label: string, sheet: CountSheet): DocLine[] {
  return [...countLines(ctx, sheet.counts), ...amountLine(ctx, label, sheet.totalCents, true)];
}

function overShortLine(ctx: FormContext, l: OverShortLine): DocLine[] {
  const w = words(ctx.lang);
  const name = l.brand ? `  ${brandName(l.brand)}` : tenderName(ctx.lang, l.tender);
  return [
    ...text(pair(name, signed(l.overShortCents), ctx.columns), { bold: l.overShortCents !== 0 && !l.brand }),
    ...detail(ctx, `${w.expectedCounted}: ${money(l.expectedCents)} / ${money(l.countedCents)}`),
  ];
}

export function sessionReportForm(ctx: FormContext, r: SessionReport, duplicate = false): PrintDoc {
  const w = words(ctx.lang);
  const z = r.kind === 'Z' ? (r as ZReport) : null;
  const s = r.session;
  const lines: DocLine[] = [
    ...heading(ctx, z ? w.zTitle : w.xTitle),
    ...centered(z ? w.zSub : w.xSub, ctx.columns),
    ...(duplicate ? centered(w.duplicate, ctx.columns, { bold: true }) : []),
    hr(ctx),
    ...facts(ctx, [
      [w.station, s.stationId],
      [w.cashier, s.cashier.name],
      [w.businessDay, s.businessDay],
      [w.opened, localDateTime(s.openedAt, ctx.timeZone)],
      [w.closed, s.closedAt ? localDateTime(s.closedAt, ctx.timeZone) : null],
      [w.printed, localDateTime(r.generatedAt, ctx.timeZone)],
    ]),
    hr(ctx),
    ...text(pair(`${w.receipts} (${r.receipts.count})`, money(r.receipts.totalCents), ctx.columns), { bold: true }),
  ];
  if (r.receipts.firstNumber) lines.push(...detail(ctx, `${w.firstLast} ${r.receipts.firstNumber} - ${r.receipts.lastNumber ?? ''}`));

  // A session past the cut-off: each business day's share, adding up to the receipts above (issue 15).
  if (r.byBusinessDay.length > 1) {
    lines.push(...section(ctx, w.byBusinessDay));
    for (const d of r.byBusinessDay) {
      lines.push(...text(pair(`${d.businessDay} (${d.receipts.count})`, money(d.receipts.totalCents), ctx.columns)));
      for (const t of d.byTender.filter((x) => x.count > 0)) lines.push(...detail(ctx, `${tenderName(ctx.lang, t.kind)} (${t.count}) ${money(t.netCents)}`));
    }
  }

  lines.push(...section(ctx, w.byRevenueCode));
  for (const c of r.byRevenueCode) {
    lines.push(...text(pair(`${c.revenueCode} ${ctx.lang === 'es' ? c.nameEs : c.nameEn} (${c.lineCount})`, money(c.totalCents), ctx.columns)));
    lines.push(...detail(ctx, `${w.gl} ${c.glAccount}`));
  }

  lines.push(...section(ctx, w.byTender));
  for (const t of r.byTender) {
    lines.push(...text(pair(`${tenderName(ctx.lang, t.kind)} (${t.count})`, money(t.netCents), ctx.columns)));
    if (t.changeCents > 0) lines.push(...detail(ctx, `${money(t.tenderedCents)} - ${w.changeGiven} ${money(t.changeCents)}`));
  }
  if (r.cashRounding.count) lines.push(...detail(ctx, `${w.cashRoundingTotal} (${r.cashRounding.count}) ${signed(r.cashRounding.totalCents)}`));
  if (r.cardsByBrand.length) {
    lines.push(...text([w.cardsByBrand]));
    for (const b of r.cardsByBrand) lines.push(...text(pair(`  ${brandName(b.brand)} (${b.count})`, money(b.totalCents), ctx.columns)));
  }

  lines.push(...section(ctx, `${w.voids} (${r.voids.count})`), ...amountLine(ctx, w.total, r.voids.totalCents));
  for (const v of r.voids.items) {
    lines.push(...text(pair(`  ${v.receiptNumber}`, money(v.totalCents), ctx.columns)));
    lines.push(...detail(ctx, `${v.reason} - ${v.voidedBy.name} / ${v.approvedBy.name}`));
  }
  for (const [title, m] of [[w.paidIns, r.paidIns], [w.paidOuts, r.paidOuts], [w.drops, r.drops]] as const) {
    lines.push(...section(ctx, `${title} (${m.count})`), ...amountLine(ctx, w.total, m.totalCents));
    for (const i of m.items) {
      lines.push(...text(pair(`  ${localDateTime(i.at, ctx.timeZone).slice(11)} ${i.user.name}`, money(i.amountCents), ctx.columns)));
      if (i.reason) lines.push(...detail(ctx, i.reason));
    }
  }
  // Each heading with its own details under it: the no-sales, then the reprints.
  lines.push(...section(ctx, `${w.noSales} (${r.noSales.count})`));
  for (const n of r.noSales.items) lines.push(...detail(ctx, `${localDateTime(n.at, ctx.timeZone).slice(11)} ${n.user.name}: ${n.reason ?? ''}`));
  lines.push(...section(ctx, `${w.reprints} (${r.reprints.count})`));
  for (const p of r.reprints.items) lines.push(...detail(ctx, `${localDateTime(p.at, ctx.timeZone).slice(11)} ${p.receiptNumber} ${p.user.name}`));

  const e = r.expected;
  lines.push(...section(ctx, w.expected),
    ...amountLine(ctx, w.float, e.floatCents),
    ...amountLine(ctx, w.cashSales, e.cashSalesCents),
    ...amountLine(ctx, movementName(ctx.lang, 'paid_in'), e.paidInCents),
    ...text(pair(movementName(ctx.lang, 'paid_out'), `-${money(e.paidOutCents)}`, ctx.columns)),
    ...text(pair(movementName(ctx.lang, 'drop'), `-${money(e.dropsCents)}`, ctx.columns)),
    ...amountLine(ctx, w.cashExpected, e.cashCents, true),
    ...text(pair(`${w.checks} (${e.checks.count})`, money(e.checks.totalCents), ctx.columns)),
    ...text(pair(`${w.moneyOrders} (${e.moneyOrders.count})`, money(e.moneyOrders.totalCents), ctx.columns)),
    ...text(pair(`${w.cards} (${e.cards.count})`, money(e.cards.totalCents), ctx.columns)),
    ...text(pair(`${w.other} (${e.other.count})`, money(e.other.totalCents), ctx.columns)),
  );

  if (z) {
    const c = z.closeout.count;
    lines.push(...section(ctx, w.count), ...facts(ctx, [[w.countedBy, c.countedBy.name], [w.dateTime, localDateTime(c.countedAt, ctx.timeZone)]]));
    lines.push(...countSheet(ctx, w.cashCounted, c.cash));
    if (c.drops.length) lines.push(...amountLine(ctx, w.dropsVerified, c.drops.reduce((a, d) => a + d.counted.totalCents, 0)));
    for (const i of c.items.filter((i) => i.status !== 'present')) {
      lines.push(...detail(ctx, `${i.status === 'missing' ? w.missing : w.extra}: ${tenderName(ctx.lang, i.kind)} ${i.checkNumber ?? i.reference ?? ''} ${money(i.amountCents)}`));
    }
    lines.push(...section(ctx, w.overShort));
    for (const l of c.lines) lines.push(...overShortLine(ctx, l));
    for (const l of c.cardLines) lines.push(...overShortLine(ctx, l));
    lines.push(...text(pair(w.totalOverShort, signed(c.overShortCents), ctx.columns), { bold: true }));
    lines.push(...centered(z.closeout.balanced ? w.balanced : c.withinTolerance ? w.withinTolerance : w.notBalanced, ctx.columns, { bold: true }));
    const cl = z.closeout.closure;
    if (cl?.approvedBy) lines.push(...detail(ctx, `${w.approved}: ${cl.approvedBy.name} - ${cl.reason ?? ''}`));
    lines.push(hr(ctx), ...signatures(ctx, [w.signCashier, w.signSupervisor]));
  }
  lines.push({ kind: 'feed', lines: 1 });
  return { columns: ctx.columns, lines, cut: true };
}
