// CIS arrangements file (arrangements-YYYY-MM-DD.csv), so billing can hold the shut-off: one business
// day's arrangements made, paid, kept, broken and cancelled, with their schedules. Regenerated
// byte-identical on demand: a pure function of the rows the hub holds, in a fixed order (RFC 4180, CRLF).
//   business_day        YYYY-MM-DD the entry counts for
//   entry               created (one row per instalment: the schedule; instalment 0 is the down payment) |
//                       paid (a payment's share of an instalment) | reversed (a returned check took it back) |
//                       kept (paid in full) | broken (an instalment not paid in full by its due date plus
//                       the grace days; decided at the hub) | cancelled (by a supervisor, with the reason)
//   arrangement_number  <station>-PA<seq>, printed on the agreement
//   arrangement_id      the arrangement's UUID
//   station_id          counter station that made it
//   account_number      city account
//   status              the arrangement's status at the end of that business day: active | completed | broken | cancelled
//   hold_shutoff        Y while it is active (the shut-off is on hold), else N
//   amount_arranged     dollars and cents, the down payment and the instalments together
//   instalment_no       the instalment the row is about (empty for kept and cancelled)
//   due_date            its due date
//   instalment_amount   its amount
//   amount              created: the instalment's amount; paid/reversed: the share (negative when reversed);
//                       broken: what was missing of it; kept: the amount arranged; cancelled: what was left unpaid
//   receipt_number      the receipt that paid (paid / reversed rows)
//   note                the reason of a cancellation
import { sql } from 'kysely';
import { allocate } from '../shared/arrangements';
import { paymentsFor } from './arrangementJudge';
import { loadArrangements } from './arrangementReview';
import type { HubDb } from './db';
import { dollars } from './exports';

const CRLF = '\r\n';
const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvRow = (fields: string[]): string => fields.map(csvField).join(',') + CRLF;

export const ARRANGEMENT_COLUMNS = ['business_day', 'entry', 'arrangement_number', 'arrangement_id', 'station_id', 'account_number', 'status', 'hold_shutoff',
  'amount_arranged', 'instalment_no', 'due_date', 'instalment_amount', 'amount', 'receipt_number', 'note'];

interface Fields { entry: string; instalment_no: string; due_date: string; instalment_amount: string; amount: string; receipt_number: string; note: string }
/** One row to be: `order` puts created, payments, kept, broken, cancelled in that order. */
interface Entry { order: number; at: string; no: number; fields: Fields }

export async function arrangementsCsv(db: HubDb, day: string): Promise<string> {
  const k = db.kysely;
  // Every arrangement made by that day that had not ended before it.
  const heads = await sql<{ arrangement_id: string; arrangement_number: string; station_id: string; account_number: string; business_day: string }>`
    SELECT a.arrangement_id, a.arrangement_number, a.station_id, a.account_number, a.business_day FROM arrangements a
    WHERE a.business_day <= ${day}
      AND NOT EXISTS (SELECT 1 FROM arrangement_breaks b WHERE b.arrangement_id = a.arrangement_id AND b.broken_on < ${day})
      AND NOT EXISTS (SELECT 1 FROM arrangement_cancellations c WHERE c.arrangement_id = a.arrangement_id AND c.business_day < ${day})
    ORDER BY a.station_id COLLATE "C", a.arrangement_number COLLATE "C"`.execute(k);
  let out = csvRow(ARRANGEMENT_COLUMNS);
  if (!heads.rows.length) return out;
  const ids = heads.rows.map((h) => h.arrangement_id);
  const loaded = await loadArrangements(k, [...new Set(heads.rows.map((h) => h.account_number))].sort());
  const breaks = new Map((await k.selectFrom('arrangement_breaks').selectAll().where('arrangement_id', 'in', ids).execute()).map((b) => [b.arrangement_id, b]));
  const cancels = await k.selectFrom('arrangement_cancellations').selectAll().where('arrangement_id', 'in', ids).orderBy('cancelled_at').orderBy('cancellation_id').execute();

  for (const h of heads.rows) {
    const a = loaded.arrangements.find((x) => x.id === h.arrangement_id)!;
    const brk = breaks.get(a.id);
    const cancel = cancels.find((c) => c.arrangement_id === a.id);
    const otherDown = new Set(loaded.arrangements.filter((x) => x.accountNumber === a.accountNumber && x.id !== a.id && x.downReceiptId).map((x) => x.downReceiptId!));
    // Payments through the end of the day, within the arrangement's life.
    const payments = paymentsFor(a, loaded.payments.get(a.accountNumber) ?? [], otherDown)
      .filter((p) => p.businessDay <= day && (!cancel || p.at <= cancel.cancelled_at) && (!brk || p.businessDay < brk.broken_on));
    const shares = allocate(a.instalments, payments);
    const byNo = new Map(a.instalments.map((x) => [x.no, x]));
    const entries: Entry[] = [];
    const blank = { instalment_no: '', due_date: '', instalment_amount: '', amount: '', receipt_number: '', note: '' };
    if (h.business_day === day) {
      for (const x of a.instalments) entries.push({ order: 0, at: '', no: x.no, fields: { ...blank, entry: 'created', instalment_no: String(x.no), due_date: x.dueDate, instalment_amount: dollars(x.amountCents), amount: dollars(x.amountCents) } });
    }
    let running = 0;
    payments.forEach((p, i) => {
      const before = running;
      running += shares[i]!.shares.reduce((s, x) => s + x.amountCents, 0);
      if (p.businessDay !== day) return;
      for (const s of shares[i]!.shares) {
        const x = byNo.get(s.no)!;
        entries.push({ order: 1, at: p.at, no: s.no, fields: { ...blank, entry: s.amountCents > 0 ? 'paid' : 'reversed', instalment_no: String(s.no), due_date: x.dueDate, instalment_amount: dollars(x.amountCents), amount: dollars(s.amountCents), receipt_number: p.receiptNumber } });
      }
      if (before < a.totalCents && running >= a.totalCents) { entries.push({ order: 2, at: p.at, no: 0, fields: { ...blank, entry: 'kept', amount: dollars(a.totalCents) } }); }
    });
    if (brk && brk.broken_on === day) {
      const x = byNo.get(brk.instalment_no)!;
      entries.push({ order: 3, at: '', no: brk.instalment_no, fields: { ...blank, entry: 'broken', instalment_no: String(brk.instalment_no), due_date: brk.due_date, instalment_amount: dollars(x.amountCents), amount: dollars(brk.missed_cents) } });
    }
    if (cancel && cancel.business_day === day) entries.push({ order: 4, at: cancel.cancelled_at, no: 0, fields: { ...blank, entry: 'cancelled', amount: dollars(a.totalCents - running), note: cancel.reason } });
    if (!entries.length) continue;
    const status = brk && brk.broken_on <= day ? 'broken' : cancel && cancel.business_day <= day ? 'cancelled' : running >= a.totalCents ? 'completed' : 'active';
    entries.sort((x, y) => x.order - y.order || (x.at < y.at ? -1 : x.at > y.at ? 1 : 0) || x.no - y.no);
    for (const e of entries) {
      const f = e.fields;
      out += csvRow([day, f.entry, h.arrangement_number, h.arrangement_id, h.station_id, h.account_number, status, status === 'active' ? 'Y' : 'N', dollars(a.totalCents),
        f.instalment_no, f.due_date, f.instalment_amount, f.amount, f.receipt_number, f.note]);
    }
  }
  return out;
}
