// A payment on an account with a running arrangement goes to its oldest open instalment first: a partial
// payment leaves the instalment partly paid, an over-payment fills the next ones and what is left stays
// a credit on the account. A void takes back what its receipt paid. All inside the posting's transaction.
import type { ReceiptRecord } from '../receiptView';
import type { Station } from '../station';
import { hasAny, runningFor, type Standing } from './standing';

export interface Application { no: number; amountCents: number }

/** Spreads `amountCents` over the open instalments of the running arrangements, oldest first. */
export function spread(running: Standing[], amountCents: number): { standing: Standing; applications: Application[] }[] {
  let left = amountCents;
  const out: { standing: Standing; applications: Application[] }[] = [];
  for (const s of running) {
    const applications: Application[] = [];
    s.record.instalments.forEach((x, k) => {
      const take = Math.min(x.amountCents - s.paid[k]!, left);
      if (take > 0) { applications.push({ no: x.no, amountCents: take }); left -= take; }
    });
    if (applications.length) out.push({ standing: s, applications });
    if (left <= 0) break;
  }
  return out;
}

function insertPayment(station: Station, row: { arrangementId: string; receiptId: string; no: number; amountCents: number; cause: 'down_payment' | 'payment' | 'void'; ref: string; at: string }): void {
  station.st.run(station.kysely.insertInto('arrangement_payments').values({
    arrangement_id: row.arrangementId, receipt_id: row.receiptId, instalment_no: row.no, amount_cents: row.amountCents, cause: row.cause, ref: row.ref, created_at: row.at,
  }));
}

/** The down payment, instalment 0, paid by the receipt posted with the arrangement. */
export function applyDownPayment(station: Station, arrangementId: string, receiptId: string, amountCents: number, at: string): void {
  insertPayment(station, { arrangementId, receiptId, no: 0, amountCents, cause: 'down_payment', ref: receiptId, at });
}

/** Called for every receipt posted: what it pays on each account with a running arrangement. */
export function applyToArrangements(station: Station, rec: ReceiptRecord): void {
  const byAccount = new Map<string, number>();
  for (const l of rec.lines) if (l.accountNumber) byAccount.set(l.accountNumber, (byAccount.get(l.accountNumber) ?? 0) + l.amountCents);
  for (const [account, amountCents] of byAccount) {
    if (!hasAny(station, account)) continue;
    const parts = spread(runningFor(station, account), amountCents);
    const applied = parts.reduce((s, p) => s + p.applications.reduce((t, a) => t + a.amountCents, 0), 0);
    parts.forEach(({ standing, applications }, i) => {
      const r = standing.record;
      for (const a of applications) insertPayment(station, { arrangementId: r.id, receiptId: rec.id, no: a.no, amountCents: a.amountCents, cause: 'payment', ref: rec.id, at: rec.createdAt });
      station.record('arrangement.paid', r.id, {
        arrangementId: r.id, arrangementNumber: r.number, accountNumber: account, receiptId: rec.id, receiptNumber: rec.receiptNumber, businessDay: rec.businessDay,
        applications,
        // What of the payment no instalment took (the last arrangement says it): a credit on the account.
        unappliedCents: i === parts.length - 1 ? amountCents - applied : 0,
      }, rec.createdAt);
    });
  }
}

/** A void takes back, instalment by instalment, what the receipt had paid on arrangements. */
export function reverseReceipt(station: Station, receiptId: string, voidId: string, at: string): void {
  const rows = station.st.all<{ arrangement_id: string; instalment_no: number; amount_cents: number }>(station.kysely.selectFrom('arrangement_payments')
    .select(['arrangement_id', 'instalment_no', (eb) => eb.fn.sum<number>('amount_cents').as('amount_cents')])
    .where('receipt_id', '=', receiptId).groupBy(['arrangement_id', 'instalment_no']).orderBy('arrangement_id').orderBy('instalment_no'));
  const byArrangement = new Map<string, Application[]>();
  for (const r of rows) {
    if (r.amount_cents <= 0) continue;
    insertPayment(station, { arrangementId: r.arrangement_id, receiptId, no: r.instalment_no, amountCents: -r.amount_cents, cause: 'void', ref: voidId, at });
    const list = byArrangement.get(r.arrangement_id) ?? [];
    list.push({ no: r.instalment_no, amountCents: -r.amount_cents });
    byArrangement.set(r.arrangement_id, list);
  }
  for (const [arrangementId, applications] of byArrangement) {
    station.record('arrangement.paymentReversed', arrangementId, { arrangementId, receiptId, voidId, applications }, at);
  }
}
