// The card at the terminal, as the till shows it: waiting for the customer (Cancel sends an abort),
// then the result in words. An approval that covers the sale comes back with its posted receipt; one
// that does not (part of the amount, or the first of two cards) becomes a tender of the sale.
import { create } from 'zustand';
import type { CardAttemptView } from '../../shared/terminal';
import type { TerminalSettingsView } from '../../shared/contract/card';
import { call, isNoAnswer } from '../transport';
import { useApp } from './app';
import { useSale } from './sale';
import { useCatalog } from './catalog';

export type CardNotice =
  | { kind: 'approved' | 'partial' | 'declined' | 'cancelled' | 'failed' | 'noAnswer' | 'unknown' | 'signature'; attempt: CardAttemptView | null }
  | null;

interface CardState {
  settings: TerminalSettingsView | null;
  /** The charge at the terminal now: its attempt UUID and amount. */
  waiting: { attemptId: string; amountCents: number } | null;
  notice: CardNotice;
  unresolved: CardAttemptView[];
  /** A convenience fee shown to the payer: the next Charge of this amount sends amount + fee. */
  feeOffer: { amountCents: number; feeCents: number; revenueCode: string } | null;
  /** The cashier chose keyed entry for this tender (or the terminal is not set up). */
  keyed: boolean;
  load(): Promise<void>;
  charge(amountCents: number): Promise<void>;
  cancel(): Promise<void>;
  resolve(): Promise<void>;
  setKeyed(keyed: boolean): void;
  dismiss(): void;
}

const lineInputs = () => useSale.getState().lines.map((l) => ({
  revenueCode: l.revenueCode,
  ...(l.feeInputs ? { feeInputs: l.feeInputs } : { amountCents: l.amountCents }),
  ...(l.accountNumber ? { accountNumber: l.accountNumber } : {}),
  ...(l.stub ? { stub: { raw: l.stub.raw } } : {}),
}));

export const useCard = create<CardState>((set, get) => ({
  settings: null, waiting: null, notice: null, unresolved: [], keyed: false, feeOffer: null,

  async load() {
    const [s, u] = await Promise.all([call('card.settings', {}), call('card.unresolved', {})]);
    set({ settings: s.ok ? s.value : null, unresolved: u.ok ? u.value.filter((a) => a.receiptId !== useSale.getState().saleId) : [] });
  },

  async charge(amountCents) {
    if (get().waiting || amountCents <= 0) return;
    const sale = useSale.getState();
    if (sale.lines.length === 0) return;
    // The fee first: shown to the payer, then a second Charge sends it with the amount.
    let offer = get().feeOffer;
    if (!offer || offer.amountCents !== amountCents) {
      const q = await call('card.feeQuote', { amountCents, lines: lineInputs() });
      if (!q.ok) { useSale.setState({ errors: { '': q.error } }); return; }
      offer = { amountCents, ...q.value };
      if (q.value.feeCents > 0) { set({ feeOffer: offer, notice: null }); return; }
    }
    const feeCents = offer.feeCents;
    set({ feeOffer: null });
    const receiptId = sale.saleId ?? crypto.randomUUID();
    const attemptId = crypto.randomUUID();
    useSale.setState({ saleId: receiptId, errors: {} });
    set({ waiting: { attemptId, amountCents }, notice: null });
    const payerName = sale.payerName.trim();
    const r = await call('card.charge', {
      attemptId, receiptId, amountCents, lines: lineInputs(), tenders: sale.tenders.map((t) => t.tender), ...(payerName ? { payerName } : {}),
      ...(feeCents > 0 ? { feeCents } : {}),
    });
    set({ waiting: null });
    if (!r.ok) {
      // No answer from the station: the attempt may stand; "Check the terminal" settles it.
      if (isNoAnswer(r.error)) { set({ notice: { kind: 'unknown', attempt: null } }); void get().load(); return; }
      useSale.setState({ errors: { '': r.error } });
      void get().load();
      return;
    }
    const { attempt, receipt, offerKeyed } = r.value;
    if (attempt.state === 'approved' && attempt.approval) {
      const a = attempt.approval;
      if (receipt) {
        useSale.setState({ posting: false, attemptId: null, saleId: null, lines: [], tenders: [], payerName: '', account: null, last: receipt, arrangement: null, arrangementId: null, lastArrangement: null });
        void useApp.getState().refreshSession();
        set({ notice: { kind: a.signatureRequired ? 'signature' : 'approved', attempt }, keyed: false });
      } else {
        // Its fee stays on the sale as its own line, as the station wrote it with the attempt.
        if (feeCents > 0) {
          const code = useCatalog.getState().codes.find((c) => c.code === offer.revenueCode);
          useSale.setState({ lines: [...useSale.getState().lines, { key: `fee-${attempt.id}`, revenueCode: offer.revenueCode, nameEn: code?.nameEn ?? offer.revenueCode, nameEs: code?.nameEs ?? offer.revenueCode, amountCents: feeCents }] });
        }
        useSale.getState().addTender({ kind: 'card', amountCents: a.approvedCents, attemptId: attempt.id, brand: a.brand, last4: a.last4, authCode: a.authCode });
        useSale.setState({ saleId: receiptId });
        set({ notice: { kind: a.approvedCents < amountCents ? 'partial' : 'approved', attempt } });
      }
      return;
    }
    if (offerKeyed) { set({ notice: { kind: 'noAnswer', attempt }, keyed: true }); return; }
    const kind = attempt.state === 'declined' || attempt.state === 'cancelled' || attempt.state === 'failed' ? attempt.state : 'unknown';
    set({ notice: { kind, attempt } });
    if (kind === 'unknown') void get().load();
  },

  async cancel() {
    const w = get().waiting;
    if (w) await call('card.cancel', { attemptId: w.attemptId });
  },

  async resolve() {
    const saleId = useSale.getState().saleId;
    const r = await call('card.resolve', saleId ? { keepReceiptId: saleId } : {});
    if (r.ok) set({ unresolved: r.value.filter((a) => a.receiptId !== saleId), notice: null });
  },

  setKeyed(keyed) { set({ keyed }); },
  dismiss() { set({ notice: null, feeOffer: null }); },
}));
