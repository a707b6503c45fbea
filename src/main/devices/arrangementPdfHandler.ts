// The agreement as a PDF: a device-room job (pdfkit), joined with the arrangement handlers in the registry.
import type { Handlers } from '../station/handlers';
import { arrangementPdf } from './pdfDocs';

export const arrangementPdfHandler: Handlers<'arrangement.pdf'> = {
  'arrangement.pdf': ({ station }, i) => arrangementPdf(station, i.arrangementId, i.lang),
};
