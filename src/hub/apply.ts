// Applying the events the hub knows to its tables: receipts, voids, sessions, drawer movements.
// A payment the hub cannot match to a city account is applied anyway and raises an exception
// (money taken is never refused). Unknown kinds are stored only.
import { sql, type Insertable, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { ExceptionKind } from '../shared/hubProtocol';
import { batchExceptionResolvedSchema, batchItemSchema, batchOpenedSchema, checkReturnedSchema, closeoutCountedSchema, exceptionResolvedSchema, movementSchema, sessionClosedSchema, sessionReopenedSchema, receiptOfflineSchema, receiptPostedSchema, receiptVoidedSchema, sessionOpenedSchema, type ReceiptPosted } from './eventData';
import type { StoredEvent } from './push';
import type { HubDB } from './schema';
import { END_OF_DAY_KINDS, EndOfDayRows } from './applyEndOfDay';
import { ARRANGEMENT_KINDS, ArrangementRows } from './applyArrangements';
import { CheckImageRefs } from './applyCheckImages';
import { reviewAccounts } from './arrangementReview';
import { feeDifferences, loadSchedules, type Schedules } from './feeCheck';
import { reconcileClosedDays } from './reconcile';
import { getSettings } from './settings';
import { insertChunked } from './sqlUtil';
import { Ownership, checkReceiptNumber, type OwnedTable } from './ownership';
import { zodReason } from './zodReason';
import { dollars } from './exports';

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
  /** A batch item's exception resolved at the station: the hub's own exception for that line is resolved with it. */
  batchResolutions: { receiptNumber: string; account: string; note: string; userId: string; at: string }[];
  counts: Row<'closeout_counts'>[];
  closures: Row<'session_closures'>[];
  reopenings: Row<'session_reopenings'>[];
  returned: Row<'returned_checks'>[];
  returnedLines: Row<'returned_check_lines'>[];
  batches: Row<'batches'>[];
  batchItems: Row<'batch_items'>[];
  /** Returned checks flag the payer cash-only: the latest date per account, for every station to see. */
  cashOnly: Map<string, string>;
  /** Payments on account lower the balance stations see; a void puts it back. */
  balance: Map<string, number>;
}

export async function applyEvents(tx: Tx, stationId: string, events: StoredEvent[], now: Date): Promise<void> {
  const at = now.toISOString();
  const p: Pending = { sessions: [], receipts: [], lines: [], tenders: [], voids: [], offline: [], movements: [], exceptions: [], resolutions: [], batchResolutions: [], counts: [], closures: [], reopenings: [], returned: [], returnedLines: [], batches: [], batchItems: [], cashOnly: new Map(), balance: new Map() };
  const codes = new Map((await tx.selectFrom('revenue_codes').select(['code', 'gl_account']).execute()).map((c) => [c.code, c.gl_account]));
  const suspense = (await getSettings(tx))['gl.suspense'];
  const accounts = await loadAccounts(tx, events);
  const seenSeqs = new Set<number>();
  const takenSeqs = new Set<number>();
  const schedules = await loadSchedules(tx, events);
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

  const own = new Ownership(tx, stationId);
  await readAhead(tx, own, stationId, events, takenSeqs);
  /** The key a new fact is stored under; null (and an exception) when this station already sent that id. */
  const fresh: Fresh = async (e, table, column, id, what) => {
    const c = await own.claim(table, column, id, e.event.seq);
    if ('duplicate' in c) {
      raise(e, 'duplicate_id', `${e.event.kind} seq ${e.event.seq}: ${what} ${id} was already sent by station ${stationId} in an earlier event; this one is kept in its event and not applied`);
      return null;
    }
    if (c.clashWith) {
      raise(e, 'id_clash', `${e.event.kind} seq ${e.event.seq}: ${what} ${id} of station ${stationId} is also station ${c.clashWith}'s; both are kept (station ${stationId}'s under the hub's key ${c.key}), nothing is lost; call IT: the ids a station makes must be new`);
    }
    return c.key;
  };
  const session = (id: string) => own.resolve('sessions', 'session_id', id, 'session');
  const endOfDay = new EndOfDayRows(stationId, read, fresh, own, raise);
  const arrangements = new ArrangementRows(stationId, read, raise, fresh, own);
  const images = new CheckImageRefs(stationId, read);
  const offlineDone = new Set<string>();
  // Accounts whose payments changed: their arrangements are judged again once the rows are in.
  const touched = arrangements.accounts;

  for (const e of events) {
    if (END_OF_DAY_KINDS.has(e.event.kind)) { await endOfDay.add(tx, e); continue; }
    if (ARRANGEMENT_KINDS.has(e.event.kind)) { await arrangements.add(tx, e); continue; }
    if (e.event.kind === 'check.images') { images.add(e); continue; }
    switch (e.event.kind) {
      case 'session.opened': {
        const d = read(e, sessionOpenedSchema);
        const key = d && await fresh(e, 'sessions', 'session_id', d.sessionId, 'session');
        if (d && key) p.sessions.push({ session_id: key, station_id: stationId, cashier_id: d.cashierId, business_day: d.businessDay, opened_at: e.event.at, float_cents: d.floatCents });
        break;
      }
      case 'receipt.posted': {
        const r = read(e, receiptPostedSchema);
        if (!r) break;
        if (r.stationId !== stationId) { raise(e, 'unreadable_event', `receipt ${r.receiptNumber} names station ${r.stationId}`); break; }
        checkReceiptNumber(r.receiptNumber, stationId);
        const sessionKey = await session(r.sessionId);
        if (Number(r.receiptNumber.slice(stationId.length + 1)) !== r.seq) {
          raise(e, 'unreadable_event', `receipt ${r.receiptNumber} says it is receipt seq ${r.seq}; it is stored but not applied`, { receiptNumber: r.receiptNumber });
          break;
        }
        if (seenSeqs.has(r.seq) || takenSeqs.has(r.seq)) {
          raise(e, 'duplicate_id', `receipt ${r.receiptNumber}: station ${stationId} already sent a receipt with seq ${r.seq}; this one is kept in its event and not applied`, { receiptNumber: r.receiptNumber });
          break;
        }
        // Another station holding this number can only be data from before numbers were checked: kept apart.
        const receiptNumber = await fresh(e, 'receipts', 'receipt_number', r.receiptNumber, 'receipt number');
        if (!receiptNumber) break;
        const id = await fresh(e, 'receipts', 'receipt_id', r.id, `receipt ${r.receiptNumber}: its id`);
        if (!id) break;
        seenSeqs.add(r.seq);
        applyReceipt(p, e, { ...r, id, receiptNumber, sessionId: sessionKey }, codes, suspense!, accounts, raise);
        checkFees(e, r, schedules, raise);
        await duplicateChecks(tx, p, e, { ...r, id, receiptNumber, sessionId: sessionKey }, raise);
        for (const l of r.lines) if (l.accountNumber) touched.add(l.accountNumber);
        batchLines.set(id, { receiptNumber: r.receiptNumber, lines: r.lines.map((l) => ({ account: l.accountNumber ?? null, amount: l.amountCents })) });
        break;
      }
      case 'receipt.voided': {
        const v = read(e, receiptVoidedSchema);
        if (!v) break;
        checkReceiptNumber(v.receiptNumber, stationId);
        const receiptId = await own.resolve('receipts', 'receipt_id', v.receiptId, 'receipt');
        const lines = batchLines.get(receiptId)?.lines ?? await storedLines(tx, receiptId, stationId);
        if (!lines) { raise(e, 'unknown_receipt', `void ${v.voidId} is for receipt ${v.receiptNumber}, which the hub does not hold`, { receiptNumber: v.receiptNumber }); break; }
        const voidId = await fresh(e, 'voids', 'void_id', v.voidId, 'void');
        if (!voidId) break;
        if (!await fresh(e, 'voids', 'receipt_id', receiptId, `receipt ${v.receiptNumber}: a void of`)) break;
        p.voids.push({ void_id: voidId, receipt_id: receiptId, station_id: stationId, user_id: v.userId, approved_by: v.approvedBy, reason: v.reason, at: e.event.at });
        // Accounts not in the directory are not updated (the UPDATE matches none): no need to know them here.
        for (const l of lines) if (l.account) p.balance.set(l.account, (p.balance.get(l.account) ?? 0) + l.amount);
        for (const l of lines) if (l.account) touched.add(l.account);
        break;
      }
      case 'receipt.offline': {
        const o = read(e, receiptOfflineSchema);
        if (!o) break;
        const receiptId = await own.resolve('receipts', 'receipt_id', o.receiptId, 'receipt');
        // Marked once: a repeat of this station's own marker says nothing new.
        if (offlineDone.has(receiptId) || await tx.selectFrom('offline_receipts').select('receipt_id').where('receipt_id', '=', receiptId).executeTakeFirst()) break;
        if (batchLines.has(receiptId) || await storedLines(tx, receiptId, stationId)) { offlineDone.add(receiptId); p.offline.push({ receipt_id: receiptId, directory_as_of: o.directoryAsOf }); }
        break;
      }
      case 'drawer.paid_in': case 'drawer.paid_out': case 'drawer.drop': case 'drawer.no_sale': {
        const m = read(e, movementSchema);
        if (!m) break;
        const sessionId = await session(m.sessionId);
        const id = await fresh(e, 'drawer_movements', 'id', m.id, 'drawer movement');
        if (id) p.movements.push({ id, station_id: stationId, session_id: sessionId, kind: m.kind, amount_cents: m.amountCents, business_day: m.businessDay, at: m.createdAt });
        break;
      }
      case 'closeout.counted': {
        const c = read(e, closeoutCountedSchema);
        if (!c) break;
        const sessionId = await session(c.sessionId);
        const countId = await fresh(e, 'closeout_counts', 'count_id', c.countId, 'count');
        if (countId) {
          const x = c.expected;
          p.counts.push({ count_id: countId, session_id: sessionId, station_id: stationId, business_day: c.businessDay, counted_at: e.event.at,
            cash_sales_cents: x.cashSalesCents, checks_cents: x.checks.totalCents, money_orders_cents: x.moneyOrders.totalCents, cards_cents: x.cards.totalCents,
            other_cents: x.other.totalCents, over_short_cents: c.overShortCents, event_seq: e.event.seq });
        }
        break;
      }
      case 'session.closed': {
        const c = read(e, sessionClosedSchema);
        if (!c) break;
        const sessionId = await session(c.sessionId);
        const countId = await own.resolve('closeout_counts', 'count_id', c.countId, 'count');
        const closureId = await fresh(e, 'session_closures', 'closure_id', c.closureId, 'closure');
        if (closureId) p.closures.push({ closure_id: closureId, session_id: sessionId, station_id: stationId, business_day: c.businessDay, count_id: countId, closed_at: e.event.at, event_seq: e.event.seq });
        break;
      }
      case 'session.reopened': {
        const r = read(e, sessionReopenedSchema);
        if (!r) break;
        const sessionId = await session(r.sessionId);
        const reopeningId = await fresh(e, 'session_reopenings', 'reopening_id', r.reopeningId, 'reopening');
        if (reopeningId) p.reopenings.push({ reopening_id: reopeningId, session_id: sessionId, station_id: stationId, at: e.event.at, event_seq: e.event.seq });
        break;
      }
      case 'check.returned': {
        const c = read(e, checkReturnedSchema);
        if (!c) break;
        checkReceiptNumber(c.receiptNumber, stationId);
        const returnedId = await fresh(e, 'returned_checks', 'returned_check_id', c.returnedCheckId, 'returned check');
        if (!returnedId) break;
        p.returned.push({ returned_check_id: returnedId, station_id: stationId, business_day: c.businessDay, receipt_number: c.receiptNumber, amount_cents: c.amountCents,
          fee_revenue_code: c.fee?.revenueCode ?? null, fee_account: c.fee?.accountNumber ?? null, fee_cents: c.fee?.amountCents ?? 0, cash_only_until: c.cashOnlyUntil, recorded_at: e.event.at, event_seq: e.event.seq });
        c.reversals.forEach((l, i) => {
          p.returnedLines.push({ returned_check_id: returnedId, line_no: i + 1, revenue_code: l.revenueCode, gl_account: l.glAccount, account_number: l.accountNumber ?? null, amount_cents: l.amountCents });
          // The payment bounced: the account owes it again.
          if (l.accountNumber) p.balance.set(l.accountNumber, (p.balance.get(l.accountNumber) ?? 0) - l.amountCents);
          if (l.accountNumber) touched.add(l.accountNumber);
        });
        if (c.fee?.accountNumber && c.fee.amountCents) p.balance.set(c.fee.accountNumber, (p.balance.get(c.fee.accountNumber) ?? 0) + c.fee.amountCents);
        if (c.cashOnlyUntil) for (const a of c.flagged.accountNumbers) if (!p.cashOnly.has(a) || p.cashOnly.get(a)! < c.cashOnlyUntil) p.cashOnly.set(a, c.cashOnlyUntil);
        break;
      }
      case 'batch.opened': {
        const b = read(e, batchOpenedSchema);
        if (!b) break;
        // A batch is a session of this station's: its key is the session's, claimed once.
        const sessionKey = await session(b.sessionId);
        if (await fresh(e, 'batches', 'session_id', sessionKey, `batch ${b.batchNumber}`)) p.batches.push({ session_id: sessionKey, station_id: stationId, batch_number: b.batchNumber, source: b.source, business_day: b.businessDay, control_count: b.controlCount, control_cents: b.controlCents, bank_deposit_cents: b.bankDepositCents, event_seq: e.event.seq });
        break;
      }
      case 'batch.item': {
        // Where the payment came from and when it was received: the CIS file and the GL journal read it.
        const b = read(e, batchItemSchema);
        if (!b) break;
        const receiptKey = await own.resolve('receipts', 'receipt_id', b.receiptId, 'receipt');
        const itemSession = await session(b.sessionId);
        if (await fresh(e, 'batch_items', 'receipt_id', receiptKey, `batch item ${b.itemNo}`)) p.batchItems.push({ receipt_id: receiptKey, station_id: stationId, session_id: itemSession, item_no: b.itemNo, collection_point: b.collectionPoint, date_received: b.dateReceived, postmark_date: b.postmarkDate, tender_detail: b.tenderDetail, source_ref: b.sourceRef, event_seq: e.event.seq });
        break;
      }
      case 'batch.exceptionResolved': {
        const r = read(e, batchExceptionResolvedSchema);
        if (r) checkReceiptNumber(r.receiptNumber, stationId);
        const how = r ? (r.action === 'refund' ? 'marked for refund' : `applied to account ${r.accountNumber ?? ''}`) : '';
        if (r) p.batchResolutions.push({ receiptNumber: r.receiptNumber, account: r.fromAccount, note: `${how} at the station: ${r.note}`, userId: r.resolvedBy, at: e.event.at });
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
  await own.flush();
  await flush(tx, stationId, p);
  await endOfDay.flush(tx);
  await reconcileClosedDays(tx, stationId, endOfDay.closedDays, at);
  await arrangements.flush(tx, at);
  await images.flush(tx);
  await reviewAccounts(tx, touched, now);
}

export type Fresh = (e: StoredEvent, table: OwnedTable, column: string, id: string, what: string) => Promise<string | null>;
type Raise = (e: StoredEvent, kind: ExceptionKind, detail: string, extra?: { receiptNumber?: string | null; accountNumber?: string | null; amountCents?: number | null }) => void;
interface AccountFacts { status: string; cashOnlyUntil: string | null }

function applyReceipt(p: Pending, e: StoredEvent, r: ReceiptPosted, codes: Map<string, string>, suspense: string, accounts: Map<string, AccountFacts>, raise: Raise): void {
  p.receipts.push({
    receipt_id: r.id, station_id: r.stationId, seq: r.seq, receipt_number: r.receiptNumber, session_id: r.sessionId, cashier_id: r.cashierId,
    business_day: r.businessDay, created_at: r.createdAt, payer_name: r.payerName ?? null, total_cents: r.totalCents, tendered_cents: r.tenderedCents,
    change_cents: r.changeCents, event_id: e.event.eventId, cash_rounding_cents: r.cashRoundingCents ?? 0,
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

function checkFees(e: StoredEvent, r: ReceiptPosted, schedules: Schedules, raise: Raise): void {
  for (const d of feeDifferences(r, schedules)) {
    raise(e, 'fee_mismatch', `receipt ${r.receiptNumber} line ${d.lineNo}: ${d.revenueCode} was charged $${dollars(d.chargedCents)} on ${r.businessDay}; ${d.why}`,
      { receiptNumber: r.receiptNumber, amountCents: d.scheduleCents === null ? null : d.chargedCents - d.scheduleCents });
  }
}

/**
 * Duplicate presentment across stations (issue 16): the same check (routing, account, number) for the same
 * amount already taken at another station within 90 days, and not voided, raises an exception. The money
 * was taken and stays; a supervisor sees to it that the check is deposited once.
 */
const DUPLICATE_CHECK_DAYS = 90;
async function duplicateChecks(tx: Tx, p: Pending, e: StoredEvent, r: ReceiptPosted, raise: Raise): Promise<void> {
  // The station's time, or the event's when that is not a time (a station's data is not trusted to parse).
  const at = [Date.parse(r.createdAt), Date.parse(e.event.at)].find((t) => Number.isFinite(t));
  if (at === undefined) return;
  const since = new Date(at - DUPLICATE_CHECK_DAYS * 86_400_000).toISOString();
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

/**
 * One query per table for the ids a push names, instead of one per id: who holds them already, and which
 * of this station's receipt seqs the hub has (UNIQUE(station_id, seq): a repeat is a duplicate, never a 500).
 */
async function readAhead(tx: Tx, own: Ownership, stationId: string, events: StoredEvent[], takenSeqs: Set<number>): Promise<void> {
  const ids = new Map<string, { table: OwnedTable; column: string; values: Set<string> }>();
  const add = (table: OwnedTable, column: string, v: unknown) => {
    if (typeof v !== 'string') return;
    const k = `${table}.${column}`;
    if (!ids.has(k)) ids.set(k, { table, column, values: new Set() });
    ids.get(k)!.values.add(v);
  };
  const seqs: number[] = [];
  for (const e of events) {
    const d = (e.event.data ?? {}) as Record<string, unknown>;
    if (typeof d !== 'object') continue;
    add('sessions', 'session_id', d.sessionId);
    switch (e.event.kind) {
      case 'receipt.posted':
        add('receipts', 'receipt_id', d.id); add('receipts', 'receipt_number', d.receiptNumber);
        if (Number.isSafeInteger(d.seq)) seqs.push(d.seq as number);
        break;
      case 'drawer.paid_in': case 'drawer.paid_out': case 'drawer.drop': case 'drawer.no_sale': add('drawer_movements', 'id', d.id); break;
      case 'closeout.counted': add('closeout_counts', 'count_id', d.countId); break;
      case 'session.closed': add('session_closures', 'closure_id', d.closureId); add('closeout_counts', 'count_id', d.countId); break;
      case 'session.reopened': add('session_reopenings', 'reopening_id', d.reopeningId); break;
    }
  }
  for (const x of ids.values()) await own.prefetch(x.table, x.column, x.values);
  for (let i = 0; i < seqs.length; i += 10_000) {
    const rows = await tx.selectFrom('receipts').select('seq').where('station_id', '=', stationId).where('seq', 'in', seqs.slice(i, i + 10_000)).execute();
    for (const r of rows) takenSeqs.add(Number(r.seq));
  }
}

async function storedLines(tx: Tx, receiptId: string, stationId: string): Promise<{ account: string | null; amount: number }[] | null> {
  const r = await tx.selectFrom('receipts').select('receipt_id').where('receipt_id', '=', receiptId).where('station_id', '=', stationId).executeTakeFirst();
  if (!r) return null;
  const lines = await tx.selectFrom('receipt_lines').select(['account_number', 'amount_cents']).where('receipt_id', '=', receiptId).execute();
  return lines.map((l) => ({ account: l.account_number, amount: l.amount_cents }));
}

async function flush(tx: Tx, stationId: string, p: Pending): Promise<void> {
  await insertChunked(tx, 'sessions', p.sessions);
  await insertChunked(tx, 'receipts', p.receipts);
  await insertChunked(tx, 'receipt_lines', p.lines);
  await insertChunked(tx, 'tenders', p.tenders);
  await insertChunked(tx, 'voids', p.voids);
  await insertChunked(tx, 'offline_receipts', p.offline);
  await insertChunked(tx, 'drawer_movements', p.movements);
  await insertChunked(tx, 'closeout_counts', p.counts);
  await insertChunked(tx, 'session_closures', p.closures);
  await insertChunked(tx, 'session_reopenings', p.reopenings);
  await insertChunked(tx, 'returned_checks', p.returned);
  await insertChunked(tx, 'returned_check_lines', p.returnedLines);
  await insertChunked(tx, 'batches', p.batches);
  await insertChunked(tx, 'batch_items', p.batchItems);
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
  for (const r of p.batchResolutions) {
    await sql`UPDATE exceptions SET resolved_at = ${r.at}, resolved_by = ${r.userId}, note = ${r.note}, version = nextval('exception_version')
      WHERE station_id = ${stationId} AND receipt_number = ${r.receiptNumber} AND account_number = ${r.account} AND kind IN ('unknown_account', 'closed_account') AND resolved_at IS NULL`.execute(tx);
  }
  for (const r of p.resolutions) {
    // A station resolves only its own exceptions; anything else is ignored (the event stays on record).
    await sql`UPDATE exceptions SET resolved_at = ${r.at}, resolved_by = ${r.userId}, note = ${r.note}, version = nextval('exception_version')
      WHERE id = ${r.exceptionId} AND station_id = ${stationId} AND resolved_at IS NULL`.execute(tx);
  }
}
