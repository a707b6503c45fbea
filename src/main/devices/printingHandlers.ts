// Printing handlers: the print queue, reports and slips, PDFs, the drawer's state and log, settings.
import { randomUUID } from 'node:crypto';
import type { printingContract } from '../../shared/contract/printing';
import { slipLines } from '../../hardware/forms/plainText';
import { receiptForm } from '../../hardware/forms/receipt';
import type { Handlers } from '../station/handlers';
import { depositView } from '../station/endOfDay/deposits';
import { xReport, zReport } from '../station/endOfDay/reports';
import { receiptIdByNumber } from '../station/receiptView';
import { depositSlipPdf, zReportPdf } from './pdfDocs';
import { receiptPrint } from './printData';
import { formContext } from './printDocs';
import { printing } from './printing';
import { printSettings, receiptLanguage, savePrintSettings } from './printSettings';

export const printingHandlers: Handlers<keyof typeof printingContract> = {
  'print.jobs': ({ station }, i) => printing(station).queue.list(i.states, i.limit),
  'print.retry': ({ station, user }, i) => printing(station).queue.retry(i.jobId, user.id),
  'print.cancel': ({ station, user }, i) => printing(station).queue.cancel(i.jobId, user.id, i.reason),
  'print.xReport': ({ station, user }, i) => printing(station).queue.request({ form: 'x_report', report: xReport(station, i.sessionId) }, randomUUID(), user.id, 0),
  'print.zReport': ({ station, user }, i) => printing(station).queue.request({ form: 'z_report', report: zReport(station, i.sessionId), duplicate: hasOriginal(station, 'z_report', i.sessionId) }, i.sessionId, user.id),
  'print.depositSlip': ({ station, user }, i) => printing(station).queue.request({ form: 'deposit_slip', deposit: depositView(station, i.depositId), duplicate: hasOriginal(station, 'deposit_slip', i.depositId) }, i.depositId, user.id),
  'print.preview': ({ station }, i) => {
    const columns = i.columns ?? printing(station).queue.currentPrinter?.columns ?? 48;
    const doc = receiptForm(formContext(station, columns, i.lang ?? receiptLanguage(station)), receiptPrint(station, receiptIdByNumber(station, i.receiptNumber), false));
    return { columns, lines: slipLines(doc) };
  },
  'pdf.zReport': ({ station }, i) => zReportPdf(station, i.sessionId, i.lang ?? receiptLanguage(station)),
  'pdf.depositSlip': ({ station }, i) => depositSlipPdf(station, i.depositId, i.lang ?? receiptLanguage(station)),

  'drawer.state': ({ station }) => printing(station).drawer.state(),
  'drawer.log': ({ station }, i) => printing(station).drawer.logEntries(i.limit, i.sessionId),

  'printing.settings': ({ station }) => printSettings(station),
  'printing.updateSettings': ({ station }, i) => savePrintSettings(station, Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined))),
};

/** A report printed before: this one is a copy and says DUPLICATE. */
function hasOriginal(station: Parameters<typeof printSettings>[0], form: string, ref: string): boolean {
  return station.st.sqlGet("SELECT 1 FROM print_jobs WHERE form = ? AND ref = ? AND state <> 'cancelled'", form, ref) !== undefined;
}
