// A receipt's fees against the hub's own schedule for its business day (issue 15): a computed fee that the
// hub's schedule gives differently (a station with an old fee list, a schedule changed after the fact)
// raises `fee_mismatch`. The arithmetic is the station's own (src/shared/feeCompute.ts).
import type { Transaction } from 'kysely';
import { computeFee } from '../shared/feeCompute';
import { feeInputsSchema, feeRuleSchema, type FeeRule } from '../shared/fees';
import { dollars } from './exports';
import type { ReceiptPosted } from './eventData';
import type { StoredEvent } from './push';
import type { HubDB } from './schema';

export type Schedules = Map<string, { from: string; rule: FeeRule | null }[]>;

/** The schedules of the codes the batch's receipts use, latest first. */
export async function loadSchedules(tx: Transaction<HubDB>, events: StoredEvent[]): Promise<Schedules> {
  const codes = new Set<string>();
  for (const e of events) {
    if (e.event.kind !== 'receipt.posted') continue;
    const lines = (e.event.data as { lines?: { revenueCode?: unknown }[] } | null)?.lines;
    if (Array.isArray(lines)) for (const l of lines) if (typeof l?.revenueCode === 'string') codes.add(l.revenueCode);
  }
  const out: Schedules = new Map();
  if (!codes.size) return out;
  const rows = await tx.selectFrom('fee_schedules').select(['revenue_code', 'effective_from', 'rule']).where('revenue_code', 'in', [...codes])
    .orderBy('revenue_code').orderBy('effective_from', 'desc').execute();
  for (const r of rows) {
    const parsed = feeRuleSchema.safeParse(JSON.parse(r.rule));
    const list = out.get(r.revenue_code) ?? [];
    list.push({ from: r.effective_from, rule: parsed.success ? parsed.data : null });
    out.set(r.revenue_code, list);
  }
  return out;
}

export interface FeeDifference { lineNo: number; revenueCode: string; chargedCents: number; scheduleCents: number | null; why: string }

/** Lines whose fee the hub's schedule on the receipt's business day computes differently. */
export function feeDifferences(r: ReceiptPosted, schedules: Schedules): FeeDifference[] {
  const out: FeeDifference[] = [];
  for (const l of r.lines) {
    const s = schedules.get(l.revenueCode)?.find((x) => x.from <= r.businessDay);
    if (!s?.rule || s.rule.type === 'open') continue; // no schedule (raised as an unknown code) or any amount stands
    const inputs = feeInputsSchema.safeParse((l as { feeInputs?: unknown }).feeInputs ?? {});
    let expected: number | null = null, why: string;
    try {
      expected = computeFee(l.revenueCode, s.rule, inputs.success ? inputs.data : {}).amountCents;
      why = `the hub's schedule from ${s.from} gives $${dollars(expected ?? 0)}`;
    } catch {
      why = `the hub's schedule from ${s.from} needs inputs the receipt does not carry`;
    }
    if (expected !== l.amountCents) out.push({ lineNo: l.lineNo, revenueCode: l.revenueCode, chargedCents: l.amountCents, scheduleCents: expected, why });
  }
  return out;
}
