// Past the due date: the late penalty of the fee schedule (the code whose rule is a late penalty),
// on the amount due, for each month begun since the due date.
import type { LateOffer } from '../../../shared/contract/stubs';
import { catalog } from '../catalogCache';
import { computeFee } from '../fees';
import type { Station } from '../station';

/** Months past due, counting the month begun: a day late is one month, a month and a day two. */
export function monthsPastDue(due: string, today: string): number {
  if (today <= due) return 0;
  const [dy, dm, dd] = due.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const whole = (ty - dy) * 12 + (tm - dm) - (td <= dd ? 1 : 0);
  return Math.max(0, whole) + 1;
}

export function lateOffer(station: Station, dueDate: string | null, baseCents: number, day: string): LateOffer | null {
  if (!dueDate) return null;
  const months = monthsPastDue(dueDate, day);
  if (months === 0) return null;
  for (const c of catalog(station).values()) {
    if (!c.active) continue;
    const rule = c.schedules.find((s) => s.effectiveFrom <= day)?.rule;
    if (rule?.type !== 'late_penalty') continue;
    const fee = computeFee(c.code, rule, { baseCents, monthsPastDue: months });
    if (fee.amountCents === null || fee.amountCents <= 0) return null;
    return { revenueCode: c.code, amountCents: fee.amountCents, baseCents, monthsPastDue: months, dueDate };
  }
  return null;
}
