// What the end-of-day operations return (close-out, X/Z reports, deposits, returned checks, daily
// summary). Plain JSON, amounts in integer cents. The printer lays out the Z report and the deposit
// slip from these shapes and the UI builds its screens from them: change them only by adding fields.
import type { CardBrand, MovementKind, SessionState, TenderKind } from './domain';
import type { DenominationCounts, DenominationKind } from './denominations';

export interface PersonRef { id: string; name: string }

/** One row of a count sheet: `count` pieces (or rolls) of one denomination. */
export interface DenominationLine {
  key: string;
  label: string;
  kind: DenominationKind;
  /** Value of one piece or roll. */
  unitCents: number;
  count: number;
  /** unitCents × count. */
  amountCents: number;
}

/** A count sheet: the counts as keyed plus the lines in the order of the currency's denominations. */
export interface CountSheet {
  counts: DenominationCounts;
  /** Only denominations with a count above zero, largest first. */
  lines: DenominationLine[];
  /** Paper money (bills). */
  currencyCents: number;
  /** Loose coin and rolled coin. */
  coinCents: number;
  totalCents: number;
}

export interface RevenueCodeTotal {
  revenueCode: string;
  nameEn: string;
  nameEs: string;
  glAccount: string;
  /** Receipt lines counted (for returned checks: reversal lines). */
  lineCount: number;
  totalCents: number;
}

export interface GlAccountTotal {
  /** fund-department-object, e.g. "401-3410-34340". */
  glAccount: string;
  revenueCodes: string[];
  totalCents: number;
}

/**
 * Per tender type. Cash is `tenderedCents − changeCents` = `netCents`; other kinds give no change.
 * The netCents of all tenders add up to the receipts' total.
 */
export interface TenderTotal {
  kind: TenderKind;
  count: number;
  tenderedCents: number;
  changeCents: number;
  netCents: number;
}

export interface CardBrandTotal { brand: CardBrand; count: number; totalCents: number }

export interface CountAndTotal { count: number; totalCents: number }

export interface MovementLine {
  id: string;
  kind: MovementKind;
  amountCents: number;
  reason: string | null;
  user: PersonRef;
  approvedBy: PersonRef | null;
  at: string;
}

export interface MovementTotals extends CountAndTotal { items: MovementLine[] }

export interface VoidLine {
  receiptNumber: string;
  totalCents: number;
  reason: string;
  voidedBy: PersonRef;
  approvedBy: PersonRef;
  at: string;
}

export interface ReprintLine { receiptNumber: string; user: PersonRef; at: string }

/**
 * What the station expects in the drawer and the till envelope (DOMAIN.md invariants 2 and 3).
 * cashCents = floatCents + cashSalesCents + paidInCents − paidOutCents − dropsCents.
 */
export interface ExpectedFigures {
  floatCents: number;
  /** Cash tendered − change on receipts that are not void. */
  cashSalesCents: number;
  paidInCents: number;
  paidOutCents: number;
  dropsCents: number;
  /** Cash that should be in the drawer (drops excluded: they are in the safe). */
  cashCents: number;
  checks: CountAndTotal;
  moneyOrders: CountAndTotal;
  cards: CountAndTotal & { byBrand: CardBrandTotal[] };
  other: CountAndTotal;
}

export interface SessionHeader {
  id: string;
  stationId: string;
  cashier: PersonRef;
  businessDay: string;
  state: SessionState;
  openedAt: string;
  closedAt: string | null;
}

/** X report (mid-session, changes nothing) and the body of the Z report. */
export interface SessionReport {
  kind: 'X' | 'Z';
  generatedAt: string;
  session: SessionHeader;
  /** Receipts that are not void. */
  receipts: CountAndTotal & { firstNumber: string | null; lastNumber: string | null };
  byRevenueCode: RevenueCodeTotal[];
  byTender: TenderTotal[];
  cardsByBrand: CardBrandTotal[];
  voids: CountAndTotal & { items: VoidLine[] };
  paidIns: MovementTotals;
  paidOuts: MovementTotals;
  drops: MovementTotals;
  noSales: { count: number; items: MovementLine[] };
  reprints: { count: number; items: ReprintLine[] };
  expected: ExpectedFigures;
  /**
   * The session's receipts by the business day they count for (issue 15): a session that runs past the
   * cut-off has two (or more); their totals add up to `receipts`.
   */
  byBusinessDay: BusinessDayPart[];
  /** Cash rounded to 5¢ where set (issue 15): tenders net of change = receipts total + this. */
  cashRounding: CountAndTotal;
}

/** One business day's share of a session's receipts. */
export interface BusinessDayPart { businessDay: string; receipts: CountAndTotal; byTender: TenderTotal[] }

export interface XReport extends SessionReport { kind: 'X' }

/** The close-out report: the session's figures with its count, over/short and approval. */
export interface ZReport extends SessionReport { kind: 'Z'; closeout: CloseoutView }

// ---- Close-out ------------------------------------------------------------------------------

/** A check, money order or other non-cash, non-card item of a session, to confirm one by one at the count. */
export interface CountableItem {
  receiptNumber: string;
  tenderNo: number;
  kind: 'check' | 'money_order' | 'other';
  routing: string | null;
  account: string | null;
  checkNumber: string | null;
  reference: string | null;
  amountCents: number;
  payerName: string | null;
  /** A check scanned with images (issue 16): the checklist shows them. */
  hasImages?: boolean;
}

/** A drop (safe bag) of the session, verified at close-out. */
export interface DropBag { movementId: string; amountCents: number; counts: DenominationCounts | null; at: string }

/** What the cashier is shown to do the blind count: the items to confirm, never the expected totals. */
export interface CloseoutChecklist {
  sessionId: string;
  businessDay: string;
  items: CountableItem[];
  /** Drops to verify; a drop recorded without denomination counts must be counted at close-out. */
  drops: DropBag[];
  startedAt: string;
}

export type CountItemStatus = 'present' | 'missing' | 'extra';

export interface CountItem {
  itemNo: number;
  status: CountItemStatus;
  kind: 'check' | 'money_order' | 'other';
  /** Null for an extra item found in the drawer that no receipt records. */
  receiptNumber: string | null;
  tenderNo: number | null;
  routing: string | null;
  account: string | null;
  checkNumber: string | null;
  reference: string | null;
  amountCents: number;
  note: string | null;
}

/** Expected vs counted for one tender type (cards: one line per brand). overShortCents = counted − expected. */
export interface OverShortLine {
  tender: TenderKind;
  brand: CardBrand | null;
  expectedCount: number | null;
  expectedCents: number;
  countedCount: number | null;
  countedCents: number;
  overShortCents: number;
}

export interface DropCheck { movementId: string; recordedCents: number; counted: CountSheet }

export interface CountView {
  id: string;
  /** 1 for the first count; a reopened session's later counts follow. */
  seq: number;
  countedBy: PersonRef;
  countedAt: string;
  /** Cash in the drawer. */
  cash: CountSheet;
  /** Safe bags dropped during the session, as verified at this count. */
  drops: DropCheck[];
  items: CountItem[];
  /** One line per tender type: cash, check, money_order, card, other (totals over all card brands). */
  lines: OverShortLine[];
  /** Card lines by brand, from the terminal's settlement report. */
  cardLines: OverShortLine[];
  /** Sum of the per-tender over/shorts (positive = over). */
  overShortCents: number;
  /** Sum of their absolute values: what the tolerance is measured against. */
  overShortAbsCents: number;
  withinTolerance: boolean;
  /** False once a supervisor reopened the session after this count. */
  current: boolean;
}

export interface CloseoutClosure {
  closedBy: PersonRef;
  at: string;
  /** Present when the over/short was beyond the tolerance. */
  approvedBy: PersonRef | null;
  reason: string | null;
}

export interface Reopening { by: PersonRef; at: string; reason: string; countId: string }

/** A session's close-out, shown only once its blind count is stored. */
export interface CloseoutView {
  session: SessionHeader;
  floatCents: number;
  toleranceCents: number;
  expected: ExpectedFigures;
  /** The current (latest) count. */
  count: CountView;
  /** Earlier counts superseded by a reopen, oldest first. */
  history: CountView[];
  /** Every over/short is zero. */
  balanced: boolean;
  /** Beyond the tolerance and not yet approved: a supervisor's PIN and a reason close it. */
  needsApproval: boolean;
  closure: CloseoutClosure | null;
  reopenings: Reopening[];
  depositId: string | null;
}

/** One line per drawer session, for choosing sessions (deposits, reports). No expected figures. */
export interface SessionListItem {
  session: SessionHeader;
  receiptCount: number;
  /** Counted cash + verified drops of the current count (null before the count). */
  countedCashCents: number | null;
  overShortCents: number | null;
  depositId: string | null;
}

// ---- Deposit --------------------------------------------------------------------------------

/** discarded (issue 15): a draft given up, or replaced by a draft of other sessions; its sessions are free again. */
export type DepositState = 'draft' | 'prepared' | 'verified' | 'discarded';

export interface BankAccountRef { name: string; routing: string; account: string }

export interface DepositItem {
  itemNo: number;
  kind: 'check' | 'money_order';
  receiptNumber: string | null;
  routing: string | null;
  account: string | null;
  checkNumber: string | null;
  reference: string | null;
  amountCents: number;
  payerName: string | null;
  /** Checks: 'image' goes to the bank in the image cash letter, 'paper' in the bag (no image, or a paper-only override). */
  sentAs?: 'image' | 'paper';
}

export interface DepositSessionRef { id: string; stationId: string; cashier: PersonRef; businessDay: string }

/**
 * A bank deposit (DOMAIN.md invariant 5): cash.deposited = cash.available − cash.floatKept by
 * denomination, where available = the sessions' counted cash + their verified drops;
 * totalCents = cash + checks + money orders. Cards and other tenders are not deposited.
 */
export interface DepositView {
  /** Null for a proposal that has not been saved. */
  id: string | null;
  state: DepositState | 'proposal';
  bank: BankAccountRef;
  businessDays: string[];
  sessions: DepositSessionRef[];
  createdAt: string | null;
  createdBy: PersonRef | null;
  cash: {
    available: CountSheet;
    floatKept: CountSheet;
    deposited: CountSheet;
  };
  /**
   * The float kept back against the configured float (× stations): differenceCents = kept − target.
   * When it is not zero, exactPossible says whether some choice of the pieces would have made it, and
   * acceptedBy is the supervisor who accepted it. Null for a deposit made before the station recorded it.
   */
  float: { targetCents: number; keptCents: number; differenceCents: number; exactPossible: boolean; acceptedBy: PersonRef | null } | null;
  checks: CountAndTotal & { items: DepositItem[] };
  moneyOrders: CountAndTotal & { items: DepositItem[] };
  totalCents: number;
  /** In the sessions' totals but settled elsewhere (card processor) or not banked. */
  notDeposited: { cardsCents: number; otherCents: number };
  bagNumber: string | null;
  preparedBy: PersonRef | null;
  preparedAt: string | null;
  bankConfirmedCents: number | null;
  /** bankConfirmedCents − totalCents; recorded and reported, never hidden. */
  differenceCents: number | null;
  verifiedBy: PersonRef | null;
  verifiedAt: string | null;
  verifyNote: string | null;
  /** The business day the bank's difference was recorded on (the hub's GL books it that day). */
  differenceDay: string | null;
  /** A discarded draft: who, when, why, and the draft that replaced it when its sessions were changed. */
  discarded: { by: PersonRef; at: string; reason: string; replacedBy: string | null } | null;
  /** The discarded draft this one replaced (its sessions changed). */
  replaces: string | null;
}

// ---- Returned checks ------------------------------------------------------------------------

export const RETURN_REASONS = ['nsf', 'account_closed', 'stop_payment', 'refer_to_maker', 'unable_to_locate', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** A check tender as found by returnedCheck.find. */
export interface CheckTenderView {
  receiptNumber: string;
  tenderNo: number;
  stationId: string;
  businessDay: string;
  createdAt: string;
  payerName: string | null;
  routing: string;
  account: string;
  checkNumber: string;
  amountCents: number;
  /** City accounts the receipt paid on. */
  accountNumbers: string[];
  voided: boolean;
  returnedCheckId: string | null;
  depositId: string | null;
}

export interface ReversalLine { revenueCode: string; nameEn: string; nameEs: string; glAccount: string; accountNumber: string | null; amountCents: number }

export interface ReturnedCheckView {
  id: string;
  check: CheckTenderView;
  reason: ReturnReason;
  note: string | null;
  /** Date on the bank's return notice. */
  returnedOn: string;
  /** Business day the return counts for (when it was recorded). */
  businessDay: string;
  recordedAt: string;
  recordedBy: PersonRef;
  /** The payments reversed, on the same revenue codes and accounts (positive amounts, taken off). */
  reversals: ReversalLine[];
  /** The returned-check fee charged (a charge on the account for the billing system, not money taken). */
  fee: { revenueCode: string; glAccount: string; accountNumber: string | null; amountCents: number } | null;
  cashOnlyUntil: string | null;
  /** City accounts and the bank account flagged cash-only. */
  flagged: { accountNumbers: string[]; bank: { routing: string; account: string } | null };
}

// ---- Business day ---------------------------------------------------------------------------

export interface BusinessDayView {
  day: string;
  /** The day postings go to right now. */
  current: boolean;
  closed: boolean;
  closedAt: string | null;
  closedBy: PersonRef | null;
  /** Sessions of the day (or holding receipts of it) not yet closed: the day cannot close while any remain. */
  sessionsNotClosed: number;
}

export interface CashierTotal { cashier: PersonRef; sessionCount: number; receiptCount: number; totalCents: number; overShortCents: number }

export interface CloseoutSummaryLine {
  sessionId: string;
  stationId: string;
  cashier: PersonRef;
  state: SessionState;
  receiptCount: number;
  /** The session's non-void receipts of this business day. */
  totalCents: number;
  /**
   * Over/short of its count. A session split at the cut-off shows it on its own business day (the day it
   * was opened) only, so that a split session's over/short counts once; null on its other days.
   */
  overShortCents: number | null;
  /** A session that ran past the cut-off (issue 15): every business day its receipts count for, and the day its over/short counts on. */
  split: { days: string[]; overShortOn: string } | null;
}

/**
 * The daily summary. `collections` comes from the day's receipts and equals the sum of the
 * day's close-outs; returned checks recorded that day are shown apart and in `net`.
 */
export interface CollectionPointTotal { point: 'counter' | 'mail' | 'drop_box' | 'lockbox' | 'online'; count: number; totalCents: number }

export interface DailySummary {
  businessDay: string;
  generatedAt: string;
  day: BusinessDayView;
  collections: {
    receipts: CountAndTotal;
    voids: CountAndTotal;
    byRevenueCode: RevenueCodeTotal[];
    byGlAccount: GlAccountTotal[];
    byTender: TenderTotal[];
    cardsByBrand: CardBrandTotal[];
    byCashier: CashierTotal[];
    /** Where the money came from: counter, mail, drop box, lockbox, online (receipts not voided). */
    byCollectionPoint: CollectionPointTotal[];
    totalCents: number;
    /** Cash rounded to 5¢ where set (issue 15): the tenders net of change are totalCents + this. */
    cashRounding: CountAndTotal;
  };
  closeouts: { sessions: CloseoutSummaryLine[]; totalCents: number; overShortCents: number };
  drawer: { paidInCents: number; paidOutCents: number; dropsCents: number; noSales: number };
  returnedChecks: CountAndTotal & {
    byRevenueCode: RevenueCodeTotal[];
    feesCents: number;
    items: ReturnedCheckView[];
  };
  /** Collections less returned checks, by revenue code and GL account. */
  net: { byRevenueCode: RevenueCodeTotal[]; byGlAccount: GlAccountTotal[]; totalCents: number };
  deposits: { id: string; state: DepositState; totalCents: number; differenceCents: number | null }[];
}

export interface CsvExport { filename: string; mimeType: 'text/csv'; content: string; rows: number }
