// What the station returns: plain JSON shapes, amounts in integer cents.
import type { AccountStatus, CardBrand, MovementKind, RevenueCategory, Role, SessionState, TenderKind } from './domain';
import type { FeeRule, FeeInputs } from './fees';
import type { DenominationCounts } from './denominations';
import type { ArrangementSummary } from './arrangements';

export interface UserView { id: string; name: string; role: Role }

export interface UserAdminView extends UserView { active: boolean; lockedUntil: string | null; failedAttempts: number }

export interface StationSettings {
  stationId: string; cityName: string; cityAddress: string; cutoff: string; timeZone: string; language: 'en' | 'es';
  lockoutAttempts: number; lockoutMinutes: number; floatCents: number; dropLimitCents: number;
  overShortToleranceCents: number; returnedCheckFeeCents: number; cashOnlyMonths: number;
  /** Minutes with no key or click before the till locks itself; 0 = never. */
  idleLockMinutes: number;
  /** Cash rounded to the nearest 5¢ at the tender ('nearest_5'), or not ('none', the default). */
  cashRounding: 'none' | 'nearest_5';
  /** The city's bank of deposit, printed on the deposit slip and the check endorsement; empty until an admin sets it. */
  depositBank: { name: string; routing: string; account: string };
}

export interface SignInResult { token: string; user: UserView }

export interface StationInfo {
  stationId: string;
  cityName: string;
  cityAddress: string;
  businessDay: string;
  language: 'en' | 'es';
  schemaVersion: number;
  /** Minutes with no key or click before the till locks itself; 0 = never. */
  idleLockMinutes: number;
  /** Cash rounded to the nearest 5¢ at the tender ('nearest_5'), or not ('none', the default). */
  cashRounding: 'none' | 'nearest_5';
}

export interface RevenueCodeView {
  code: string;
  nameEn: string;
  nameEs: string;
  glAccount: string;
  category: RevenueCategory;
  requiresAccount: boolean;
  rule: FeeRule;
  ruleEffectiveFrom: string;
}

export interface FeeQuote { revenueCode: string; amountCents: number; rule: FeeRule; effectiveFrom: string; explanation: string }

export interface AccountView {
  accountNumber: string;
  name: string;
  serviceAddress: string;
  status: AccountStatus;
  /** Balance from the city's directory less the payments this station took since. */
  balanceCents: number;
  directoryBalanceCents: number;
  cashOnlyUntil: string | null;
  /** The payment arrangement running on the account (it holds the shut-off), or null. */
  arrangement: ArrangementSummary | null;
}

export interface SessionView {
  id: string;
  stationId: string;
  cashierId: string;
  cashierName: string;
  state: SessionState;
  businessDay: string;
  openedAt: string;
  closedAt: string | null;
  floatCents: number;
  floatCounts: DenominationCounts;
  /**
   * Cash that should be in the drawer now (invariant 2). Null for a cashier once the close-out has
   * begun (closeout.start) or the session is counted: the count is blind (see endOfDay/closeout.ts).
   */
  expectedCashCents: number | null;
  receiptCount: number;
  /** True when expected cash has passed the drop limit. */
  dropSuggested: boolean;
  dropSuggestedCents: number;
}

export interface ReceiptLineView {
  lineNo: number;
  revenueCode: string;
  nameEn: string;
  nameEs: string;
  glAccount: string;
  accountNumber: string | null;
  amountCents: number;
  feeInputs: FeeInputs | null;
  description: string | null;
}

export interface TenderView {
  tenderNo: number;
  kind: TenderKind;
  amountCents: number;
  checkRouting: string | null;
  checkAccount: string | null;
  checkNumber: string | null;
  micrRaw: string | null;
  cardBrand: CardBrand | null;
  cardLast4: string | null;
  cardAuth: string | null;
  reference: string | null;
  /** A card tender filled from the terminal (absent on a keyed card tender). */
  card?: TerminalCardView;
}

/** The EMV receipt fields of a card tender the terminal approved (never more than the last four digits). */
export interface TerminalCardView {
  attemptId: string; maskedPan: string; entryMode: string; aid: string | null; appLabel: string | null;
  transactionId: string; terminalId: string; offline: boolean; signatureRequired: boolean;
}

export interface ReceiptView {
  id: string;
  receiptNumber: string;
  stationId: string;
  seq: number;
  sessionId: string;
  cashierId: string;
  cashierName: string;
  businessDay: string;
  createdAt: string;
  payerName: string | null;
  totalCents: number;
  /** What the cash was rounded by (−2…+2¢; tenders − change = total + it); absent when none (issue 15). */
  cashRoundingCents?: number;
  tenderedCents: number;
  changeCents: number;
  lines: ReceiptLineView[];
  tenders: TenderView[];
  voided: { at: string; reason: string; approvedBy: string } | null;
  /** True on reprints: the printed copy says DUPLICATE. */
  duplicate: boolean;
  /** After a void: what became of each card charged at the terminal (a refusal says what to do instead). */
  cardReversals?: { attemptId: string; amountCents: number; reversed: boolean; reason: string | null }[];
}

export interface MovementView {
  id: string;
  sessionId: string;
  kind: MovementKind;
  amountCents: number;
  reason: string | null;
  userId: string;
  approvedBy: string | null;
  createdAt: string;
}
