// Handlers of the card contract.
import type { cardContract } from '../../../shared/contract/card';
import { StationError } from '../../../shared/errors';
import { TerminalError } from '../../../hardware/terminal/terminal';
import type { Handlers } from '../handlers';
import { attemptView, unfinished } from './attempts';
import { cancelCharge, chargeCard } from './charge';
import { reconcileCards } from './reconcile';
import { releaseSale } from './release';
import { resolveUnfinished } from './resolve';
import { saveTerminalSettings, terminalSettingsView } from './settings';
import { terminalOf } from './terminal';
import { settleByHand } from './settleByHand';
import { approve } from '../auth';
import { feeSettings, quoteFee, saveFeeSettings } from './fee';

const handlers: Handlers<keyof typeof cardContract> = {
  'card.charge': ({ station, user }, i) => chargeCard(station, user, i),
  'card.feeQuote': ({ station }, i) => quoteFee(station, i.lines, i.amountCents),
  'card.feeSettings': ({ station }) => feeSettings(station),
  'card.updateFeeSettings': ({ station, user }, i) => saveFeeSettings(station, user, i),
  'card.cancel': ({ station }, i) => cancelCharge(station, i.attemptId),
  'card.release': ({ station, user }, i) => releaseSale(station, user, i.receiptId),
  'card.unresolved': ({ station }) => unfinished(station).map((r) => attemptView(station, r)),
  'card.resolve': ({ station }, i) => resolveUnfinished(station, terminalOf(station), i.keepReceiptId),
  'card.settleByHand': ({ station, user }, i) => settleByHand(station, approve(station, i.approval, user), i),
  'card.settings': ({ station }) => terminalSettingsView(station),
  'card.updateSettings': ({ station, user }, i) => saveTerminalSettings(station, user, i),
  'card.test': async ({ station }) => {
    const t = terminalOf(station);
    if (!t) throw new StationError('CARD_NO_TERMINAL');
    try { return await t.diagnose(); } catch (e) { return { ok: false, status: (e as Error).message }; }
  },
  'card.reconcile': ({ station }) => reconcileCards(station),
};

type Key = keyof typeof cardContract;

/** A terminal that does not answer or refuses is said in words (CARD_TERMINAL), never an internal error. */
function worded<K extends Key>(h: Handlers<Key>[K]): Handlers<Key>[K] {
  return (async (ctx: Parameters<Handlers<Key>[K]>[0], input: Parameters<Handlers<Key>[K]>[1]) => {
    try {
      return await (h as (c: typeof ctx, i: typeof input) => unknown)(ctx, input);
    } catch (e) {
      if (e instanceof TerminalError) throw new StationError('CARD_TERMINAL', { detail: e.message });
      throw e;
    }
  }) as unknown as Handlers<Key>[K];
}

export const cardHandlers = Object.fromEntries(Object.entries(handlers).map(([k, h]) => [k, worded(h as Handlers<Key>[Key])])) as Handlers<Key>;
