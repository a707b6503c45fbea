// Domain words of DOMAIN.md as types shared by every process.
export const ROLES = ['cashier', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles add up: a supervisor can do all a cashier can, an admin all a supervisor can. */
export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export const TENDER_KINDS = ['cash', 'check', 'money_order', 'card', 'other'] as const;
export type TenderKind = (typeof TENDER_KINDS)[number];

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'debit', 'other'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export const ACCOUNT_STATUSES = ['active', 'delinquent', 'shutoff_pending', 'closed', 'final'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const SESSION_STATES = ['open', 'counted', 'closed'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const MOVEMENT_KINDS = ['paid_in', 'paid_out', 'drop', 'no_sale'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const REVENUE_CATEGORIES = ['utility', 'licence', 'permit', 'lid', 'deposit', 'fee', 'bond', 'misc'] as const;
export type RevenueCategory = (typeof REVENUE_CATEGORIES)[number];

/** ABA routing number check digit: 3-7-1 weights over nine digits, sum divisible by 10. */
export function isValidRouting(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}
