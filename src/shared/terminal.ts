// What the station knows of a card payment at the terminal (semi-integrated: the card number never
// reaches the station, only what the terminal prints on a receipt). No Node import.
import type { CardBrand } from './domain';

export const CARD_ATTEMPT_STATES = ['pending', 'approved', 'declined', 'cancelled', 'failed', 'reversed', 'unknown'] as const;
export type CardAttemptState = (typeof CARD_ATTEMPT_STATES)[number];

export const ENTRY_MODES = ['chip', 'contactless', 'swipe', 'keyed', 'other'] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];

/** The EMV and acquirer details of an approval: what a card receipt must carry. */
export interface CardApproval {
  brand: CardBrand;
  last4: string;
  /** As the terminal masked it, cut down to the last four digits: "**** **** **** 1234". */
  maskedPan: string;
  authCode: string;
  /** The terminal's transaction reference (POITransactionID), needed to reverse the charge. */
  transactionId: string;
  transactionTime: string;
  entryMode: EntryMode;
  aid: string | null;
  appLabel: string | null;
  terminalId: string;
  approvedCents: number;
  offline: boolean;
  signatureRequired: boolean;
}

/** One outcome of a payment request as the terminal gave it. */
export type PaymentOutcome =
  | { kind: 'approved'; approval: CardApproval }
  | { kind: 'declined'; reason: string }
  | { kind: 'cancelled'; reason: string }
  /** The terminal answered with an error that is not a decline (busy, device out, wrong message). */
  | { kind: 'failed'; reason: string };

/** The terminal's answer to "what became of this request?". */
export type StatusOutcome = PaymentOutcome | { kind: 'in_progress' } | { kind: 'not_found' };

export interface CardAttemptView {
  id: string;
  receiptId: string;
  amountCents: number;
  state: CardAttemptState;
  reason: string | null;
  approval: CardApproval | null;
  receiptNumber: string | null;
  createdAt: string;
}

/** Map a terminal's brand word (nexo PaymentBrand, Adyen variants like "mc", "visa_debit") to ours. */
export function brandFrom(word: string): CardBrand {
  const w = word.toLowerCase();
  if (w.startsWith('visa')) return 'visa';
  if (w === 'mc' || w.startsWith('mastercard') || w.startsWith('maestro')) return 'mastercard';
  if (w.startsWith('amex')) return 'amex';
  if (w.startsWith('discover')) return 'discover';
  if (w.includes('debit') || w === 'interac') return 'debit';
  return 'other';
}
