// A queued job's data laid out for the printer it is going to: paper width, language, code.
import { batchReportForm } from '../../hardware/forms/batchReport';
import type { Columns, FormContext, PrintDoc } from '../../hardware/forms/doc';
import { depositSlipForm } from '../../hardware/forms/depositSlip';
import { movementForm } from '../../hardware/forms/movementSlip';
import { receiptForm } from '../../hardware/forms/receipt';
import { sessionReportForm } from '../../hardware/forms/sessionReport';
import { testPageForm } from '../../hardware/forms/testPage';
import { voidForm } from '../../hardware/forms/voidReceipt';
import { arrangementForm } from '../../hardware/forms/arrangement';
import type { Station } from '../station/station';
import type { JobData } from './printData';
import { printSettings } from './printSettings';

export function formContext(station: Station, columns: Columns, lang: 'en' | 'es'): FormContext {
  const c = station.config;
  return { columns, lang, city: { name: c.cityName, address: c.cityAddress }, stationId: station.stationId, timeZone: c.timeZone, code: printSettings(station).receiptCode };
}

export function docFor(ctx: FormContext, data: JobData): PrintDoc {
  switch (data.form) {
    case 'receipt': return receiptForm(ctx, data.print);
    case 'void': return voidForm(ctx, data.print);
    case 'drop': case 'paid_out': case 'paid_in': return movementForm(ctx, data.print);
    case 'x_report': return sessionReportForm(ctx, data.report);
    case 'z_report': return sessionReportForm(ctx, data.report, data.duplicate);
    case 'deposit_slip': return depositSlipForm(ctx, data.deposit, data.duplicate);
    case 'batch_report': return batchReportForm(ctx, data.report, data.duplicate);
    // A slip prints on the slip station (printQueue → printer.printSlip); as a roll form it is its text.
    case 'validation': case 'endorsement': return { columns: ctx.columns, lines: data.slip.lines.map((text) => ({ kind: 'text' as const, text })), cut: false };
    case 'test': return testPageForm(ctx.columns, ctx.stationId, 'station');
    case 'arrangement': return arrangementForm(ctx, data.print);
  }
}
