// What the till screen is doing: which tender is being keyed (and its fields), which dialog is open.
import { create } from 'zustand';
import type { ApiError } from '../../shared/errors';
import type { CardBrand, TenderKind } from '../../shared/domain';
import { EMPTY, keysFor, type AmountKeys } from '../amountEntry';
import type { TenderInput } from './sale';

export type TillDialog = null | 'fee' | 'drawer' | 'paidIn' | 'paidOut' | 'drop' | 'noSale' | 'reprint' | 'void' | 'help';

export interface TenderForm {
  amount: AmountKeys;
  routing: string;
  account: string;
  checkNumber: string;
  micrRaw: string;
  reference: string;
  brand: CardBrand;
  last4: string;
  authCode: string;
}

export const EMPTY_FORM: TenderForm = { amount: EMPTY, routing: '', account: '', checkNumber: '', micrRaw: '', reference: '', brand: 'visa', last4: '', authCode: '' };

interface TillUiState {
  kind: TenderKind;
  form: TenderForm;
  /** Errors of the tender being keyed, by its own field names ('' for the tender as a whole). */
  formErrors: Record<string, ApiError>;
  dialog: TillDialog;
  setKind(kind: TenderKind): void;
  setForm(patch: Partial<TenderForm>): void;
  resetForm(): void;
  /** Puts a tender back in the form to be corrected, with the station's error on its field. */
  editTender(t: TenderInput, field: string, error: ApiError | undefined): void;
  open(d: TillDialog): void;
  close(): void;
}

export const useTillUi = create<TillUiState>((set, get) => ({
  kind: 'cash',
  form: EMPTY_FORM,
  formErrors: {},
  dialog: null,
  setKind(kind) { set({ kind, formErrors: {} }); },
  setForm(patch) { set({ form: { ...get().form, ...patch }, formErrors: {} }); },
  resetForm() { set({ form: EMPTY_FORM, formErrors: {} }); },
  editTender(t, field, error) {
    const form: TenderForm = { ...EMPTY_FORM, amount: keysFor(t.amountCents) };
    if (t.kind === 'check') Object.assign(form, { routing: t.routing, account: t.account, checkNumber: t.checkNumber, micrRaw: t.micrRaw ?? '' });
    if (t.kind === 'card') Object.assign(form, { brand: t.brand, last4: t.last4, authCode: t.authCode });
    if (t.kind === 'money_order' || t.kind === 'other') form.reference = t.reference ?? '';
    set({ kind: t.kind, form, formErrors: error ? { [field]: error } : {} });
  },
  open(dialog) { set({ dialog }); },
  close() { set({ dialog: null }); },
}));
