// Handlers of the card contract.
import type { cardContract } from '../../../shared/contract/card';
import { StationError } from '../../../shared/errors';
import type { Handlers } from '../handlers';
import { attemptView, unfinished } from './attempts';
import { cancelCharge, chargeCard } from './charge';
import { reconcileCards } from './reconcile';
import { releaseSale } from './release';
import { resolveUnfinished } from './resolve';
import { saveTerminalSettings, terminalSettingsView } from './settings';
import { terminalOf } from './terminal';
import { feeSettings, quoteFee, saveFeeSettings } from './fee';

export const cardHandlers: Handlers<keyof typeof cardContract> = {
  'card.charge': ({ station, user }, i) => chargeCard(station, user, i),
  'card.feeQuote': ({ station }, i) => quoteFee(station, i.lines, i.amountCents),
  'card.feeSettings': ({ station }) => feeSettings(station),
  'card.updateFeeSettings': ({ station, user }, i) => saveFeeSettings(station, user, i),
  'card.cancel': ({ station }, i) => cancelCharge(station, i.attemptId),
  'card.release': ({ station, user }, i) => releaseSale(station, user, i.receiptId),
  'card.unresolved': ({ station }) => unfinished(station).map((r) => attemptView(station, r)),
  'card.resolve': ({ station }, i) => resolveUnfinished(station, terminalOf(station), i.keepReceiptId),
  'card.settings': ({ station }) => terminalSettingsView(station),
  'card.updateSettings': ({ station, user }, i) => saveTerminalSettings(station, user, i),
  'card.test': async ({ station }) => {
    const t = terminalOf(station);
    if (!t) throw new StationError('CARD_NO_TERMINAL');
    try { return await t.diagnose(); } catch (e) { return { ok: false, status: (e as Error).message }; }
  },
  'card.reconcile': ({ station }) => reconcileCards(station),
};
