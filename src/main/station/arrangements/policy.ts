// The arrangement policy (a station setting an admin changes) and the limits a draft goes beyond.
import Decimal from 'decimal.js';
import type { AccountStatus } from '../../../shared/domain';
import type { ArrangementPolicy, LimitExceeded } from '../../../shared/contract/arrangements';
import { addDays, addMonths } from '../../../shared/calendar';
import { formatCents } from '../../../shared/money';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';

export const DEFAULT_POLICY: ArrangementPolicy = {
  maxInstalments: 12,
  minDownPaymentPercent: '10',
  minDownPaymentFloorCents: 2500,
  // Twelve monthly instalments from next month, in a leap year too.
  maxSpanDays: 397,
  allowedStatuses: ['delinquent', 'shutoff_pending'],
  brokenCoolOffMonths: 12,
  breakDaysPastDue: 10,
  termsEn: 'I agree to pay each instalment in full on or before its due date. A payment on the account is applied to the oldest unpaid instalment first. While this arrangement is kept, the shut-off of service for the amount arranged is on hold. If an instalment is not paid in full within the days allowed after its due date, the arrangement is broken: the whole unpaid balance is due at once and the shut-off may go ahead. New charges are due as billed.',
  termsEs: 'Me comprometo a pagar cada cuota completa en su fecha de vencimiento o antes. Un pago a la cuenta se aplica primero a la cuota impaga más antigua. Mientras se cumpla este convenio, el corte del servicio por el monto convenido queda en suspenso. Si una cuota no se paga completa dentro de los días permitidos después de su vencimiento, el convenio se incumple: todo el saldo impago vence de inmediato y el corte puede realizarse. Los cargos nuevos se pagan según se facturan.',
};

export function arrangementPolicy(station: Station): ArrangementPolicy {
  return { ...DEFAULT_POLICY, ...station.config.arrangementPolicy };
}

export function savePolicy(station: Station, by: UserView, patch: Partial<ArrangementPolicy>): ArrangementPolicy {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<ArrangementPolicy>;
  station.commit(() => {
    station.updateConfig({ arrangementPolicy: { ...station.config.arrangementPolicy, ...changes } });
    station.record('settings.changed', 'arrangementPolicy', { by: by.id, changes: { arrangementPolicy: changes } }, station.nowIso(), { sync: false });
  });
  return arrangementPolicy(station);
}

/** The least down payment: the percentage of the amount arranged rounded half-up to the cent, at least the floor, at most the amount. */
export function minDownPayment(policy: ArrangementPolicy, totalCents: number): number {
  const share = new Decimal(totalCents).times(policy.minDownPaymentPercent).div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  return Math.min(totalCents, Math.max(share, policy.minDownPaymentFloorCents));
}

/** The latest date the last instalment may be due, from today. */
export const latestLastDue = (policy: ArrangementPolicy, today: string): string => addDays(today, policy.maxSpanDays);

export interface LimitFacts {
  status: AccountStatus;
  instalmentCount: number;
  downPaymentCents: number;
  totalCents: number;
  lastDue: string;
  today: string;
  /** The latest broken arrangement of the account, if any. */
  lastBreak: { number: string; brokenOn: string } | null;
}

/** Limits of the policy the draft goes beyond (each may be set aside by a supervisor with a reason). */
export function limitsExceeded(policy: ArrangementPolicy, f: LimitFacts): LimitExceeded[] {
  const out: LimitExceeded[] = [];
  if (!policy.allowedStatuses.includes(f.status)) out.push({ limit: 'status', field: 'accountNumber', code: 'ARRANGEMENT_LIMIT_STATUS', params: { status: f.status } });
  if (f.lastBreak) {
    const until = addMonths(f.lastBreak.brokenOn, policy.brokenCoolOffMonths);
    if (f.today < until) out.push({ limit: 'recentlyBroken', field: 'accountNumber', code: 'ARRANGEMENT_LIMIT_RECENTLY_BROKEN', params: { number: f.lastBreak.number, brokenOn: f.lastBreak.brokenOn, until } });
  }
  if (f.instalmentCount > policy.maxInstalments) out.push({ limit: 'instalments', field: 'instalmentCount', code: 'ARRANGEMENT_LIMIT_INSTALMENTS', params: { count: f.instalmentCount, max: policy.maxInstalments } });
  const min = minDownPayment(policy, f.totalCents);
  if (f.downPaymentCents < min) out.push({ limit: 'downPayment', field: 'downPaymentCents', code: 'ARRANGEMENT_LIMIT_DOWN_PAYMENT', params: { given: formatCents(f.downPaymentCents), min: formatCents(min) } });
  const latest = latestLastDue(policy, f.today);
  if (f.lastDue > latest) out.push({ limit: 'span', field: 'firstDue', code: 'ARRANGEMENT_LIMIT_SPAN', params: { lastDue: f.lastDue, latest } });
  return out;
}
