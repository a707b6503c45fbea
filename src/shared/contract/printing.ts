// Printing operations (devices issue, printer part): the print queue, report and slip printing,
// letter-size PDFs, the cash drawer's state and log, and the printing settings.
import { z } from 'zod';
import { PRINT_JOB_STATES, type DrawerLogEntry, type DrawerStateView, type PdfDocument, type PrintJobView, type PrintSettings } from '../printing';
import { emptyInput, op, reasonSchema } from './op';

const jobId = z.uuid({ message: 'Choose a print job from the list.' });
const sessionId = z.string().min(1).max(64);
const depositId = z.string().min(1).max(64);
const lang = z.enum(['en', 'es']);

export const printingContract = {
  /** Newest first; the till shows queued/printing/failed ones as "waiting". */
  'print.jobs': op<PrintJobView[]>()('cashier', z.object({ states: z.array(z.enum(PRINT_JOB_STATES)).max(5).optional(), limit: z.number().int().min(1).max(500).default(50) }).strict()),
  'print.retry': op<PrintJobView>()('cashier', z.object({ jobId }).strict()),
  'print.cancel': op<PrintJobView>()('cashier', z.object({ jobId, reason: reasonSchema }).strict()),
  /** The live session's X report (or a given session's), printed now. */
  'print.xReport': op<PrintJobView>()('supervisor', z.object({ sessionId: sessionId.optional() }).strict()),
  /** The Z report prints by itself at close-out; this prints it again (DUPLICATE). */
  'print.zReport': op<PrintJobView>()('cashier', z.object({ sessionId }).strict()),
  /** The deposit slip prints by itself when the deposit is prepared; this prints it (again). */
  'print.depositSlip': op<PrintJobView>()('supervisor', z.object({ depositId }).strict()),
  /** A receipt as it prints, as text lines (preview on screen). */
  'print.preview': op<{ columns: number; lines: string[] }>()('cashier', z.object({ receiptNumber: z.string().min(1).max(40), columns: z.union([z.literal(32), z.literal(48)]).optional(), lang: lang.optional() }).strict()),
  'pdf.zReport': op<PdfDocument>()('cashier', z.object({ sessionId, lang: lang.optional() }).strict()),
  'pdf.depositSlip': op<PdfDocument>()('supervisor', z.object({ depositId, lang: lang.optional() }).strict()),

  'drawer.state': op<DrawerStateView>()('cashier', emptyInput),
  /** Every opening with user and reason, sensor changes, warnings. */
  'drawer.log': op<DrawerLogEntry[]>()('supervisor', z.object({ sessionId: sessionId.optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict()),

  'printing.settings': op<PrintSettings>()('cashier', emptyInput),
  'printing.updateSettings': op<PrintSettings>()('admin', z.object({
    receiptLanguage: z.enum(['station', 'en', 'es']).optional(),
    receiptCode: z.enum(['qr', 'barcode', 'none']).optional(),
    blockSaleWhileDrawerOpen: z.boolean().optional(),
    drawerOpenWarnSeconds: z.number().int().min(5, 'At least 5 seconds.').max(3600).optional(),
    giveUpMinutes: z.number().int().min(1).max(24 * 60).optional(),
  }).strict()),
} as const;
