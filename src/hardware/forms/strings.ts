// The words on printed forms, in English and Spanish. Kept short: 32 columns is not much paper.
import type { CardBrand, MovementKind, TenderKind } from '../../shared/domain';
import type { Lang } from './doc';

const en = {
  receipt: 'OFFICIAL RECEIPT',
  duplicate: '*** DUPLICATE ***',
  duplicateNote: 'Copy - not a new payment',
  receiptNo: 'Receipt no.',
  businessDay: 'Business day',
  dateTime: 'Date/time',
  station: 'Station',
  cashier: 'Cashier',
  payer: 'Payer',
  account: 'Account',
  gl: 'GL',
  total: 'TOTAL',
  tendered: 'Tendered',
  change: 'CHANGE',
  balanceRemaining: 'Balance remaining',
  balanceAfter: 'after this payment',
  thanks: 'Thank you',
  keep: 'Please keep this receipt',
  voidTitle: 'VOID',
  voidSub: 'Receipt cancelled',
  original: 'Original receipt',
  originalDate: 'Original date',
  voidedAt: 'Voided',
  voidedBy: 'Voided by',
  approvedBy: 'Approved by',
  reason: 'Reason',
  reversed: 'Reversed',
  toReturn: 'To return to payer',
  dropTitle: 'DROP TO SAFE',
  paidOutTitle: 'PAID OUT',
  paidInTitle: 'PAID IN',
  noSaleTitle: 'NO SALE',
  amount: 'AMOUNT',
  slipNo: 'Slip',
  counts: 'Counted by denomination',
  signCashier: 'Cashier',
  signWitness: 'Verified by',
  signReceived: 'Received by',
  checkNo: 'no.',
  acct: 'acct',
  auth: 'auth',
  ref: 'ref',
  page: 'Page',
} as const;

type Words = { [K in keyof typeof en]: string };

const es: Words = {
  receipt: 'RECIBO OFICIAL',
  duplicate: '*** DUPLICADO ***',
  duplicateNote: 'Copia - no es un nuevo pago',
  receiptNo: 'Recibo núm.',
  businessDay: 'Día contable',
  dateTime: 'Fecha/hora',
  station: 'Estación',
  cashier: 'Cajero/a',
  payer: 'Pagador',
  account: 'Cuenta',
  gl: 'Cta. cont.',
  total: 'TOTAL',
  tendered: 'Entregado',
  change: 'CAMBIO',
  balanceRemaining: 'Saldo pendiente',
  balanceAfter: 'después de este pago',
  thanks: 'Gracias',
  keep: 'Conserve este recibo',
  voidTitle: 'ANULADO',
  voidSub: 'Recibo cancelado',
  original: 'Recibo original',
  originalDate: 'Fecha original',
  voidedAt: 'Anulado',
  voidedBy: 'Anulado por',
  approvedBy: 'Aprobado por',
  reason: 'Motivo',
  reversed: 'Revertido',
  toReturn: 'A devolver al pagador',
  dropTitle: 'DEPÓSITO A CAJA FUERTE',
  paidOutTitle: 'SALIDA DE EFECTIVO',
  paidInTitle: 'ENTRADA DE EFECTIVO',
  noSaleTitle: 'SIN VENTA',
  amount: 'IMPORTE',
  slipNo: 'Comprobante',
  counts: 'Conteo por denominación',
  signCashier: 'Cajero/a',
  signWitness: 'Verificado por',
  signReceived: 'Recibido por',
  checkNo: 'núm.',
  acct: 'cta',
  auth: 'aut.',
  ref: 'ref',
  page: 'Página',
};

export function words(lang: Lang): Words { return lang === 'es' ? es : en; }

const TENDER: Record<Lang, Record<TenderKind, string>> = {
  en: { cash: 'Cash', check: 'Check', money_order: 'Money order', card: 'Card', other: 'Other' },
  es: { cash: 'Efectivo', check: 'Cheque', money_order: 'Giro postal', card: 'Tarjeta', other: 'Otro' },
};
export const tenderName = (lang: Lang, kind: TenderKind): string => TENDER[lang][kind];

const BRAND: Record<CardBrand, string> = { visa: 'VISA', mastercard: 'MC', amex: 'AMEX', discover: 'DISC', debit: 'DEBIT', other: 'CARD' };
export const brandName = (b: CardBrand | null): string => (b ? BRAND[b] : 'CARD');

const MOVEMENT: Record<Lang, Record<MovementKind, string>> = {
  en: { paid_in: 'Paid in', paid_out: 'Paid out', drop: 'Drop', no_sale: 'No sale' },
  es: { paid_in: 'Entrada', paid_out: 'Salida', drop: 'Depósito', no_sale: 'Sin venta' },
};
export const movementName = (lang: Lang, kind: MovementKind): string => MOVEMENT[lang][kind];
