// The receipt being built at the counter. Totals here are only what the cashier sees while keying:
// the main side computes fees, checks tenders and decides the change when the receipt is posted.
import { create } from 'zustand';
import type { InputOf } from '../../shared/api';
import type { FeeInputs, FeeRule } from '../../shared/fees';
import type { AccountView, ReceiptView } from '../../shared/views';
import type { ArrangementView } from '../../shared/contract/arrangements';
import { byField, type FieldErrors } from '../errors';
import { call, isNoAnswer } from '../transport';
import { useApp } from './app';

export type TenderInput = InputOf<'receipt.post'>['tenders'][number];

export interface SaleLine {
  key: string;
  revenueCode: string;
  nameEn: string;
  nameEs: string;
  accountNumber?: string;
  accountName?: string;
  amountCents: number;
  /** The fee is computed by the station from these inputs; the amount shown is its quote. */
  feeInputs?: FeeInputs;
  /** The rule the station quoted with, to explain the fee in the cashier's language. */
  rule?: FeeRule;
  /** The down payment of the arrangement this sale makes. */
  downPayment?: boolean;
  /** Scanned from a bill stub: sent with the line (the station reads it again), its due date shown. */
  stub?: { raw: string; key: string; dueDate: string | null; billNumber: string | null; amountDueCents: number };
}

export interface SaleTender { key: string; tender: TenderInput }

/** An arrangement agreed with the customer, waiting for its down payment: posted with the receipt at Complete. */
export type PendingArrangement = Omit<InputOf<'arrangement.create'>, 'id' | 'receipt'> & { accountName: string };

interface SaleState {
  lines: SaleLine[];
  tenders: SaleTender[];
  payerName: string;
  /** The client UUID of the current posting attempt: a second press re-sends the same one. */
  attemptId: string | null;
  /** The receipt UUID fixed once a card is charged at the terminal for this sale (its attempts name it). */
  saleId: string | null;
  posting: boolean;
  errors: FieldErrors;
  /** The receipt just completed: its change stays on screen until the next customer. */
  last: ReceiptView | null;
  /** Account chosen in the lookup, waiting for an amount. */
  account: AccountView | null;
  /** The arrangement the down-payment line of this sale is for (one posting with the receipt). */
  arrangement: PendingArrangement | null;
  /** Its client UUID: a retry after no answer sends the same one. */
  arrangementId: string | null;
  /** The arrangement the last receipt made. */
  lastArrangement: ArrangementView | null;
  /** Puts the down payment on the receipt with the arrangement it starts. */
  startArrangement(a: PendingArrangement, line: Omit<SaleLine, 'key'>): void;
  /** An arrangement made with no down payment: shown like one completed with a receipt. */
  arrangementMade(a: ArrangementView): void;
  selectAccount(a: AccountView | null): void;
  addLine(line: Omit<SaleLine, 'key'>): void;
  removeLine(key: string): void;
  /** A scanned line's amount changed by the cashier (a partial payment or an over-payment). */
  setLineAmount(key: string, amountCents: number): void;
  addTender(t: TenderInput): void;
  removeTender(key: string): void;
  /** Takes a tender back out of the list (to correct it): returns it. */
  takeTender(key: string): TenderInput | undefined;
  setPayer(name: string): void;
  complete(): Promise<ReceiptView | null>;
  nextCustomer(): void;
  cancelSale(): void;
  clearErrors(): void;
}

let keySeq = 0;
const nextKey = () => `k${++keySeq}`;

export function saleTotal(lines: readonly SaleLine[]): number {
  return lines.reduce((s, l) => s + l.amountCents, 0);
}

export function tenderTotal(tenders: readonly SaleTender[]): number {
  return tenders.reduce((s, t) => s + t.tender.amountCents, 0);
}

export const useSale = create<SaleState>((set, get) => ({
  lines: [],
  tenders: [],
  payerName: '',
  attemptId: null,
  saleId: null,
  posting: false,
  errors: {},
  last: null,
  account: null,
  arrangement: null,
  arrangementId: null,
  lastArrangement: null,

  selectAccount(account) { set({ account }); },

  startArrangement(a, line) {
    // A plan agreed again replaces the one before, and its down-payment line.
    const kept = get().lines.filter((l) => !l.downPayment);
    const lines = [...kept, { ...line, downPayment: true, key: nextKey() }];
    set({ lines, arrangement: a, arrangementId: crypto.randomUUID(), attemptId: null, errors: {}, last: null, lastArrangement: null, account: null });
    void call('devices.display', { screen: 'item', description: a.accountName.slice(0, 60), amountCents: line.amountCents, totalCents: saleTotal(lines) });
  },
  arrangementMade(a) { set({ lastArrangement: a, arrangement: null, arrangementId: null, account: null }); },

  addLine(line) {
    // The first line of a new receipt is the next customer: the last change leaves the screen.
    const lines = [...get().lines, { ...line, key: nextKey() }];
    set({ lines, attemptId: null, errors: {}, last: null, lastArrangement: null, account: null });
    // The customer display shows the line and the total so far (nothing happens when there is none).
    void call('devices.display', { screen: 'item', description: (line.accountName ?? line.nameEn).slice(0, 60), amountCents: line.amountCents, totalCents: saleTotal(lines) });
  },
  removeLine(key) {
    const gone = get().lines.find((l) => l.key === key);
    const lines = get().lines.filter((l) => l.key !== key);
    // Without its down payment there is no arrangement to make.
    set({ lines, attemptId: null, errors: {}, ...(gone?.downPayment ? { arrangement: null, arrangementId: null } : {}) });
    void call('devices.display', lines.length ? { screen: 'total', totalCents: saleTotal(lines) } : { screen: 'clear' });
  },
  setLineAmount(key, amountCents) {
    const lines = get().lines.map((l) => (l.key === key ? { ...l, amountCents } : l));
    set({ lines, attemptId: null, errors: {} });
    void call('devices.display', { screen: 'total', totalCents: saleTotal(lines) });
  },
  addTender(tender) { set({ tenders: [...get().tenders, { key: nextKey(), tender }], attemptId: null, errors: {} }); },
  removeTender(key) { set({ tenders: get().tenders.filter((t) => t.key !== key), attemptId: null, errors: {} }); },
  takeTender(key) {
    const t = get().tenders.find((x) => x.key === key);
    if (t) set({ tenders: get().tenders.filter((x) => x.key !== key), attemptId: null });
    return t?.tender;
  },
  setPayer(payerName) { set({ payerName, attemptId: null }); },

  async complete() {
    const s = get();
    if (s.posting || s.lines.length === 0) return null;
    const id = s.saleId ?? s.attemptId ?? crypto.randomUUID();
    set({ posting: true, attemptId: id, errors: {} });
    const receipt = {
      id,
      lines: s.lines.map((l) => ({
        revenueCode: l.revenueCode,
        ...(l.feeInputs ? { feeInputs: l.feeInputs } : { amountCents: l.amountCents }),
        ...(l.accountNumber ? { accountNumber: l.accountNumber } : {}),
        ...(l.stub ? { stub: { raw: l.stub.raw } } : {}),
      })),
      tenders: s.tenders.map((t) => t.tender),
      ...(s.payerName.trim() ? { payerName: s.payerName.trim() } : {}),
    };
    let r;
    if (s.arrangement && s.arrangementId) {
      // The arrangement and its down-payment receipt: one posting, one answer.
      const { accountName: _name, ...plan } = s.arrangement;
      const made = await call('arrangement.create', { ...plan, id: s.arrangementId, receipt });
      r = made.ok ? { ok: true as const, value: made.value.receipt!, arrangement: made.value.arrangement } : made;
    } else {
      r = await call('receipt.post', receipt);
    }
    if (r.ok) {
      set({ posting: false, attemptId: null, saleId: null, lines: [], tenders: [], payerName: '', account: null, last: r.value, arrangement: null, arrangementId: null,
        lastArrangement: 'arrangement' in r ? r.arrangement : null });
      void useApp.getState().refreshSession();
      return r.value;
    }
    // No answer: the receipt may be posted, so the retry keeps the same UUID. Any other error wrote nothing.
    set({ posting: false, attemptId: isNoAnswer(r.error) ? id : null, errors: byField(r.error) });
    return null;
  },

  nextCustomer() { set({ last: null, lastArrangement: null, errors: {} }); },
  cancelSale() {
    // Cards approved for a sale put aside are reversed at the terminal.
    const saleId = get().saleId;
    if (saleId && get().tenders.some((t) => t.tender.kind === 'card' && t.tender.attemptId)) void call('card.release', { receiptId: saleId });
    set({ lines: [], tenders: [], payerName: '', account: null, attemptId: null, saleId: null, errors: {}, arrangement: null, arrangementId: null });
  },
  clearErrors() { set({ errors: {} }); },
}));
