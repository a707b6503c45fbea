// Cash rounding (DOMAIN.md "Money": a setting, for places without a 1¢ coin). When on, the part of a
// receipt paid in cash is rounded to the nearest 5¢ at the tender; card, check, money order and other
// tenders are never rounded. What the rounding gave or took is the receipt's own line (cashRoundingCents,
// −2…+2), booked to its own GL account; the lines and the total stay what was charged, so
// tenders − change = total + cashRoundingCents. Off by default (USD keeps its cent).
import Decimal from 'decimal.js';

export const CASH_ROUNDINGS = ['none', 'nearest_5'] as const;
export type CashRounding = (typeof CASH_ROUNDINGS)[number];

/** The cash due rounded to the rule: to the nearest multiple of 5¢ (1–2¢ down, 3–4¢ up; no halves occur in whole cents). */
export function roundCash(cents: number, rule: CashRounding): number {
  if (rule === 'none') return cents;
  return new Decimal(cents).div(5).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(5).toNumber();
}

/**
 * What a receipt's cash is rounded by: only when cash is tendered, on what remains due after the other
 * tenders (which are never rounded). 0 when the rule is off or nothing is left for the cash to pay.
 */
export function cashRoundingFor(totalCents: number, tenders: readonly { kind: string; amountCents: number }[], rule: CashRounding): number {
  if (rule === 'none' || !tenders.some((t) => t.kind === 'cash')) return 0;
  const nonCash = tenders.filter((t) => t.kind !== 'cash').reduce((s, t) => s + t.amountCents, 0);
  const cashDue = totalCents - nonCash;
  if (cashDue <= 0) return 0;
  return roundCash(cashDue, rule) - cashDue;
}
