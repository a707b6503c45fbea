// How a print attempt can fail, split by what the print queue must do about it.
import { describeFault, type FaultReason, type PrinterFlags } from './status';

/** Nothing was sent: the printer cannot print now. Safe to retry later. */
export class PrinterNotReady extends Error {
  constructor(readonly reason: FaultReason, readonly flags: PrinterFlags | null = null, detail?: string) {
    super(detail ?? describeFault(reason));
    this.name = 'PrinterNotReady';
  }
}

/**
 * The job was sent but its printing was not confirmed (the connection dropped, or the printer never
 * said it got there). It may or may not be on paper: a person checks and decides to retry or cancel.
 */
export class PrintUncertain extends Error {
  constructor(readonly reason: 'connectionLost' | 'unconfirmed', detail: string) {
    super(detail);
    this.name = 'PrintUncertain';
  }
}
