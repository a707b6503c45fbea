// Schedule arithmetic: the instalments of an arrangement in whole cents that add up exactly, and their
// due dates (weekly, every two weeks, monthly anchored on the first due date's day of the month).
import Decimal from 'decimal.js';
import type { Frequency, InstalmentRecord } from '../../../shared/arrangements';
import { addDays, addMonthsAnchored, dayOfMonth } from '../../../shared/calendar';
import { StationError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';

/** Due date of the k-th instalment (k from 0), counted from the first due date, never from the one before. */
export function dueDate(firstDue: string, frequency: Frequency, k: number): string {
  switch (frequency) {
    case 'weekly': return addDays(firstDue, 7 * k);
    case 'biweekly': return addDays(firstDue, 14 * k);
    case 'monthly': return addMonthsAnchored(firstDue, k, dayOfMonth(firstDue));
  }
}

export function dueDates(firstDue: string, frequency: Frequency, count: number): string[] {
  return Array.from({ length: count }, (_, k) => dueDate(firstDue, frequency, k));
}

/**
 * `count` equal instalments of `amountCents`: each is the amount ÷ count rounded down to the cent
 * (ROUND_DOWN), and the last takes the remainder, so the sum is exact and the last is never smaller.
 */
export function equalAmounts(amountCents: number, count: number): number[] {
  if (count > amountCents) throw new StationError('ARRANGEMENT_INSTALMENT_TOO_SMALL', { count, amount: formatCents(amountCents) }, 'instalmentCount');
  const each = new Decimal(amountCents).div(count).toDecimalPlaces(0, Decimal.ROUND_DOWN).toNumber();
  return Array.from({ length: count }, (_, k) => (k < count - 1 ? each : amountCents - each * (count - 1)));
}

export interface ScheduleDraft {
  totalCents: number;
  downPaymentCents: number;
  instalmentCount: number;
  frequency: Frequency;
  firstDue: string;
  amounts?: number[] | undefined;
}

/**
 * The whole schedule: the down payment as instalment 0 (due today, taken now) when there is one, then
 * the instalments 1…n. Together they add up to the amount arranged, or this throws on the field at fault.
 */
export function makeSchedule(d: ScheduleDraft, today: string): InstalmentRecord[] {
  if (d.firstDue <= today) throw new StationError('ARRANGEMENT_FIRST_DUE_PAST', { today }, 'firstDue');
  if (d.downPaymentCents >= d.totalCents) throw new StationError('ARRANGEMENT_DOWN_TOO_LARGE', { down: formatCents(d.downPaymentCents), total: formatCents(d.totalCents) }, 'downPaymentCents');
  const rest = d.totalCents - d.downPaymentCents;
  let amounts: number[];
  if (d.amounts) {
    if (d.amounts.length !== d.instalmentCount) throw new StationError('ARRANGEMENT_AMOUNTS_COUNT', { count: d.instalmentCount, given: d.amounts.length }, 'amounts');
    const sum = d.amounts.reduce((s, a) => s + a, 0);
    if (sum !== rest) throw new StationError('INSTALMENTS_DONT_ADD_UP', { sum: formatCents(sum), expected: formatCents(rest) }, 'amounts');
    amounts = d.amounts;
  } else {
    amounts = equalAmounts(rest, d.instalmentCount);
  }
  const dates = dueDates(d.firstDue, d.frequency, d.instalmentCount);
  const out: InstalmentRecord[] = d.downPaymentCents > 0 ? [{ no: 0, dueDate: today, amountCents: d.downPaymentCents }] : [];
  amounts.forEach((a, k) => out.push({ no: k + 1, dueDate: dates[k]!, amountCents: a }));
  return out;
}
