// The batch report printed (a job in the durable print queue) or as a PDF: device-room jobs, joined with
// the batch handlers in the registry.
import { batchReportForm } from '../../hardware/forms/batchReport';
import { renderPdf } from '../../hardware/forms/pdf';
import { batchReport } from '../station/batches/report';
import type { Handlers } from '../station/handlers';
import { printing } from './printing';
import { formContext } from './printDocs';
import { receiptLanguage } from './printSettings';

export const batchReportHandlers: Handlers<'batch.print' | 'batch.pdf'> = {
  'batch.print': ({ station, user }, i) => {
    const report = batchReport(station, i.batchId);
    // A report printed before: this one is a copy and says DUPLICATE.
    const again = station.st.sqlGet("SELECT 1 FROM print_jobs WHERE form = 'batch_report' AND ref = ? AND state <> 'cancelled'", report.batch.id) !== undefined;
    return printing(station).queue.request({ form: 'batch_report', report, duplicate: again }, report.batch.id, user.id);
  },
  'batch.pdf': async ({ station }, i) => {
    const report = batchReport(station, i.batchId);
    const b = report.batch;
    const { bytes, pages } = await renderPdf(batchReportForm(formContext(station, 80, i.lang ?? receiptLanguage(station)), report), {
      title: `Batch report ${b.batchNumber}`, footer: `${station.config.cityName} - batch ${b.batchNumber} ${b.businessDay}`,
    });
    return { filename: `batch-report-${b.batchNumber}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64'), pages };
  },
};
