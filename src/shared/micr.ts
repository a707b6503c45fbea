// A check's MICR line as read by the check reader: a parsed check, or which field failed so the till
// can ask the cashier to key just that part. Plain shapes: the UI receives them as 'device.check' events.

/** 'line' is the whole read (empty, noise, wrong baud); the others are the fields the till needs. */
export const MICR_FIELDS = ['line', 'routing', 'account', 'checkNumber'] as const;
export type MicrField = (typeof MICR_FIELDS)[number];

/**
 * empty: nothing but blanks; noise: characters no MICR font has (wrong baud, line noise); tooLong: no end of line;
 * missing: the field is not on the line; unreadable: the reader marked digits '?'; format: wrong length or symbols;
 * checkDigit: the routing number fails the ABA 3-7-1 check digit.
 */
export const MICR_FAULTS = ['empty', 'noise', 'tooLong', 'missing', 'unreadable', 'format', 'checkDigit'] as const;
export type MicrFault = (typeof MICR_FAULTS)[number];

export interface MicrFieldError {
  field: MicrField;
  fault: MicrFault;
  /** English words for logs and IT; the UI words it from field + fault. */
  detail: string;
  /** 0-based positions of unreadable digits within the field, for 'unreadable'. */
  positions?: number[];
}

/** personal: check number after the account in the on-us field; business: check number in the auxiliary on-us field. */
export type MicrLayout = 'personal' | 'business';

export interface MicrCheck {
  layout: MicrLayout;
  /** Nine digits, ABA check digit verified. */
  routing: string;
  /** Digits only (spaces and dashes removed), 4 to 17 of them. */
  account: string;
  /** Digits without leading zeros (at least one digit). */
  checkNumber: string;
  /** The account as printed, with dashes kept as '-'. */
  accountRaw?: string;
  /** The auxiliary on-us field (business checks), digits as printed. */
  auxOnUs?: string;
  /** External processing code: the digit left of the auxiliary on-us / transit field. */
  epc?: string;
  /** Digits after the account in a business on-us field (transaction code). */
  tranCode?: string;
  /** The amount field, present when a bank has already encoded the check. */
  amountCents?: number;
}

export type MicrRead =
  | { ok: true; check: MicrCheck; raw: string; warnings: string[] }
  | { ok: false; errors: [MicrFieldError, ...MicrFieldError[]]; partial: Partial<MicrCheck>; raw: string };
