// Applying the events the hub knows to its tables: receipts, voids, sessions, drawer movements.
// A payment the hub cannot match to a city account is applied anyway and raises an exception
// (money taken is never refused). Unknown kinds are stored only.
import { sql, type Insertable, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { ExceptionKind } from '../shared/hubProtocol';
import { checkReturnedSchema, closeoutCountedSchema, exceptionResolvedSchema, movementSchema, sessionClosedSchema, sessionReopenedSchema, receiptOfflineSchema, receiptPostedSchema, receiptVoidedSchema, sessionOpenedSchema, type ReceiptPosted } from './eventData';
import type { StoredEvent } from './push';
import type { HubDB } from './schema';
import { END_OF_DAY_KINDS, EndOfDayRows } from './applyEndOfDay';
import { ARRANGEMENT_KINDS, ArrangementRows } from './applyArrangements';
import { reviewAccounts } from './arrangementReview';
import { getSettings } from './settings';
import { insertChunked } from './sqlUtil';
import { zodReason } from './zodReason';

type Tx = Transaction<HubDB>;
type Row<T extends keyof HubDB> = Insertable<HubDB[T]>;

/** Serialises every write to the account directory so versions are handed out in commit order. */
export const DIRECTORY_LOCK = 7_231_001;

interface Pending {
  sessions: Row<'sessions'>[];
  receipts: Row<'receipts'>[];
  lines: Row<'receipt_lines'>[];
  tenders: Row<'tenders'>[];
  voids: Row<'voids'>[];
  offline: Row<'offline_receipts'>[];
  movements: Row<'drawer_movements'>[];
  exceptions: Omit<Row<'exceptions'>, 'version'>[];
  resolutions: { exceptionId: number; note: string; userId: string; at: string }[];
  counts: Row<'closeout_counts'>[];
  closures: Row<'session_closures'>[];
  reopenings: Row<'session_reopenings'>[];
  returned: Row<'returned_checks'>[];
  returnedLines: Row<'returned_check_lines'>[];
  /** Returned checks flag the payer cash-only: the latest date per account, for every station to see. */
  cashOnly: Map<string, string>;
  /** Payments on account lower the balance stations see; a void puts it back. */
  balance: Map<string, number>;
}

export async function applyEvents(tx: Tx, stationId: string, events: StoredEvent[], now: Date): Promise<void> {
  const at = now.toISOString();
  const p: Pending = { sessions: [], receipts: [], lines: [], tenders: [], voids: [], offline: [], movements: [], exceptions: [], resolutions: [], counts: [], closures: [], reopenings: [], returned: [], returnedLines: [], cashOnly: new Map(), balance: new Map() };
  const codes = new Map((await tx.selectFrom('revenue_codes').select(['code', 'gl_account']).execute()).map((c) => [c.code, c.gl_account]));
  const suspense = (await getSettings(tx))['gl.suspense'];
  const accounts = await loadAccounts(tx, events);
  const batchLines = new Map<string, { receiptNumber: string; lines: { account: string | null; amount: number }[] }>();

  const raise = (e: StoredEvent, kind: ExceptionKind, detail: string, extra: { receiptNumber?: string | null; accountNumber?: string | null; amountCents?: number | null } = {}) => {
    p.exceptions.push({ station_id: stationId, event_id: e.event.eventId, seq: e.event.seq, kind, receipt_number: extra.receiptNumber ?? null,
      account_number: extra.accountNumber ?? null, amount_cents: extra.amountCents ?? null, detail, created_at: at, resolved_at: null, resolved_by: null, note: null });
  };
  const read = <S extends z.ZodType>(e: StoredEvent, schema: S): z.infer<S> | null => {
    const r = schema.safeParse(e.event.data);
    if (r.success) return r.data;
    raise(e, 'unreadable_event', `${e.event.kind} seq ${e.event.seq} could not be read (${zodReason(r.error)}); it is stored but not applied`);
    return null;
  };

  const endOfDay = new EndOfDayRows(stationId, read);
  const arrangements = new ArrangementRows(stationId, read, raise);
  // Accounts whose payments changed: their arrangements are judged again once the rows are in.
  const touched = arrangements.accounts;

  for (const e of events) {
    if (END_OF_DAY_KINDS.has(e.event.kind)) { endOfDay.add(e); continue; }
    if (ARRANGEMENT_KINDS.has(e.event.kind)) { await arrangements.add(tx, e); continue; }
    switch (e.event.kind) {
      case 'session.opened': {
        const d = read(e, sessionOpenedSchema);
        if (d) p.sessions.push({ session_id: d.sessionId, station_id: stationId, cashier_id: d.cashierId, business_day: d.businessDay, opened_at: e.event.at, float_cents: d.floatCents });
        break;
      }
      case 'receipt.posted': {
        const r = read(e, receiptPostedSchema);
        if (!r) break;
        if (r.stationId !== stationId) { raise(e, 'unreadable_event', `receipt ${r.receiptNumber} names station ${r.stationId}`); break; }
        applyReceipt(p, e, r, codes, suspense!, accounts, raise);
        await duplicateChecks(tx, p, e, r, raise);
        for (const l of r.lines) if (l.accountNumber) touched.add(l.accountNumber);
        batchLines.set(r.id, { receiptNumber: r.receiptNumber, lines: r.lines.map((l) => ({ account: l.accountNumber ?? null, amount: l.amountCents })) });
        break;
      }
      case 'receipt.voided': {
        const v = read(e, receiptVoidedSchema);
        if (!v) break;
        const lines = batchLines.get(v.receiptId)?.lines ?? await storedLines(tx, v.receiptId, stationId);
        if (!lines) { raise(e, 'unknown_receipt', `void ${v.voidId} is for receipt ${v.receiptNumber}, which the hub does not hold`, { receiptNumber: v.receiptNumber }); break; }
        p.voids.push({ void_id: v.voidId, receipt_id: v.receiptId, station_id: stationId, user_id: v.userId, approved_by: v.approvedBy, reason: v.reason, at: e.event.at });
        for (const l of lines) if (l.account && accounts.has(l.account)) p.balance.set(l.account, (p.balance.get(l.account) ?? 0) + l.amount);
        for (const l of lines) if (l.account) touched.add(l.account);
        break;
      }
      case 'receipt.offline': {
        const o = read(e, receiptOfflineSchema);
        if (o && (batchLines.has(o.receiptId) || await storedLines(tx, o.receiptId, stationId))) p.offline.push({ receipt_id: o.receiptId, directory_as_of: o.directoryAsOf });
        break;
      }
      case 'drawer.paid_in': case 'drawer.paid_out': case 'drawer.drop': case 'drawer.no_sale': {
        const m = read(e, movementSchema);
        if (m) p.movements.push({ id: m.id, station_id: stationId, session_id: m.sessionId, kind: m.kind, amount_cents: m.amountCents, business_day: m.businessDay, at: m.createdAt });
        break;
      }
      case 'closeout.counted': {
        const c = read(e, closeoutCountedSchema);
        if (c) {
          const x = c.expected;
          p.counts.push({ count_id: c.countId, session_id: c.sessionId, station_id: stationId, business_day: c.businessDay, counted_at: e.event.at,
            cash_sales_cents: x.cashSalesCents, checks_cents: x.checks.totalCents, money_orders_cents: x.moneyOrders.totalCents, cards_cents: x.cards.totalCents,
            other_cents: x.other.totalCents, over_short_cents: c.overShortCents, event_seq: e.event.seq });
        }
        break;
      }
      case 'session.closed': {
        const c = read(e, sessionClosedSchema);
        if (c) p.closures.push({ closure_id: c.closureId, session_id: c.sessionId, station_id: stationId, business_day: c.businessDay, count_id: c.countId, closed_at: e.event.at, event_seq: e.event.seq });
        break;
      }
      case 'session.reopened': {
        const r = read(e, sessionReopenedSchema);
        if (r) p.reopenings.push({ reopening_id: r.reopeningId, session_id: r.sessionId, station_id: stationId, at: e.event.at, event_seq: e.event.seq });
        break;
      }
      case 'check.returned': {
        const c = read(e, checkReturnedSchema);
        if (!c) break;
        p.returned.push({ returned_check_id: c.returnedCheckId, station_id: stationId, business_day: c.businessDay, receipt_number: c.receiptNumber, amount_cents: c.amountCents,
          fee_revenue_code: c.fee?.revenueCode ?? null, fee_account: c.fee?.accountNumber ?? null, fee_cents: c.fee?.amountCents ?? 0, cash_only_until: c.cashOnlyUntil, recorded_at: e.event.at, event_seq: e.event.seq });
        c.reversals.forEach((l, i) => {
          p.returnedLines.push({ returned_check_id: c.returnedCheckId, line_no: i + 1, revenue_code: l.revenueCode, gl_account: l.glAccount, account_number: l.accountNumber ?? null, amount_cents: l.amountCents });
          // The payment bounced: the account owes it again.
          if (l.accountNumber) p.balance.set(l.accountNumber, (p.balance.get(l.accountNumber) ?? 0) - l.amountCents);
          if (l.accountNumber) touched.add(l.accountNumber);
        });
        if (c.fee?.accountNumber && c.fee.amountCents) p.balance.set(c.fee.accountNumber, (p.balance.get(c.fee.accountNumber) ?? 0) + c.fee.amountCents);
        if (c.cashOnlyUntil) for (const a of c.flagged.accountNumbers) if (!p.cashOnly.has(a) || p.cashOnly.get(a)! < c.cashOnlyUntil) p.cashOnly.set(a, c.cashOnlyUntil);
        break;
      }
      case 'exception.resolved': {
        const r = read(e, exceptionResolvedSchema);
        if (r) p.resolutions.push({ exceptionId: r.exceptionId, note: r.note, userId: r.userId, at: e.event.at });
        break;
      }
      default:
        break; // stored for the record; nothing on the hub reads it yet
    }
  }
  await flush(tx, stationId, p);
  await endOfDay.flush(tx);
  await arrangements.flush(tx, at);
  await reviewAccounts(tx, touched, now);
}

type Raise = (e: StoredEvent, kind: ExceptionKind, detail: string, extra?: { receiptNumber?: string | null; accountNumber?: string | null; amountCents?: number | null }) => void;
interface AccountFacts { status: string; cashOnlyUntil: string | null }

function applyReceipt(p: Pending, e: StoredEvent, r: ReceiptPosted, codes: Map<string, string>, suspense: string, accounts: Map<string, AccountFacts>, raise: Raise): void {
  p.receipts.push({
    receipt_id: r.id, station_id: r.stationId, seq: r.seq, receipt_number: r.receiptNumber, session_id: r.sessionId, cashier_id: r.cashierId,
    business_day: r.businessDay, created_at: r.createdAt, payer_name: r.payerName ?? null, total_cents: r.totalCents, tendered_cents: r.tenderedCents,
    change_cents: r.changeCents, event_id: e.event.eventId,
  });
  const ref = { receiptNumber: r.receiptNumber };
  for (const l of r.lines) {
    const gl = codes.get(l.revenueCode);
    if (!gl) raise(e, 'unknown_revenue_code', `receipt ${r.receiptNumber} line ${l.lineNo}: revenue code ${l.revenueCode} is not in the hub's catalogue; booked to suspense ${suspense}`, { ...ref, amountCents: l.amountCents });
    p.lines.push({ receipt_id: r.id, line_no: l.lineNo, revenue_code: l.revenueCode, gl_account: gl ?? suspense, account_number: l.accountNumber ?? null, amount_cents: l.amountCents });
    const acct = l.accountNumber;
    if (!acct) continue;
    const facts = accounts.get(acct);
    const extra = { ...ref, accountNumber: acct, amountCents: l.amountCents };
    if (!facts) {
      raise(e, 'unknown_account', `receipt ${r.receiptNumber} line ${l.lineNo}: account ${acct} is not in the city's directory`, extra);
      continue;
    }
    if (facts.status === 'closed' || facts.status === 'final') {
      raise(e, 'closed_account', `receipt ${r.receiptNumber} line ${l.lineNo}: account ${acct} is ${facts.status}; the payment needs a refund or a transfer`, extra);
    }
    p.balance.set(acct, (p.balance.get(acct) ?? 0) - l.amountCents);
  }
  for (const t of r.tenders) {
    p.tenders.push({
      receipt_id: r.id, tender_no: t.tenderNo, kind: t.kind, amount_cents: t.amountCents, check_routing: t.checkRouting ?? null, check_account: t.checkAccount ?? null,
      check_number: t.checkNumber ?? null, card_brand: t.cardBrand ?? null, card_last4: t.cardLast4 ?? null, card_auth: t.cardAuth ?? null, reference: t.reference ?? null,
    });
    if (t.kind !== 'check') continue;
    for (const acct of new Set(r.lines.map((l) => l.accountNumber).filter((a): a is string => !!a))) {
      const until = accounts.get(acct)?.cashOnlyUntil;
      if (until && until >= r.businessDay) raise(e, 'cash_only_check', `receipt ${r.receiptNumber}: a check was taken for account ${acct}, which is cash-only until ${until}`, { ...ref, accountNumber: acct, amountCents: t.amountCents });
    }
  }
}

/**
 * Duplicate presentment across stations (issue 16): the same check (routing, account, number) for the same
 * amount already taken at another station within 90 days, and not voided, raises an exception. The money
 * was taken and stays; a supervisor sees to it that the check is deposited once.
 */
const DUPLICATE_CHECK_DAYS = 90;
async function duplicateChecks(tx: Tx, p: Pending, e: StoredEvent, r: ReceiptPosted, raise: Raise): Promise<void> {
  const since = new Date(new Date(r.createdAt).getTime() - DUPLICATE_CHECK_DAYS * 86_400_000).toISOString();
  for (const t of r.tenders) {
    if (t.kind !== 'check' || !t.checkRouting || !t.checkAccount || !t.checkNumber) continue;
    const same = (x: { check_routing?: string | null; check_account?: string | null; check_number?: string | null; amount_cents: number }) =>
      x.check_routing === t.checkRouting && x.check_account === t.checkAccount && x.check_number === t.checkNumber && Number(x.amount_cents) === t.amountCents;
    const pending = p.receipts.find((o) => o.receipt_id !== r.id && o.station_id !== r.stationId && o.created_at >= since
      && p.tenders.some((x) => x.receipt_id === o.receipt_id && x.kind === 'check' && same(x)));
    const stored = pending ? null : await tx.selectFrom('tenders as t').innerJoin('receipts as r', 'r.receipt_id', 't.receipt_id')
      .select(['r.receipt_number', 'r.station_id'])
      .where('t.kind', '=', 'check').where('t.check_routing', '=', t.checkRouting).where('t.check_account', '=', t.checkAccount)
      .where('t.check_number', '=', t.checkNumber).where('t.amount_cents', '=', t.amountCents).where('r.created_at', '>=', since)
      .where('r.station_id', '<>', r.stationId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('voids as v').select('v.void_id').whereRef('v.receipt_id', '=', 'r.receipt_id'))))
      .limit(1).executeTakeFirst();
    const other = pending ? pending.receipt_number : stored?.receipt_number;
    if (other) raise(e, 'duplicate_check', `receipt ${r.receiptNumber}: check ${t.checkNumber} of ${t.checkRouting} for ${t.amountCents} cents was already taken on receipt ${other} at another station`, { receiptNumber: r.receiptNumber, amountCents: t.amountCents });
  }
}

async function loadAccounts(tx: Tx, events: StoredEvent[]): Promise<Map<string, AccountFacts>> {
  const wanted = new Set<string>();
  for (const e of events) {
    if (e.event.kind !== 'receipt.posted') continue;
    const lines = (e.event.data as { lines?: { accountNumber?: unknown }[] } | null)?.lines;
    if (Array.isArray(lines)) for (const l of lines) if (typeof l?.accountNumber === 'string') wanted.add(l.accountNumber);
  }
  if (!wanted.size) return new Map();
  const rows = await tx.selectFrom('accounts').select(['account_number', 'status', 'cash_only_until']).where('account_number', 'in', [...wanted]).execute();
  return new Map(rows.map((a) => [a.account_number, { status: a.status, cashOnlyUntil: a.cash_only_until }]));
}

async function storedLines(tx: Tx, receiptId: string, stationId: string): Promise<{ account: string | null; amount: number }[] | null> {
  const r = await tx.selectFrom('receipts').select('receipt_id').where('receipt_id', '=', receiptId).where('station_id', '=', stationId).executeTakeFirst();
  if (!r) return null;
  const lines = await tx.selectFrom('receipt_lines').select(['account_number', 'amount_cents']).where('receipt_id', '=', receiptId).execute();
  return lines.map((l) => ({ account: l.account_number, amount: l.amount_cents }));
}

async function flush(tx: Tx, stationId: string, p: Pending): Promise<void> {
  await insertChunked(tx, 'sessions', p.sessions, true);
  await insertChunked(tx, 'receipts', p.receipts, true);
  await insertChunked(tx, 'receipt_lines', p.lines, true);
  await insertChunked(tx, 'tenders', p.tenders, true);
  await insertChunked(tx, 'voids', p.voids, true);
  await insertChunked(tx, 'offline_receipts', p.offline, true);
  await insertChunked(tx, 'drawer_movements', p.movements, true);
  await insertChunked(tx, 'closeout_counts', p.counts, true);
  await insertChunked(tx, 'session_closures', p.closures, true);
  await insertChunked(tx, 'session_reopenings', p.reopenings, true);
  await insertChunked(tx, 'returned_checks', p.returned, true);
  await insertChunked(tx, 'returned_check_lines', p.returnedLines, true);
  if (p.exceptions.length) {
    // Versions in seq order, so a station's exception cursor sees them as they were raised.
    const rows = p.exceptions.map((x) => ({ ...x, version: sql<number>`nextval('exception_version')` }));
    await insertChunked(tx, 'exceptions', rows as never);
  }
  if (p.balance.size || p.cashOnly.size) {
    await sql`SELECT pg_advisory_xact_lock(${DIRECTORY_LOCK})`.execute(tx);
    for (const [a, until] of [...p.cashOnly].sort(([x], [y]) => (x < y ? -1 : 1))) {
      await sql`UPDATE accounts SET cash_only_until = ${until}, version = nextval('directory_version')
        WHERE account_number = ${a} AND (cash_only_until IS NULL OR cash_only_until < ${until})`.execute(tx);
    }
    const deltas = [...p.balance].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
    if (deltas.length) {
      const values = sql.join(deltas.map(([a, d]) => sql`(${a}::text, ${d}::bigint)`));
      await sql`UPDATE accounts SET balance_cents = accounts.balance_cents + d.delta, version = nextval('directory_version')
        FROM (VALUES ${values}) AS d(account_number, delta) WHERE accounts.account_number = d.account_number`.execute(tx);
    }
  }
  for (const r of p.resolutions) {
    // A station resolves only its own exceptions; anything else is ignored (the event stays on record).
    await sql`UPDATE exceptions SET resolved_at = ${r.at}, resolved_by = ${r.userId}, note = ${r.note}, version = nextval('exception_version')
      WHERE id = ${r.exceptionId} AND station_id = ${stationId} AND resolved_at IS NULL`.execute(tx);
  }
}
