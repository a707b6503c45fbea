// A void of a receipt with card tenders from the terminal sends a ReversalRequest for each, after the
// void is written: the ledger is right first; a charge the terminal no longer reverses (settled
// already) is told to the cashier with what to do instead (a refund at the terminal).
import type { ReceiptView } from '../../../shared/views';
import type { Handler } from '../handlers';
import { TerminalError } from '../../../hardware/terminal/terminal';
import type { Station } from '../station';
import { attemptRow } from './attempts';
import { reverseAttempt } from './settle';
import { terminalOf } from './terminal';

export async function reverseVoidedCards(station: Station, receipt: ReceiptView, userId: string): Promise<ReceiptView> {
  const cards = receipt.tenders.filter((t) => t.card);
  if (!receipt.voided || cards.length === 0) return receipt;
  const terminal = terminalOf(station);
  const out: NonNullable<ReceiptView['cardReversals']> = [];
  for (const t of cards) {
    const row = attemptRow(station, t.card!.attemptId)!;
    if (!terminal) { out.push({ attemptId: row.id, amountCents: t.amountCents, reversed: false, reason: 'no card terminal is set up here' }); continue; }
    try {
      const reversed = await reverseAttempt(station, terminal, row, userId);
      out.push({ attemptId: row.id, amountCents: t.amountCents, reversed, reason: reversed ? null : 'the terminal can no longer reverse it: refund the card at the terminal' });
    } catch (e) {
      if (!(e instanceof TerminalError)) throw e;
      out.push({ attemptId: row.id, amountCents: t.amountCents, reversed: false, reason: `${e.message}: try the void's reversal again later, or refund the card at the terminal` });
    }
  }
  return { ...receipt, cardReversals: out };
}

/** receipt.void, then the reversal of its terminal card charges. */
export function voidWithReversal(inner: Handler<'receipt.void'>): Handler<'receipt.void'> {
  return async (ctx, input) => reverseVoidedCards(ctx.station, await inner(ctx, input), ctx.user.id);
}
