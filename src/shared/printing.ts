// Print queue and drawer shapes the station sends the UI (results and events). Plain JSON.
import type { StationMessage } from './messages';
import type { SlipPrint } from './slips';

export const PRINT_FORMS = ['receipt', 'void', 'drop', 'paid_out', 'paid_in', 'x_report', 'z_report', 'deposit_slip', 'test', 'arrangement', 'validation', 'endorsement', 'batch_report'] as const;
export type PrintForm = (typeof PRINT_FORMS)[number];

export const PRINT_JOB_STATES = ['queued', 'printing', 'printed', 'failed', 'cancelled'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

export const PRINT_WAIT_REASONS = ['unreachable', 'notAnswering', 'coverOpen', 'paperOut', 'error', 'offline', 'noPrinter', 'slipInsert', 'slipRemove', 'noSlipStation'] as const;
export type PrintWaitReason = (typeof PRINT_WAIT_REASONS)[number];

export interface PrintJobView {
  id: string;
  form: PrintForm;
  /** The receipt, movement, session or deposit it prints. */
  ref: string;
  /** Words for the list: "Receipt ST01-000042", "Drop slip $500.00". */
  label: string;
  /** The same as a code with parameters, for the UI to word in the cashier's language. */
  labelMessage: StationMessage;
  /** 0 for the original; a reprint is copy 1, 2, … and says DUPLICATE. */
  copy: number;
  state: PrintJobState;
  /** Set while a queued or printing job waits on the printer: "Printer out of paper" (in the slip's language). */
  waiting: string | null;
  /** The same as a code, for the UI to word in its own language. */
  waitingReason: PrintWaitReason | null;
  attempts: number;
  /**
   * The printer never confirmed an attempt of this job (connection lost mid-job, station stopped while
   * printing): it may be on paper, so a retry prints "COPY — REPRINT OF AN UNCONFIRMED PRINT".
   */
  unconfirmed: boolean;
  /** Technical detail for IT (English). */
  lastError: string | null;
  /** The same as a code with parameters, for the UI to word in the cashier's language. */
  lastErrorMessage: StationMessage | null;
  createdAt: string;
  printedAt: string | null;
  cancelledAt: string | null;
  /** A validation or endorsement: what it prints, for the till's "insert the form" prompt. */
  slip?: SlipPrint;
}

export interface DrawerStateView {
  /** A drawer device is set up for this station. */
  configured: boolean;
  /** From the sensor; null when unknown (no sensor, printer not answering). */
  open: boolean | null;
  openSince: string | null;
  /** True when open longer than the warning time. */
  leftOpen: boolean;
  /** The next sale is refused until the drawer is shut (a setting). */
  blocksSale: boolean;
}

/** The 'drawer.kickFailed' event: detail in English for IT, detailMessage for the UI to word. */
export interface KickFailedEvent {
  reason: string;
  detail: string;
  detailMessage: StationMessage;
}

export interface DrawerLogEntry {
  seq: number;
  at: string;
  event: 'open_requested' | 'kicked' | 'kick_failed' | 'opened' | 'closed' | 'left_open' | 'sale_blocked';
  userId: string | null;
  sessionId: string | null;
  reason: string | null;
  ref: string | null;
  detail: string | null;
}

export interface PrintSettings {
  /** Language of customer receipts and slips: the station's, or always one. */
  receiptLanguage: 'station' | 'en' | 'es';
  /** The receipt number printed as a QR code, a CODE128 barcode, or not at all. */
  receiptCode: 'qr' | 'barcode' | 'none';
  /** Refuse the next sale while the drawer sensor says open. */
  blockSaleWhileDrawerOpen: boolean;
  /** Warn the cashier when the drawer stays open this long. */
  drawerOpenWarnSeconds: number;
  /** A job the printer could not take for this long stops retrying and waits for a person. */
  giveUpMinutes: number;
}

export const DEFAULT_PRINT_SETTINGS: PrintSettings = {
  receiptLanguage: 'station', receiptCode: 'qr', blockSaleWhileDrawerOpen: false, drawerOpenWarnSeconds: 30, giveUpMinutes: 30,
};

export interface PdfDocument { filename: string; mimeType: 'application/pdf'; base64: string; pages: number }
