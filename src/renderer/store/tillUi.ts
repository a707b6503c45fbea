// What the till screen is doing: which tender is being keyed (and its fields), which dialog is open.
import { create } from 'zustand';
import type { ApiError } from '../../shared/errors';
import type { CardBrand, TenderKind } from '../../shared/domain';
import { EMPTY, keysFor, type AmountKeys } from '../amountEntry';
import type { TenderInput } from './sale';
import type { AccountView } from '../../shared/views';
import type { ArrangementView } from '../../shared/contract/arrangements';
import type { Approval } from '../components/SupervisorFields';

export const NO_APPROVAL: Approval = { userId: '', pin: '' };

export type TillDialog = null | 'fee' | 'drawer' | 'paidIn' | 'paidOut' | 'drop' | 'noSale' | 'reprint' | 'void' | 'help' | 'arrangement' | 'cancelArrangement' | 'stubDuplicate' | 'latePenalty' | 'receiptFound';

export interface TenderForm {
  amount: AmountKeys;
  routing: string;
  account: string;
  checkNumber: string;
  micrRaw: string;
  /** The image scanner's scan of the check in the form: its images go with the tender. */
  scanId: string;
  /** Its images failed the quality checks: rescan (or a supervisor's override for paper deposit). */
  scanPoor: string;
  /** The supervisor who takes that check anyway, for a paper deposit only (checked when it posts). */
  imageOverride: Approval | null;
  reference: string;
  brand: CardBrand;
  last4: string;
  authCode: string;
}

export const EMPTY_FORM: TenderForm = { amount: EMPTY, routing: '', account: '', checkNumber: '', micrRaw: '', scanId: '', scanPoor: '', imageOverride: null, reference: '', brand: 'visa', last4: '', authCode: '' };

interface TillUiState {
  kind: TenderKind;
  form: TenderForm;
  /** Errors of the tender being keyed, by its own field names ('' for the tender as a whole). */
  formErrors: Record<string, ApiError>;
  /** Notes already worded for the cashier (a check read that failed on a field), by field. */
  formNotes: Record<string, string>;
  dialog: TillDialog;
  /** The supervisor's ID and PIN being keyed for a poor check image (shown while true). */
  overriding: boolean;
  overrideDraft: Approval;
  /** Scans whose images failed the quality checks, worded: a tender put back in the form says so again. */
  poorScans: Record<string, string>;
  /** Rescan: the poor scan leaves the form, the till waits for the check to be fed again. */
  rescan(): void;
  startOverride(): void;
  setOverrideDraft(a: Approval): void;
  /** The supervisor's ID and PIN go with the tender (the station checks them when it posts). */
  confirmOverride(): void;
  cancelOverride(): void;
  /** The account an arrangement is being set up for, or the arrangement being cancelled. */
  arrangementFor: AccountView | null;
  cancelling: ArrangementView | null;
  openArrangement(a: AccountView): void;
  openCancel(a: ArrangementView): void;
  setKind(kind: TenderKind): void;
  setForm(patch: Partial<TenderForm>): void;
  resetForm(): void;
  /** Puts a tender back in the form to be corrected, with the station's error on its field. */
  editTender(t: TenderInput, field: string, error: ApiError | undefined): void;
  /** A check from the reader: its fields in the form, a note on each field it could not read. */
  fillCheck(fields: { routing?: string; account?: string; checkNumber?: string; raw: string; scanId?: string; scanPoor?: string }, notes: Record<string, string>): void;
  open(d: TillDialog): void;
  close(): void;
}

export const useTillUi = create<TillUiState>((set, get) => ({
  kind: 'cash',
  form: EMPTY_FORM,
  formErrors: {},
  formNotes: {},
  dialog: null,
  overriding: false,
  overrideDraft: NO_APPROVAL,
  poorScans: {},
  rescan() { set({ form: { ...EMPTY_FORM, amount: get().form.amount }, formErrors: {}, formNotes: {}, overriding: false, overrideDraft: NO_APPROVAL }); },
  startOverride() { set({ overriding: true, overrideDraft: NO_APPROVAL, formErrors: {} }); },
  setOverrideDraft(overrideDraft) { set({ overrideDraft, formErrors: {} }); },
  confirmOverride() { set({ form: { ...get().form, imageOverride: get().overrideDraft }, overriding: false, overrideDraft: NO_APPROVAL, formErrors: {} }); },
  cancelOverride() { set({ overriding: false, overrideDraft: NO_APPROVAL, form: { ...get().form, imageOverride: null }, formErrors: {} }); },
  arrangementFor: null,
  cancelling: null,
  openArrangement(arrangementFor) { set({ dialog: 'arrangement', arrangementFor }); },
  openCancel(cancelling) { set({ dialog: 'cancelArrangement', cancelling }); },
  setKind(kind) { set({ kind, formErrors: {}, formNotes: {} }); },
  setForm(patch) {
    // Errors and notes keep their identity when nothing in them changes, so a keystroke in the amount
    // re-renders the amount field alone, not everything that shows an error.
    const { formErrors, formNotes } = get();
    let notes = formNotes;
    if (Object.keys(patch).some((k) => k in formNotes)) {
      notes = { ...formNotes };
      for (const k of Object.keys(patch)) delete notes[k];
    }
    set({ form: { ...get().form, ...patch }, formErrors: Object.keys(formErrors).length ? {} : formErrors, formNotes: notes });
  },
  resetForm() { set({ form: EMPTY_FORM, formErrors: {}, formNotes: {}, overriding: false, overrideDraft: NO_APPROVAL }); },
  fillCheck(f, notes) {
    const amount = get().kind === 'check' ? get().form.amount : EMPTY;
    set({
      kind: 'check', formErrors: {}, formNotes: notes, overriding: false, overrideDraft: NO_APPROVAL,
      form: { ...EMPTY_FORM, amount, routing: f.routing ?? '', account: f.account ?? '', checkNumber: f.checkNumber ?? '', micrRaw: f.raw, scanId: f.scanId ?? '', scanPoor: f.scanPoor ?? '' },
      ...(f.scanId && f.scanPoor ? { poorScans: { ...get().poorScans, [f.scanId]: f.scanPoor } } : {}),
    });
  },
  editTender(t, field, error) {
    const form: TenderForm = { ...EMPTY_FORM, amount: keysFor(t.amountCents) };
    if (t.kind === 'check') {
      Object.assign(form, { routing: t.routing, account: t.account, checkNumber: t.checkNumber, micrRaw: t.micrRaw ?? '', scanId: t.scanId ?? '', scanPoor: t.scanId ? get().poorScans[t.scanId] ?? '' : '', imageOverride: t.imageOverride ?? null });
    }
    if (t.kind === 'check' && !form.scanPoor && error?.code === 'CHECK_IMAGE_POOR') form.scanPoor = String(error.params.problems ?? '');
    // The supervisor's ID or PIN was refused: the fields open again on it, the PIN to be keyed again.
    if (t.kind === 'check' && field.startsWith('imageOverride') && t.imageOverride) {
      set({ kind: t.kind, form: { ...form, imageOverride: null }, formErrors: error ? { [field]: error } : {}, overriding: true, overrideDraft: { userId: t.imageOverride.userId, pin: '' } });
      return;
    }
    if (t.kind === 'card') Object.assign(form, { brand: t.brand, last4: t.last4, authCode: t.authCode });
    if (t.kind === 'money_order' || t.kind === 'other') form.reference = t.reference ?? '';
    set({ kind: t.kind, form, formErrors: error ? { [field]: error } : {}, overriding: false, overrideDraft: NO_APPROVAL });
  },
  open(dialog) { set({ dialog }); },
  close() { set({ dialog: null }); },
}));
