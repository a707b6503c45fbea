// A draft checked against the account and the policy: the schedule it makes, and the limits it goes
// beyond. What no supervisor can set aside (a closed account, a second running arrangement, a first
// due date that is not after today, instalments that do not add up) throws on its field.
import type { ArrangementPolicy, ArrangementQuote, LimitExceeded } from '../../../shared/contract/arrangements';
import type { Frequency, InstalmentRecord } from '../../../shared/arrangements';
import { StationError } from '../../../shared/errors';
import type { AccountView } from '../../../shared/views';
import { getAccount } from '../accounts';
import type { Station } from '../station';
import { arrangementPolicy, limitsExceeded, minDownPayment } from './policy';
import { makeSchedule } from './schedule';
import { hasAny, standingsForAccount } from './standing';

export interface Draft {
  accountNumber: string;
  totalCents: number;
  downPaymentCents: number;
  instalmentCount: number;
  frequency: Frequency;
  firstDue: string;
  amounts?: number[] | undefined;
}

export interface Plan {
  account: AccountView;
  policy: ArrangementPolicy;
  today: string;
  instalments: InstalmentRecord[];
  exceeded: LimitExceeded[];
  minDownPaymentCents: number;
}

export function planDraft(station: Station, d: Draft): Plan {
  const account = getAccount(station, d.accountNumber);
  if (account.status === 'closed' || account.status === 'final') throw new StationError('ARRANGEMENT_ACCOUNT_CLOSED', { account: d.accountNumber }, 'accountNumber');
  const all = hasAny(station, d.accountNumber) ? standingsForAccount(station, d.accountNumber) : [];
  const running = all.filter((s) => s.status === 'active');
  if (running.length) throw new StationError('ARRANGEMENT_EXISTS', { account: d.accountNumber, number: running[0]!.record.number }, 'accountNumber');
  const today = station.businessDay();
  const policy = arrangementPolicy(station);
  const instalments = makeSchedule(d, today);
  const broken = all.filter((s) => s.brokenOn).sort((a, b) => (a.brokenOn! < b.brokenOn! ? 1 : -1))[0];
  const exceeded = limitsExceeded(policy, {
    status: account.status, instalmentCount: d.instalmentCount, downPaymentCents: d.downPaymentCents, totalCents: d.totalCents,
    lastDue: instalments[instalments.length - 1]!.dueDate, today, lastBreak: broken ? { number: broken.record.number, brokenOn: broken.brokenOn! } : null,
  });
  return { account, policy, today, instalments, exceeded, minDownPaymentCents: minDownPayment(policy, d.totalCents) };
}

export function quoteDraft(station: Station, d: Draft): ArrangementQuote {
  const p = planDraft(station, d);
  return {
    accountNumber: d.accountNumber,
    proposedTotalCents: Math.max(0, p.account.balanceCents),
    minDownPaymentCents: p.minDownPaymentCents,
    instalments: p.instalments,
    lastDue: p.instalments[p.instalments.length - 1]!.dueDate,
    exceeded: p.exceeded,
  };
}
