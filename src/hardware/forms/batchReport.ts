// The batch report: the control figures, each item, the difference, who entered it and who approved it.
import type { BatchReportView } from '../../shared/contract/batches';
import type { DocLine, FormContext, PrintDoc } from './doc';
import { amountLine, facts, heading, hr, money, signatures } from './common';
import { localDateTime, pair, text } from './layout';

const W = {
  en: {
    title: 'BATCH REPORT', batch: 'Batch', source: 'Source', day: 'Business day', opened: 'Opened', by: 'Entered by', closed: 'Closed', approved: 'Approved by',
    reason: 'Reason', file: 'File', control: 'Control', entered: 'Entered', difference: 'Difference', items: 'items', bank: 'Bank deposit',
    list: 'Items', received: 'rcvd', postmark: 'pm', voided: 'VOID', open: 'open', duplicate: '*** DUPLICATE ***', signPreparer: 'Prepared by', signApprover: 'Approved by',
    src: { mail: 'Mail', drop_box: 'Drop box', lockbox: 'Lockbox file', online: 'Online file' },
  },
  es: {
    title: 'INFORME DEL LOTE', batch: 'Lote', source: 'Origen', day: 'Día contable', opened: 'Abierto', by: 'Ingresado por', closed: 'Cerrado', approved: 'Aprobado por',
    reason: 'Motivo', file: 'Archivo', control: 'Control', entered: 'Ingresado', difference: 'Diferencia', items: 'partidas', bank: 'Depósito del banco',
    list: 'Partidas', received: 'recib', postmark: 'mat', voided: 'ANULADO', open: 'abierto', duplicate: '*** DUPLICADO ***', signPreparer: 'Preparado por', signApprover: 'Aprobado por',
    src: { mail: 'Correo', drop_box: 'Buzón', lockbox: 'Archivo lockbox', online: 'Archivo en línea' },
  },
} as const;

export function batchReportForm(ctx: FormContext, r: BatchReportView, duplicate = false): PrintDoc {
  const w = W[ctx.lang];
  const b = r.batch;
  const lines: DocLine[] = [...heading(ctx, w.title)];
  if (duplicate) lines.push(...text([w.duplicate], { align: 'center', bold: true }));
  lines.push(hr(ctx), ...facts(ctx, [
    [w.batch, b.batchNumber], [w.source, w.src[b.source]], [w.day, b.businessDay], [w.opened, `${localDateTime(b.openedAt, ctx.timeZone)} ${b.openedBy.name}`],
    [w.file, b.fileName], [w.closed, b.closure ? `${localDateTime(b.closure.at, ctx.timeZone)} ${b.closure.by.name}` : w.open],
    [w.approved, b.closure?.approvedBy?.name ?? null], [w.reason, b.closure?.reason ?? null],
  ]), hr(ctx));
  const fig = (label: string, n: number, cents: number) => pair(`${label} ${n} ${w.items}`, money(cents), ctx.columns);
  lines.push(...text([...fig(w.control, b.control.count, b.control.cents), ...fig(w.entered, b.entered.count, b.entered.cents)]));
  lines.push(...text(fig(w.difference, b.difference.count, b.difference.cents), { bold: true }));
  if (b.bankDepositCents !== null) lines.push(...amountLine(ctx, w.bank, b.bankDepositCents));
  lines.push(hr(ctx), ...text([w.list]));
  for (const it of b.items) {
    const left = `${it.itemNo} ${it.receiptNumber} ${it.accountNumbers.join(' ')}`;
    lines.push(...text(pair(left, it.voided ? `${w.voided} ${money(it.amountCents)}` : money(it.amountCents), ctx.columns)));
    const dates = `  ${w.received} ${it.dateReceived}${it.postmarkDate ? ` ${w.postmark} ${it.postmarkDate}` : ''}${it.checkNumber ? ` #${it.checkNumber}` : ''}${it.sourceRef ? ` ${it.sourceRef}` : ''} ${it.enteredBy.name}`;
    lines.push(...text([dates.slice(0, ctx.columns)]));
  }
  lines.push(hr(ctx), ...signatures(ctx, [w.signPreparer, w.signApprover]), { kind: 'feed', lines: 1 });
  return { columns: ctx.columns, lines, cut: true };
}
