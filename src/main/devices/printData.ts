// What a print job prints, taken from the ledger inside the posting's transaction: a snapshot, so the
// slip shows the figures as they were when the money was taken (e.g. the balance left after it).
import type { DenominationCounts } from '../../shared/denominations';
import type { DepositView, XReport, ZReport } from '../../shared/endOfDayViews';
import type { PrintForm } from '../../shared/printing';
import type { MovementView } from '../../shared/views';
import type { MovementPrint } from '../../hardware/forms/movementSlip';
import type { ReceiptPrint } from '../../hardware/forms/receipt';
import type { VoidPrint } from '../../hardware/forms/voidReceipt';
import type { ArrangementPrint } from '../../hardware/forms/arrangement';
import type { SlipPrint } from '../../shared/slips';
import type { BatchReportView } from '../../shared/contract/batches';
import { formatCents } from '../../shared/money';
import { msg, type StationMessage } from '../../shared/messages';
import { getAccount } from '../station/accounts';
import { catalog } from '../station/catalogCache';
import { receiptView } from '../station/receiptView';
import type { Station } from '../station/station';

export type JobData =
  | { form: 'receipt'; print: ReceiptPrint }
  | { form: 'void'; print: VoidPrint }
  | { form: 'drop' | 'paid_out' | 'paid_in'; print: MovementPrint }
  | { form: 'x_report'; report: XReport }
  | { form: 'z_report'; report: ZReport; duplicate: boolean }
  | { form: 'deposit_slip'; deposit: DepositView; duplicate: boolean }
  | { form: 'test' }
  | { form: 'arrangement'; print: ArrangementPrint }
  | { form: 'validation' | 'endorsement'; slip: SlipPrint }
  | { form: 'batch_report'; report: BatchReportView; duplicate: boolean };

const userName = (station: Station, id: string | null | undefined): string =>
  (id ? station.st.sqlGet<{ name: string }>('SELECT name FROM users WHERE id = ?', id)?.name ?? id : '');

/** The receipt as printed; balances of the utility accounts it paid on, after it. */
export function receiptPrint(station: Station, receiptId: string, duplicate: boolean): ReceiptPrint {
  const receipt = receiptView(station, receiptId, duplicate);
  const codes = catalog(station);
  const accounts = [...new Set(receipt.lines.filter((l) => l.accountNumber && codes.get(l.revenueCode)?.category === 'utility').map((l) => l.accountNumber!))];
  const balances = accounts.flatMap((a) => {
    try { return [{ accountNumber: a, balanceCents: getAccount(station, a).balanceCents }]; } catch { return []; }
  });
  return { receipt, balances, duplicate };
}

export function voidPrint(station: Station, p: { receiptId: string; userId: string; approvedBy: string; reason: string }, at: string): VoidPrint {
  return { receipt: receiptView(station, p.receiptId), voidedAt: at, voidedBy: userName(station, p.userId), approvedBy: userName(station, p.approvedBy), reason: p.reason };
}

export function movementPrint(station: Station, m: MovementView & { businessDay: string; counts: DenominationCounts | null }): MovementPrint {
  const { businessDay, counts, ...movement } = m;
  return { movement, businessDay, counts, userName: userName(station, m.userId), approverName: m.approvedBy ? userName(station, m.approvedBy) : null };
}

/** What a job is, as a message code for the UI to word in the cashier's language (jobLabel is the slip's). */
export function jobLabelMessage(data: JobData): StationMessage {
  switch (data.form) {
    case 'receipt': return msg('job.receipt', { number: data.print.receipt.receiptNumber });
    case 'void': return msg('job.void', { number: data.print.receipt.receiptNumber });
    case 'drop': return msg('job.drop', { amountCents: data.print.movement.amountCents });
    case 'paid_out': return msg('job.paidOut', { amountCents: data.print.movement.amountCents });
    case 'paid_in': return msg('job.paidIn', { amountCents: data.print.movement.amountCents });
    case 'x_report': return msg('job.xReport', { day: data.report.session.businessDay, cashier: data.report.session.cashier.name });
    case 'z_report': return msg('job.zReport', { day: data.report.session.businessDay, cashier: data.report.session.cashier.name });
    case 'deposit_slip': return msg('job.depositSlip', { amountCents: data.deposit.totalCents });
    case 'validation': return msg('job.validation', { number: data.slip.receiptNumber, account: data.slip.accountNumber ?? '', amountCents: data.slip.amountCents, copy: data.slip.copy ? 1 : 0 });
    case 'batch_report': return msg('job.batchReport', { number: data.report.batch.batchNumber });
    case 'endorsement': return msg('job.endorsement', { number: data.slip.receiptNumber, checkNumber: data.slip.checkNumber ?? '', amountCents: data.slip.amountCents, copy: data.slip.copy ? 1 : 0 });
    case 'test': return msg('job.test');
    case 'arrangement': return msg('job.arrangement', { number: data.print.arrangement.number });
  }
}

/** Words for the job list. */
export function jobLabel(data: JobData, lang: 'en' | 'es' = 'en'): string {
  const es = lang === 'es';
  switch (data.form) {
    case 'receipt': return `${es ? 'Recibo' : 'Receipt'} ${data.print.receipt.receiptNumber}`;
    case 'void': return `${es ? 'Anulación' : 'Void'} ${data.print.receipt.receiptNumber}`;
    case 'drop': return `${es ? 'Depósito a caja fuerte' : 'Drop slip'} ${formatCents(data.print.movement.amountCents)}`;
    case 'paid_out': return `${es ? 'Salida de efectivo' : 'Paid-out slip'} ${formatCents(data.print.movement.amountCents)}`;
    case 'paid_in': return `${es ? 'Entrada de efectivo' : 'Paid-in slip'} ${formatCents(data.print.movement.amountCents)}`;
    case 'x_report': return `${es ? 'Informe X' : 'X report'} ${data.report.session.businessDay} ${data.report.session.cashier.name}`;
    case 'z_report': return `${es ? 'Informe Z' : 'Z report'} ${data.report.session.businessDay} ${data.report.session.cashier.name}`;
    case 'deposit_slip': return `${es ? 'Boleta de depósito' : 'Deposit slip'} ${formatCents(data.deposit.totalCents)}`;
    case 'validation': return `${es ? 'Validación' : 'Validation'} ${data.slip.receiptNumber} ${es ? 'cuenta' : 'account'} ${data.slip.accountNumber ?? ''}${data.slip.copy ? (es ? ' (copia)' : ' (copy)') : ''}`;
    case 'endorsement': return `${es ? 'Endoso' : 'Endorsement'} ${data.slip.receiptNumber} ${es ? 'cheque' : 'check'} ${data.slip.checkNumber ?? ''}${data.slip.copy ? (es ? ' (copia)' : ' (copy)') : ''}`;
    case 'test': return es ? 'Página de prueba' : 'Test page';
    case 'arrangement': return `${es ? 'Convenio de pago' : 'Payment arrangement'} ${data.print.arrangement.number}`;
    case 'batch_report': return `${es ? 'Informe del lote' : 'Batch report'} ${data.report.batch.batchNumber}`;
  }
}

export const formOf = (d: JobData): PrintForm => d.form;
