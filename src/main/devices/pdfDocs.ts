// Letter-size PDFs of the Z report, the deposit slip and the arrangement agreement, from the same forms as the printed slips.
import type { PdfDocument } from '../../shared/printing';
import { depositSlipForm } from '../../hardware/forms/depositSlip';
import { renderPdf } from '../../hardware/forms/pdf';
import { sessionReportForm } from '../../hardware/forms/sessionReport';
import { depositView } from '../station/endOfDay/deposits';
import { zReport } from '../station/endOfDay/reports';
import type { Station } from '../station/station';
import { formContext } from './printDocs';
import { arrangementForm } from '../../hardware/forms/arrangement';
import { agreementPrint } from '../station/arrangements/agreement';

export async function zReportPdf(station: Station, sessionId: string, lang: 'en' | 'es'): Promise<PdfDocument> {
  const r = zReport(station, sessionId);
  const { bytes, pages } = await renderPdf(sessionReportForm(formContext(station, 80, lang), r), {
    title: `Z report ${r.session.stationId} ${r.session.businessDay}`,
    footer: `${station.config.cityName} - Z ${r.session.stationId} ${r.session.businessDay} ${r.session.cashier.name}`,
  });
  return { filename: `z-report-${r.session.stationId}-${r.session.businessDay}-${sessionId.slice(0, 8)}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64'), pages };
}

export async function depositSlipPdf(station: Station, depositId: string, lang: 'en' | 'es'): Promise<PdfDocument> {
  const d = depositView(station, depositId);
  const day = d.businessDays[d.businessDays.length - 1] ?? '';
  const { bytes, pages } = await renderPdf(depositSlipForm(formContext(station, 80, lang), d), {
    title: `Deposit slip ${d.bagNumber ?? depositId}`,
    footer: `${station.config.cityName} - deposit ${d.bagNumber ?? depositId.slice(0, 8)} ${day}`,
  });
  return { filename: `deposit-slip-${day}-${(d.bagNumber ?? depositId.slice(0, 8)).replace(/[^\w-]/g, '_')}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64'), pages };
}

/** The agreement for the file, in its own language unless asked otherwise; the same lines as on the slip. */
export async function arrangementPdf(station: Station, arrangementId: string, lang?: 'en' | 'es'): Promise<PdfDocument> {
  const print = agreementPrint(station, arrangementId, false);
  const a = print.arrangement;
  // No scan code on the letter page: the agreement number heads it, and the page stays one page.
  const { bytes, pages } = await renderPdf(arrangementForm({ ...formContext(station, 80, lang ?? a.lang), code: 'none' }, print), {
    title: `Payment arrangement ${a.number}`,
    footer: `${station.config.cityName} - ${a.number} - ${a.accountNumber}`,
  });
  return { filename: `payment-arrangement-${a.number}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64'), pages };
}
