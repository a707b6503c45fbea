// A payment terminal as the station uses it, whatever the protocol: nexo over HTTPS today
// (nexoTerminal.ts); a second protocol implements the same interface.
import type { PaymentOutcome, StatusOutcome } from '../../shared/terminal';

export interface PaymentAsk { serviceId: string; transactionId: string; amountCents: number; at: string }

export interface BrandTotal { brand: string; count: number; totalCents: number }

export interface PaymentTerminal {
  /** Asks for the amount; resolves with what the terminal said, or throws a TerminalError. */
  pay(ask: PaymentAsk): Promise<PaymentOutcome>;
  /** What became of an earlier payment request (by its service ID). */
  status(serviceId: string, requestedCents: number): Promise<StatusOutcome>;
  /** Cancels a payment in progress (the customer is still at the terminal). */
  abort(serviceId: string): Promise<void>;
  /** Reverses an approved charge; false with the terminal's words when it no longer can. */
  reverse(transactionId: string, at: string): Promise<{ reversed: boolean; reason: string | null }>;
  reconcile(): Promise<BrandTotal[]>;
  diagnose(): Promise<{ ok: boolean; status: string }>;
  close(): void;
}

/**
 * Why no answer could be used. `sent` tells whether the request may have reached the terminal: when it
 * did, the charge may have happened and only a status request can tell.
 */
export class TerminalError extends Error {
  constructor(readonly kind: 'unreachable' | 'timeout' | 'refused' | 'malformed', message: string, readonly sent: boolean) { super(message); }
}
