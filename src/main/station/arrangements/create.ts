// Making an arrangement: the plan and its down-payment receipt are one posting (one transaction, one
// client UUID each), so a crash leaves either both or neither. Journal rows and outbox events for the
// receipt and the arrangement are written in that same transaction; the agreement prints after it.
import { checkImageOverrides } from '../checkImages/attach';
import type { z } from 'zod';
import type { ArrangementRecord } from '../../../shared/arrangements';
import type { createArrangementInput } from '../../../shared/contract/arrangements';
import { StationError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import { canonicalJson } from '../../../shared/canonical';
import type { UserView } from '../../../shared/views';
import type { ArrangementsTable } from '../../db/schema';
import { assertDayOpen } from '../postingGuards';
import { writeReceipt } from '../receipts';
import type { ReceiptRecord } from '../receiptView';
import type { Station } from '../station';
import { applyDownPayment } from './applyPayment';
import { planDraft } from './quote';

export type CreateInput = z.output<typeof createArrangementInput>;

export const formatArrangementNumber = (stationId: string, seq: number): string => `${stationId}-PA${String(seq).padStart(5, '0')}`;

/** The same request again: the same plan for the same account, or it is a misuse of the key. */
function samePlan(r: ArrangementsTable, i: CreateInput): boolean {
  const a = [r.account_number, r.total_cents, r.down_payment_cents, r.instalment_count, r.frequency, r.first_due];
  const b = [i.accountNumber, i.totalCents, i.downPaymentCents, i.instalmentCount, i.frequency, i.firstDue];
  return canonicalJson(a) === canonicalJson(b);
}

/** The receipt is refused on its own fields, under `receipt.` in this request. */
function asReceiptField<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StationError && e.field) throw new StationError(e.code, e.params, `receipt.${e.field}`);
    throw e;
  }
}

export function createArrangement(station: Station, user: UserView, input: CreateInput, approver: UserView | null): { id: string; receipt: ReceiptRecord | null } {
  // A check image override's PIN, outside the transaction (a wrong one counts towards the lockout).
  if (input.receipt) asReceiptField(() => checkImageOverrides(station, user, input.receipt!.tenders));
  return station.commit(() => {
    const k = station.kysely;
    const again = station.st.get<ArrangementsTable>(k.selectFrom('arrangements').selectAll().where('id', '=', input.id));
    if (again) {
      if (!samePlan(again, input)) throw new StationError('IDEMPOTENCY_CONFLICT');
      return { id: again.id, receipt: null };
    }
    // The receipt's key belongs to this arrangement alone: one already posted is not its down payment.
    if (input.receipt && station.st.get(k.selectFrom('receipts').select('id').where('id', '=', input.receipt.id))) throw new StationError('IDEMPOTENCY_CONFLICT', {}, 'receipt.id');

    const plan = planDraft(station, input);
    const first = plan.exceeded[0];
    if (first && !approver) throw new StationError(first.code, first.params, first.field);
    const overriding = plan.exceeded.length > 0 && approver !== null;
    if (overriding && !input.overrideReason) throw new StationError('REASON_REQUIRED', {}, 'overrideReason');
    const now = station.clock.now();
    const at = now.toISOString();
    assertDayOpen(station, plan.today);

    let receipt: ReceiptRecord | null = null;
    if (input.downPaymentCents > 0) {
      if (!input.receipt) throw new StationError('ARRANGEMENT_DOWN_PAYMENT_MISSING', { down: formatCents(input.downPaymentCents) }, 'receipt');
      receipt = asReceiptField(() => writeReceipt(station, user, input.receipt!).rec);
      const taken = receipt.lines.filter((l) => l.accountNumber === input.accountNumber).reduce((s, l) => s + l.amountCents, 0);
      if (taken !== input.downPaymentCents) {
        throw new StationError('ARRANGEMENT_DOWN_PAYMENT_RECEIPT', { taken: formatCents(taken), account: input.accountNumber, down: formatCents(input.downPaymentCents) }, 'downPaymentCents');
      }
    } else if (input.receipt) {
      throw new StationError('ARRANGEMENT_DOWN_PAYMENT_RECEIPT', { taken: 'a receipt', account: input.accountNumber, down: formatCents(0) }, 'receipt');
    }

    const seq = (station.st.get<{ s: number | null }>(k.selectFrom('arrangements').select((eb) => eb.fn.max('seq').as('s')).where('station_id', '=', station.stationId))?.s ?? 0) + 1;
    const record: ArrangementRecord = {
      id: input.id, number: formatArrangementNumber(station.stationId, seq), stationId: station.stationId, accountNumber: input.accountNumber,
      createdAt: at, businessDay: plan.today, createdBy: user.id, totalCents: input.totalCents, downPaymentCents: input.downPaymentCents,
      downReceiptId: receipt?.id ?? null, downReceiptNumber: receipt?.receiptNumber ?? null, frequency: input.frequency,
      instalmentCount: input.instalmentCount, firstDue: input.firstDue, graceDays: plan.policy.breakDaysPastDue, timeZone: station.config.timeZone,
      lang: input.lang, payerName: input.payerName || receipt?.payerName || null, terms: input.lang === 'es' ? plan.policy.termsEs : plan.policy.termsEn,
      approvedBy: overriding ? approver!.id : null, overrideReason: overriding ? input.overrideReason! : null,
      overrides: overriding ? plan.exceeded.map((x) => x.limit) : [],
      instalments: plan.instalments,
    };
    station.st.run(k.insertInto('arrangements').values({
      id: record.id, station_id: record.stationId, seq, arrangement_number: record.number, account_number: record.accountNumber, created_at: at,
      business_day: record.businessDay, created_by: user.id, total_cents: record.totalCents, down_payment_cents: record.downPaymentCents,
      down_receipt_id: record.downReceiptId, frequency: record.frequency, instalment_count: record.instalmentCount, first_due: record.firstDue,
      grace_days: record.graceDays, time_zone: record.timeZone, lang: record.lang, payer_name: record.payerName, terms: record.terms,
      approved_by: record.approvedBy, override_reason: record.overrideReason, overrides: JSON.stringify(record.overrides),
    }));
    station.st.run(k.insertInto('arrangement_instalments').values(record.instalments.map((x) => ({
      arrangement_id: record.id, instalment_no: x.no, due_date: x.dueDate, amount_cents: x.amountCents,
    }))));
    if (receipt) applyDownPayment(station, record.id, receipt.id, record.downPaymentCents, at);
    station.record('arrangement.created', record.id, record, at);
    return { id: record.id, receipt };
  });
}
