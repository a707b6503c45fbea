// The printer's status as a message code (src/shared/messages.ts), for the UI to word in the cashier's
// language; the English detail stays beside it for IT.
import { linkMessage, placeOf } from '../../shared/linkFault';
import { msg, type StationMessage } from '../../shared/messages';
import { PrinterNotReady } from './errors';
import type { FaultReason } from './status';

/** Why the printer cannot print: its own fault, or (unreachable) the cause of the link failure when known. */
export function faultMessage(reason: FaultReason, address: string, cause?: unknown): StationMessage {
  if (reason === 'unreachable') {
    const m = linkMessage(cause ?? '', address);
    // The printer said nothing we can sort: it is still "not reachable", which a person can check.
    return m.code === 'link.other' ? msg('link.unreachable', m.params) : m;
  }
  if (reason === 'notAnswering') return msg('printer.notAnswering', { address: placeOf(address) });
  return msg(`printer.${reason}`);
}

/** A failed status request, job or drawer kick: the printer's own reason, or the link's cause. */
export function failureMessage(e: unknown, address: string): StationMessage {
  return e instanceof PrinterNotReady ? faultMessage(e.reason, address, e) : linkMessage(e, address);
}
