// `civictill verify` for arrangements (DOMAIN.md invariant 11): each arrangement's instalments add up to
// the amount arranged and match what the journal recorded, its down payment is what its receipt took,
// and the payments applied never exceed what is due: per instalment, per arrangement, per receipt.
import { ARRANGEMENT_APPEND_ONLY } from '../../../../migrations/0013_arrangements';
import type { ArrangementRecord } from '../../../shared/arrangements';
import type { ArrangementsTable } from '../../db/schema';
import type { CheckResult, LedgerCheck } from '../verify';
import type { Station } from '../station';

const INV = '11 (an arrangement\'s instalments add up to the amount arranged)';
const INV_PAID = '11 (payments applied never exceed what is due)';
const ok = (counted: string): CheckResult => ({ finding: null, counted });
const broken = (invariant: string, row: string, detail: string): CheckResult => ({ finding: { invariant, row, detail }, counted: '' });

function triggers(station: Station): CheckResult {
  const have = new Set(station.st.sqlAll<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
  for (const t of ARRANGEMENT_APPEND_ONLY) {
    for (const suffix of ['_no_update', '_no_delete']) {
      if (!have.has(t + suffix)) return broken('8 (nothing financial is updated or deleted)', `trigger ${t}${suffix}`, 'the append-only trigger has been removed');
    }
  }
  return ok('');
}

function schedules(station: Station): CheckResult {
  const st = station.st, k = station.kysely;
  let n = 0;
  for (const a of st.all<ArrangementsTable>(k.selectFrom('arrangements').selectAll().orderBy('station_id').orderBy('seq'))) {
    n++;
    const where = `arrangement ${a.arrangement_number}`;
    const rows = st.all<{ instalment_no: number; due_date: string; amount_cents: number }>(k.selectFrom('arrangement_instalments').select(['instalment_no', 'due_date', 'amount_cents']).where('arrangement_id', '=', a.id).orderBy('instalment_no'));
    const sum = rows.reduce((s, r) => s + r.amount_cents, 0);
    if (!rows.every((r) => Number.isSafeInteger(r.amount_cents) && r.amount_cents > 0)) return broken(INV, where, 'an instalment is not a positive whole number of cents');
    if (sum !== a.total_cents) return broken(INV, where, `the instalments add up to ${sum}, the amount arranged is ${a.total_cents}`);
    const expectNos = [...(a.down_payment_cents > 0 ? [0] : []), ...Array.from({ length: a.instalment_count }, (_, i) => i + 1)];
    if (rows.map((r) => r.instalment_no).join() !== expectNos.join()) return broken(INV, where, `instalments ${rows.map((r) => r.instalment_no).join(',')} where ${expectNos.join(',')} were made`);
    if (a.down_payment_cents > 0 && rows[0]!.amount_cents !== a.down_payment_cents) return broken(INV, where, 'instalment 0 is not the down payment');
    for (let i = 1; i < rows.length; i++) if (rows[i]!.due_date <= rows[i - 1]!.due_date) return broken(INV, where, 'the due dates do not follow one another');
    const j = st.get<{ payload: string }>(k.selectFrom('journal').select('payload').where('kind', '=', 'arrangement.created').where('ref', '=', a.id));
    if (!j) return broken('7 (journal hash chain)', where, 'no journal row records this arrangement');
    const rec = JSON.parse(j.payload) as ArrangementRecord;
    const same = rec.totalCents === a.total_cents && rec.downPaymentCents === a.down_payment_cents && rec.accountNumber === a.account_number
      && rec.instalments.length === rows.length && rec.instalments.every((x, i) => x.no === rows[i]!.instalment_no && x.amountCents === rows[i]!.amount_cents && x.dueDate === rows[i]!.due_date);
    if (!same) return broken('8 (nothing financial is updated or deleted)', where, 'the arrangement differs from what the journal recorded');
    if (a.down_receipt_id) {
      const taken = st.get<{ s: number | null }>(k.selectFrom('receipt_lines').select((eb) => eb.fn.sum<number>('amount_cents').as('s')).where('receipt_id', '=', a.down_receipt_id).where('account_number', '=', a.account_number))?.s ?? 0;
      if (taken !== a.down_payment_cents) return broken(INV, where, `the down payment is ${a.down_payment_cents}, its receipt took ${taken} on the account`);
    }
  }
  return ok(`${n} arrangements`);
}

/** The instalments of any arrangement payments were applied to here (made here, or known from the hub). */
function amountsOf(station: Station, id: string): Map<number, number> | null {
  const k = station.kysely;
  const own = station.st.all<{ instalment_no: number; amount_cents: number }>(k.selectFrom('arrangement_instalments').select(['instalment_no', 'amount_cents']).where('arrangement_id', '=', id));
  if (own.length) return new Map(own.map((r) => [r.instalment_no, r.amount_cents]));
  const hub = station.st.get<{ record: string }>(k.selectFrom('hub_arrangements').select('record').where('arrangement_id', '=', id));
  return hub ? new Map((JSON.parse(hub.record) as ArrangementRecord).instalments.map((x) => [x.no, x.amountCents])) : null;
}

function applied(station: Station): CheckResult {
  const st = station.st, k = station.kysely;
  const perInstalment = st.all<{ arrangement_id: string; instalment_no: number; s: number }>(k.selectFrom('arrangement_payments')
    .select(['arrangement_id', 'instalment_no', (eb) => eb.fn.sum<number>('amount_cents').as('s')]).groupBy(['arrangement_id', 'instalment_no']).orderBy('arrangement_id').orderBy('instalment_no'));
  const cache = new Map<string, Map<number, number> | null>();
  for (const r of perInstalment) {
    if (!cache.has(r.arrangement_id)) cache.set(r.arrangement_id, amountsOf(station, r.arrangement_id));
    const amounts = cache.get(r.arrangement_id);
    const where = `arrangement ${r.arrangement_id} instalment ${r.instalment_no}`;
    if (!amounts) return broken(INV_PAID, where, 'payments are applied to an arrangement this station does not know');
    const due = amounts.get(r.instalment_no);
    if (due === undefined) return broken(INV_PAID, where, 'payments are applied to an instalment the arrangement does not have');
    if (r.s < 0 || r.s > due) return broken(INV_PAID, where, `${r.s} applied to an instalment of ${due}`);
  }
  // No receipt pays more on arrangements than it took on their accounts, and only voided receipts are taken back.
  const perReceipt = st.all<{ receipt_id: string; applied: number; reversed: number }>(k.selectFrom('arrangement_payments')
    .select(['receipt_id', (eb) => eb.fn.sum<number>(eb.case().when('amount_cents', '>', 0).then(eb.ref('amount_cents')).else(0).end()).as('applied'),
      (eb) => eb.fn.sum<number>(eb.case().when('amount_cents', '<', 0).then(eb.ref('amount_cents')).else(0).end()).as('reversed')])
    .groupBy('receipt_id').orderBy('receipt_id'));
  for (const r of perReceipt) {
    const where = `receipt ${r.receipt_id}`;
    const accounts = st.all<{ account_number: string }>(k.selectFrom('arrangement_payments as p').innerJoin('arrangements as a', 'a.id', 'p.arrangement_id').select('a.account_number').distinct().where('p.receipt_id', '=', r.receipt_id));
    const hubAccounts = st.all<{ account_number: string }>(k.selectFrom('arrangement_payments as p').innerJoin('hub_arrangements as h', 'h.arrangement_id', 'p.arrangement_id').select('h.account_number').distinct().where('p.receipt_id', '=', r.receipt_id));
    const names = [...new Set([...accounts, ...hubAccounts].map((a) => a.account_number))];
    const taken = names.length ? st.get<{ s: number | null }>(k.selectFrom('receipt_lines').select((eb) => eb.fn.sum<number>('amount_cents').as('s')).where('receipt_id', '=', r.receipt_id).where('account_number', 'in', names))?.s ?? 0 : 0;
    if (r.applied > taken) return broken(INV_PAID, where, `${r.applied} applied to arrangements, the receipt took ${taken} on their accounts`);
    const voided = st.get(k.selectFrom('voids').select('id').where('receipt_id', '=', r.receipt_id));
    if (r.reversed !== 0 && (!voided || r.reversed !== -r.applied)) return broken(INV_PAID, where, `${-r.reversed} taken back of ${r.applied} applied${voided ? '' : ', and the receipt is not void'}`);
  }
  return ok(`${perInstalment.length} instalments paid on`);
}

export const arrangementChecks: LedgerCheck[] = [triggers, schedules, applied];
