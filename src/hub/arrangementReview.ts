// The hub's review of arrangements: after every push that touches an account with one (payments,
// voids, returned checks, arrangements made or cancelled), and before a pull or an export when a
// deadline has passed. It writes each arrangement's standing, versioned with the directory (so the
// stations pull it), and a break as a fact of its own.
import { sql, type Kysely, type Transaction } from 'kysely';
import { addDays, localDate } from '../shared/calendar';
import { DIRECTORY_LOCK } from './apply';
import { judge, paymentsFor, type HubArrangement, type HubPayment } from './arrangementJudge';
import type { HubDb } from './db';
import type { HubDB } from './schema';

type Tx = Transaction<HubDB>;

export interface Loaded {
  arrangements: (HubArrangement & { cancelledAt: string | null; brokenOn: string | null })[];
  status: Map<string, { status: string; paid_cents: number; next_deadline: string | null }>;
  payments: Map<string, HubPayment[]>;
}

/** Arrangements of these accounts with their schedules, ends, standings, and every payment on the accounts. */
export async function loadArrangements(tx: Kysely<HubDB>, accounts: string[]): Promise<Loaded> {
  const rows = await tx.selectFrom('arrangements').selectAll().where('account_number', 'in', accounts).orderBy('created_at').execute();
  const ids = rows.map((r) => r.arrangement_id);
  const instalments = await tx.selectFrom('arrangement_instalments').selectAll().where('arrangement_id', 'in', ids).orderBy('arrangement_id').orderBy('instalment_no').execute();
  // The first cancellation counts (two stations may have cancelled the same arrangement while offline).
  const cancels = await tx.selectFrom('arrangement_cancellations').select(['arrangement_id', (eb) => eb.fn.min('cancelled_at').as('at')]).where('arrangement_id', 'in', ids).groupBy('arrangement_id').execute();
  const breaks = await tx.selectFrom('arrangement_breaks').select(['arrangement_id', 'broken_on']).where('arrangement_id', 'in', ids).execute();
  const status = await tx.selectFrom('arrangement_status').select(['arrangement_id', 'status', 'paid_cents', 'next_deadline']).where('arrangement_id', 'in', ids).execute();
  const receipts = await sql<{ receipt_id: string; receipt_number: string; business_day: string; created_at: string; event_id: string; account_number: string; amount: number }>`
    SELECT r.receipt_id, r.receipt_number, r.business_day, r.created_at, r.event_id::text AS event_id, l.account_number, sum(l.amount_cents)::bigint AS amount
    FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.receipt_id
    WHERE l.account_number IN (${sql.join(accounts)}) AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.receipt_id)
    GROUP BY r.receipt_id, r.receipt_number, r.business_day, r.created_at, r.event_id, l.account_number`.execute(tx);
  const returned = await sql<{ receipt_id: string; receipt_number: string; business_day: string; recorded_at: string; account_number: string; amount: number }>`
    SELECT r.receipt_id, c.receipt_number, c.business_day, c.recorded_at, l.account_number, sum(l.amount_cents)::bigint AS amount
    FROM returned_checks c JOIN returned_check_lines l ON l.returned_check_id = c.returned_check_id JOIN receipts r ON r.receipt_number = c.receipt_number
    WHERE l.account_number IN (${sql.join(accounts)})
    GROUP BY c.returned_check_id, r.receipt_id, c.receipt_number, c.business_day, c.recorded_at, l.account_number`.execute(tx);
  const payments = new Map<string, HubPayment[]>();
  const add = (account: string, p: HubPayment) => { const l = payments.get(account) ?? []; l.push(p); payments.set(account, l); };
  for (const r of receipts.rows) add(r.account_number, { receiptId: r.receipt_id, receiptNumber: r.receipt_number, businessDay: r.business_day, at: r.created_at, amountCents: r.amount, eventId: r.event_id });
  for (const r of returned.rows) add(r.account_number, { receiptId: r.receipt_id, receiptNumber: r.receipt_number, businessDay: r.business_day, at: r.recorded_at, amountCents: r.amount, eventId: '' });
  const cancelAt = new Map(cancels.map((c) => [c.arrangement_id, c.at as string]));
  const brokenOn = new Map(breaks.map((b) => [b.arrangement_id, b.broken_on]));
  return {
    arrangements: rows.map((r) => ({
      id: r.arrangement_id, number: r.arrangement_number, accountNumber: r.account_number, createdAt: r.created_at, downReceiptId: r.down_receipt_id,
      graceDays: r.grace_days, timeZone: r.time_zone, totalCents: r.total_cents,
      instalments: instalments.filter((i) => i.arrangement_id === r.arrangement_id).map((i) => ({ no: i.instalment_no, dueDate: i.due_date, amountCents: i.amount_cents })),
      cancelledAt: cancelAt.get(r.arrangement_id) ?? null, brokenOn: brokenOn.get(r.arrangement_id) ?? null,
    })),
    status: new Map(status.map((s) => [s.arrangement_id, s])),
    payments,
  };
}

/** Re-judges every arrangement of these accounts and writes what changed. */
export async function reviewAccounts(tx: Tx, accounts: Iterable<string>, now: Date): Promise<void> {
  const wanted = [...new Set(accounts)];
  if (!wanted.length) return;
  const having = (await tx.selectFrom('arrangements').select('account_number').distinct().where('account_number', 'in', wanted).execute()).map((r) => r.account_number);
  if (!having.length) return;
  // Versions are handed out in commit order under the directory's lock, as for accounts.
  await sql`SELECT pg_advisory_xact_lock(${DIRECTORY_LOCK})`.execute(tx);
  const d = await loadArrangements(tx, having.sort());
  const at = now.toISOString();
  for (const a of d.arrangements) {
    const all = d.payments.get(a.accountNumber) ?? [];
    const otherDown = new Set(d.arrangements.filter((x) => x.accountNumber === a.accountNumber && x.id !== a.id && x.downReceiptId).map((x) => x.downReceiptId!));
    const payments = paymentsFor(a, all, otherDown);
    const j = judge(a, payments, { cancelledAt: a.cancelledAt, brokenOn: a.brokenOn }, localDate(now, a.timeZone));
    if (j.breaks) {
      await tx.insertInto('arrangement_breaks').values({ arrangement_id: a.id, broken_on: j.breaks.brokenOn, instalment_no: j.breaks.instalmentNo, due_date: j.breaks.dueDate, missed_cents: j.breaks.missedCents, decided_at: at }).execute();
    }
    if (j.paidInTimeAfterAll) await raiseLatePayment(tx, a, payments, at);
    const before = d.status.get(a.id);
    if (before && before.status === j.status && before.paid_cents === j.paidCents && before.next_deadline === j.nextDeadline) continue;
    await sql`INSERT INTO arrangement_status (arrangement_id, account_number, status, paid_cents, next_deadline, version, updated_at)
      VALUES (${a.id}, ${a.accountNumber}, ${j.status}, ${j.paidCents}::bigint, ${j.nextDeadline}::text, nextval('directory_version'), ${at})
      ON CONFLICT (arrangement_id) DO UPDATE SET status = excluded.status, paid_cents = excluded.paid_cents, next_deadline = excluded.next_deadline,
        version = excluded.version, updated_at = excluded.updated_at`.execute(tx);
  }
}

/**
 * A payment taken in time, at a station that was offline, arrived after the break was decided: the
 * break stands (it may have gone to billing), and a supervisor at that station is told, once.
 */
async function raiseLatePayment(tx: Tx, a: HubArrangement, payments: HubPayment[], at: string): Promise<void> {
  const late = [...payments].reverse().find((p) => p.amountCents > 0 && p.eventId);
  if (!late) return;
  const seen = await tx.selectFrom('exceptions').select('id').where('kind', '=', 'arrangement_late_payment').where('account_number', '=', a.accountNumber)
    .where('detail', 'like', `%${a.number}%`).executeTakeFirst();
  if (seen) return;
  const detail = `arrangement ${a.number} on account ${a.accountNumber} was marked broken, but receipt ${late.receiptNumber} (${late.businessDay}) paid in time and reached the hub late; the break stands until a supervisor reviews it`;
  await sql`INSERT INTO exceptions (station_id, event_id, seq, kind, receipt_number, account_number, amount_cents, detail, created_at, version)
    SELECT e.station_id, e.event_id, e.seq, 'arrangement_late_payment', ${late.receiptNumber}, ${a.accountNumber}, ${late.amountCents}::bigint, ${detail}, ${at}, nextval('exception_version')
    FROM events e WHERE e.event_id = ${late.eventId}::uuid`.execute(tx);
}

/**
 * Deadlines pass with time, not with events: before a pull or an export, the running arrangements whose
 * next deadline is over (in their own time zone) are reviewed. Usually there are none, and nothing is written.
 */
export async function reviewDue(db: HubDb, now: Date): Promise<void> {
  const bound = addDays(now.toISOString().slice(0, 10), 1);
  const rows = await db.kysely.selectFrom('arrangement_status as s').innerJoin('arrangements as a', 'a.arrangement_id', 's.arrangement_id')
    .select(['s.account_number', 's.next_deadline', 'a.time_zone']).where('s.status', '=', 'active').where('s.next_deadline', '<', bound).execute();
  const due = rows.filter((r) => r.next_deadline !== null && localDate(now, r.time_zone) > r.next_deadline);
  if (!due.length) return;
  await db.kysely.transaction().execute((tx) => reviewAccounts(tx, due.map((r) => r.account_number), now));
}
