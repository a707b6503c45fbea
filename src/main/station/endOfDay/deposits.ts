// Deposits (DOMAIN.md "Deposit", invariant 5): the cash and checks of closed sessions to the one bank
// account, less the float kept back. draft → prepared (bag/seal number) → verified (bank's amount).
import { countTotal, type DenominationCounts } from '../../../shared/denominations';
import type { DepositItem, DepositView } from '../../../shared/endOfDayViews';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { DepositDiscardsTable, DrawerSessionsTable } from '../../db/schema';
import type { Station } from '../station';
import { addCounts, countSheet, loadSession, normalCounts, person, personOrNull, subtractCounts } from './common';
import { formatCents } from '../../../shared/money';
import { addDays } from '../../../shared/calendar';
import { depositOfSession, latestCount } from './closeoutView';
import { checkFloat, proposeFloat } from './floatProposal';
import type { DepositItemRow, DepositRow } from './rows';

interface Basis {
  sessions: DrawerSessionsTable[];
  available: DenominationCounts;
  items: Omit<DepositItemRow, 'deposit_id' | 'item_no'>[];
  cardsCents: number;
  otherCents: number;
}

/** What closed sessions bring to a deposit: their counted cash, verified drops and counted checks. */
function basis(station: Station, sessionIds: string[]): Basis {
  const sessions: DrawerSessionsTable[] = [];
  const sheets: DenominationCounts[] = [];
  const items: Basis['items'] = [];
  let cardsCents = 0, otherCents = 0;
  sessionIds.forEach((id, i) => {
    if (sessionIds.indexOf(id) !== i) throw new StationError('DEPOSIT_SESSION_REPEATED', { session: id }, `sessionIds.${i}`);
    const s = loadSession(station, id, `sessionIds.${i}`);
    if (s.state !== 'closed') throw new StationError('DEPOSIT_SESSION_NOT_CLOSED', { session: id }, `sessionIds.${i}`);
    // Lockbox and online batches are already in the bank: they go into no counter deposit.
    const inBank = station.st.sqlGet<{ batch_number: string; source: string }>("SELECT batch_number, source FROM batches WHERE session_id = ? AND source IN ('lockbox', 'online')", id);
    if (inBank) throw new StationError('DEPOSIT_BATCH_IN_BANK', { batch: inBank.batch_number, source: inBank.source }, `sessionIds.${i}`);
    const taken = depositOfSession(station, id);
    if (taken) throw new StationError('DEPOSIT_SESSION_TAKEN', { session: id, deposit: taken }, `sessionIds.${i}`);
    const c = latestCount(station, id)!;
    sessions.push(s);
    sheets.push(JSON.parse(c.cash_counts) as DenominationCounts, ...Object.values(JSON.parse(c.drop_counts) as Record<string, DenominationCounts>));
    for (const it of station.st.sqlAll<{ kind: 'check' | 'money_order'; receipt_id: string | null; tender_no: number | null; routing: string | null; account: string | null; check_number: string | null; reference: string | null; amount_cents: number; payer_name: string | null }>(
      `SELECT i.kind, i.receipt_id, i.tender_no, i.routing, i.account, i.check_number, i.reference, i.amount_cents, r.payer_name
       FROM session_count_items i LEFT JOIN receipts r ON r.id = i.receipt_id
       WHERE i.count_id = ? AND i.status IN ('present', 'extra') AND i.kind IN ('check', 'money_order') ORDER BY i.item_no`, c.id)) {
      items.push({ session_id: id, ...it });
    }
    const line = (tender: string) => station.st.sqlGet<{ c: number }>("SELECT counted_cents AS c FROM session_count_lines WHERE count_id = ? AND tender = ? AND brand = ''", c.id, tender)?.c ?? 0;
    cardsCents += line('card');
    otherCents += line('other');
  });
  return { sessions, available: addCounts(...sheets), items, cardsCents, otherCents };
}

/** A check with good images goes as an image (issue 16); one without, or with a paper-only override, on paper. */
function sentAs(station: Station, receiptId: string | null, tenderNo: number | null): 'image' | 'paper' {
  if (!receiptId || tenderNo === null) return 'paper';
  const r = station.st.sqlGet<{ p: number }>('SELECT paper_only AS p FROM tender_images WHERE receipt_id = ? AND tender_no = ?', receiptId, tenderNo);
  return r && r.p === 0 ? 'image' : 'paper';
}

function itemViews(station: Station, items: Omit<DepositItemRow, 'deposit_id'>[]): DepositItem[] {
  return items.map((it) => ({
    itemNo: it.item_no, kind: it.kind,
    receiptNumber: it.receipt_id ? station.st.sqlGet<{ n: string }>('SELECT receipt_number AS n FROM receipts WHERE id = ?', it.receipt_id)?.n ?? null : null,
    routing: it.routing, account: it.account, checkNumber: it.check_number, reference: it.reference, amountCents: it.amount_cents, payerName: it.payer_name,
    ...(it.kind === 'check' ? { sentAs: sentAs(station, it.receipt_id, it.tender_no) } : {}),
  }));
}

/** The float kept against the target; null for a deposit stored before targets were (migration 0007). */
type FloatCheck = DepositView['float'];

function floatCheck(station: Station, b: Basis, floatKept: DenominationCounts, targetCents: number | null, acceptedBy: string | null): FloatCheck {
  if (targetCents === null) return null;
  const keptCents = countSheet(floatKept).totalCents;
  const exactPossible = keptCents === targetCents || proposeFloat(b.available, station.config.floatComposition, floatsNeeded(b.sessions)).exactPossible;
  return { targetCents, keptCents, differenceCents: keptCents - targetCents, exactPossible, acceptedBy: personOrNull(station, acceptedBy) };
}

/** The discard of a draft (issue 15), if it was discarded. */
export function discardOf(station: Station, id: string): DepositDiscardsTable | null {
  return station.st.sqlGet<DepositDiscardsTable>('SELECT * FROM deposit_discards WHERE deposit_id = ?', id) ?? null;
}

function build(station: Station, b: Basis, floatKept: DenominationCounts, row: DepositRow | null, float: FloatCheck): DepositView {
  const discard = row ? discardOf(station, row.id) : null;
  const replaces = row ? station.st.sqlGet<{ id: string }>('SELECT deposit_id AS id FROM deposit_discards WHERE replaced_by = ?', row.id)?.id ?? null : null;
  const numbered = b.items.map((it, i) => ({ ...it, item_no: i + 1 }));
  const views = itemViews(station, numbered);
  const checks = views.filter((v) => v.kind === 'check');
  const mos = views.filter((v) => v.kind === 'money_order');
  const deposited = countSheet(subtractCounts(b.available, floatKept));
  const sum = (xs: DepositItem[]) => xs.reduce((a, x) => a + x.amountCents, 0);
  const bank = row ? { name: row.bank_name, routing: row.bank_routing, account: row.bank_account } : station.config.depositBank;
  return {
    id: row?.id ?? null,
    state: discard ? 'discarded' : row?.state ?? 'proposal',
    bank: { ...bank },
    businessDays: [...new Set(b.sessions.map((s) => s.business_day))].sort(),
    sessions: b.sessions.map((s) => ({ id: s.id, stationId: s.station_id, cashier: person(station, s.cashier_id), businessDay: s.business_day })),
    createdAt: row?.created_at ?? null,
    createdBy: row ? person(station, row.created_by) : null,
    cash: { available: countSheet(b.available), floatKept: countSheet(floatKept), deposited },
    float,
    checks: { count: checks.length, totalCents: sum(checks), items: checks },
    moneyOrders: { count: mos.length, totalCents: sum(mos), items: mos },
    totalCents: deposited.totalCents + sum(checks) + sum(mos),
    notDeposited: { cardsCents: b.cardsCents, otherCents: b.otherCents },
    bagNumber: row?.bag_number ?? null,
    preparedBy: personOrNull(station, row?.prepared_by ?? null),
    preparedAt: row?.prepared_at ?? null,
    bankConfirmedCents: row?.bank_confirmed_cents ?? null,
    differenceCents: row?.difference_cents ?? null,
    verifiedBy: personOrNull(station, row?.verified_by ?? null),
    verifiedAt: row?.verified_at ?? null,
    verifyNote: row?.verify_note ?? null,
    differenceDay: row?.difference_day ?? null,
    discarded: discard ? { by: person(station, discard.discarded_by), at: discard.discarded_at, reason: discard.reason, replacedBy: discard.replaced_by } : null,
    replaces,
  };
}

/** Distinct stations among the sessions: each drawer needs its float tomorrow. */
function floatsNeeded(sessions: DrawerSessionsTable[]): number {
  // A batch has no drawer: it keeps no float back.
  return new Set(sessions.filter((s) => (s.kind ?? 'drawer') === 'drawer').map((s) => s.station_id)).size;
}

/** The configured float for the sessions' stations, in cents. */
function floatTarget(station: Station, b: Basis): number {
  return countTotal(station.config.floatComposition) * floatsNeeded(b.sessions);
}

function chooseFloat(station: Station, b: Basis, floatKept: DenominationCounts | undefined): DenominationCounts {
  if (floatKept) { checkFloat(b.available, floatKept); return normalCounts(floatKept); }
  return proposeFloat(b.available, station.config.floatComposition, floatsNeeded(b.sessions)).kept;
}

/**
 * A float that is not the target goes into a deposit only when the supervisor accepted exactly this
 * difference (the one the screen showed): never short without anyone being told.
 */
function requireAccepted(f: NonNullable<FloatCheck>, accepted: number | undefined): boolean {
  if (f.differenceCents === 0) return false;
  if (accepted === f.differenceCents) return true;
  const params = { target: formatCents(f.targetCents), kept: formatCents(f.keptCents), difference: `${f.differenceCents > 0 ? '+' : ''}${formatCents(f.differenceCents)}` };
  throw new StationError(f.exactPossible ? 'FLOAT_NOT_TARGET' : 'FLOAT_NOT_EXACT', params, 'acceptFloatDifferenceCents');
}

/** What a deposit of these sessions would be, with the proposed float; writes nothing. */
export function proposeDeposit(station: Station, sessionIds: string[], floatKept?: DenominationCounts): DepositView {
  const b = basis(station, sessionIds);
  const kept = chooseFloat(station, b, floatKept);
  return build(station, b, kept, null, floatCheck(station, b, kept, floatTarget(station, b), null));
}

export function loadDeposit(station: Station, id: string): DepositRow {
  const row = station.st.sqlGet<DepositRow>('SELECT * FROM deposits WHERE id = ?', id);
  if (!row) throw new StationError('DEPOSIT_NOT_FOUND', { deposit: id }, 'depositId');
  return row;
}

export function depositView(station: Station, id: string): DepositView {
  const row = loadDeposit(station, id);
  const sessions = station.st.sqlAll<DrawerSessionsTable>('SELECT s.* FROM deposit_sessions d JOIN drawer_sessions s ON s.id = d.session_id WHERE d.deposit_id = ? ORDER BY s.opened_at, s.id', id);
  const items = station.st.sqlAll<DepositItemRow>('SELECT * FROM deposit_items WHERE deposit_id = ? ORDER BY item_no', id);
  let cardsCents = 0, otherCents = 0;
  for (const s of sessions) {
    const c = latestCount(station, s.id)!;
    for (const l of station.st.sqlAll<{ tender: string; c: number }>("SELECT tender, counted_cents AS c FROM session_count_lines WHERE count_id = ? AND brand = '' AND tender IN ('card', 'other')", c.id)) {
      if (l.tender === 'card') cardsCents += l.c; else otherCents += l.c;
    }
  }
  const b: Basis = { sessions, available: JSON.parse(row.available_counts) as DenominationCounts, items, cardsCents, otherCents };
  const kept = JSON.parse(row.float_kept_counts) as DenominationCounts;
  return build(station, b, kept, row, floatCheck(station, b, kept, row.float_target_cents, row.float_accepted_by));
}

function summary(v: DepositView) {
  return {
    depositId: v.id, bank: v.bank, sessionIds: v.sessions.map((s) => s.id), businessDays: v.businessDays,
    availableCounts: v.cash.available.counts, floatKeptCounts: v.cash.floatKept.counts, depositedCounts: v.cash.deposited.counts,
    cashCents: v.cash.deposited.totalCents, checksCents: v.checks.totalCents, moneyOrdersCents: v.moneyOrders.totalCents, totalCents: v.totalCents,
    items: [...v.checks.items, ...v.moneyOrders.items].map((i) => ({ kind: i.kind, receiptNumber: i.receiptNumber, routing: i.routing, account: i.account, checkNumber: i.checkNumber, reference: i.reference, amountCents: i.amountCents })),
  };
}

/** Writes a new draft deposit inside the caller's transaction; `replaces`: the draft it takes the place of. */
export function insertDeposit(station: Station, user: UserView, input: { id: string; sessionIds: string[]; floatKept?: DenominationCounts | undefined; acceptFloatDifferenceCents?: number | undefined }, replaces: string | null = null): void {
  const b = basis(station, input.sessionIds);
  const floatKept = chooseFloat(station, b, input.floatKept);
  const float = floatCheck(station, b, floatKept, floatTarget(station, b), null)!;
  const acceptedBy = requireAccepted(float, input.acceptFloatDifferenceCents) ? user.id : null;
  const v = build(station, b, floatKept, null, float);
  const at = station.nowIso();
  const bank = station.config.depositBank;
  station.st.sqlRun(`INSERT INTO deposits(id, station_id, bank_name, bank_routing, bank_account, state, created_by, created_at, available_counts, float_kept_counts, cash_cents, checks_cents, money_orders_cents, total_cents, float_target_cents, float_accepted_by)
    VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, input.id, station.stationId, bank.name, bank.routing, bank.account, user.id, at,
  JSON.stringify(b.available), JSON.stringify(floatKept), v.cash.deposited.totalCents, v.checks.totalCents, v.moneyOrders.totalCents, v.totalCents, float.targetCents, acceptedBy);
  for (const s of b.sessions) station.st.sqlRun('INSERT INTO deposit_sessions(deposit_id, session_id) VALUES (?, ?)', input.id, s.id);
  b.items.forEach((it, i) => station.st.sqlRun(`INSERT INTO deposit_items(deposit_id, item_no, session_id, kind, receipt_id, tender_no, routing, account, check_number, reference, amount_cents, payer_name)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, input.id, i + 1, it.session_id, it.kind, it.receipt_id, it.tender_no, it.routing, it.account, it.check_number, it.reference, it.amount_cents, it.payer_name));
  station.record('deposit.created', input.id, {
    ...summary({ ...v, id: input.id }), stationId: station.stationId, createdBy: user.id,
    floatTargetCents: float.targetCents, floatDifferenceCents: float.differenceCents, floatExactPossible: float.exactPossible, floatAcceptedBy: acceptedBy,
    ...(replaces ? { replaces } : {}),
  }, at);
}

export function createDeposit(station: Station, user: UserView, input: { id: string; sessionIds: string[]; floatKept?: DenominationCounts | undefined; acceptFloatDifferenceCents?: number | undefined }): DepositView {
  if (station.st.sqlGet('SELECT 1 FROM deposits WHERE id = ?', input.id)) {
    const v = depositView(station, input.id);
    const same = v.sessions.map((s) => s.id).sort().join() === [...input.sessionIds].sort().join();
    if (!same) throw new StationError('IDEMPOTENCY_CONFLICT');
    return v;
  }
  // A deposit names its bank: a station set up without one says so before anything is written.
  if (!station.config.depositBank.routing) throw new StationError('NO_DEPOSIT_BANK');
  station.commit(() => insertDeposit(station, user, input));
  return depositView(station, input.id);
}

export function requireState(station: Station, row: DepositRow, needed: DepositRow['state']): void {
  if (discardOf(station, row.id)) throw new StationError('DEPOSIT_DISCARDED', { deposit: row.id }, 'depositId');
  if (row.state !== needed) throw new StationError('DEPOSIT_WRONG_STATE', { deposit: row.id, state: row.state, needed }, 'depositId');
}

/** Changes the float kept back while the deposit is a draft. */
export function setDepositFloat(station: Station, user: UserView, depositId: string, floatKept: DenominationCounts, acceptFloatDifferenceCents?: number): DepositView {
  station.commit(() => {
    const row = loadDeposit(station, depositId);
    requireState(station, row, 'draft');
    const available = JSON.parse(row.available_counts) as DenominationCounts;
    checkFloat(available, floatKept);
    const kept = normalCounts(floatKept);
    const cash = countSheet(subtractCounts(available, kept)).totalCents;
    const total = cash + row.checks_cents + row.money_orders_cents;
    const current = depositView(station, depositId);
    const b: Basis = { sessions: current.sessions.map((s) => loadSession(station, s.id)), available, items: [], cardsCents: 0, otherCents: 0 };
    const target = row.float_target_cents ?? floatTarget(station, b);
    const float = floatCheck(station, b, kept, target, null)!;
    const acceptedBy = requireAccepted(float, acceptFloatDifferenceCents) ? user.id : null;
    station.st.run(station.kysely.updateTable('deposits')
      .set({ float_kept_counts: JSON.stringify(kept), cash_cents: cash, total_cents: total, float_target_cents: target, float_accepted_by: acceptedBy })
      .where('id', '=', depositId));
    station.record('deposit.floatChanged', depositId, {
      depositId, floatKeptCounts: kept, cashCents: cash, totalCents: total, changedBy: user.id,
      floatTargetCents: target, floatDifferenceCents: float.differenceCents, floatAcceptedBy: acceptedBy,
    }, station.nowIso());
  });
  return depositView(station, depositId);
}

export function prepareDeposit(station: Station, user: UserView, depositId: string, bagNumber: string): DepositView {
  station.commit(() => {
    const row = loadDeposit(station, depositId);
    if (row.state === 'prepared' && row.bag_number === bagNumber) return; // the same request again
    requireState(station, row, 'draft');
    const at = station.nowIso();
    station.st.sqlRun("UPDATE deposits SET state = 'prepared', bag_number = ?, prepared_by = ?, prepared_at = ? WHERE id = ?", bagNumber, user.id, at, depositId);
    station.record('deposit.prepared', depositId, { depositId, bagNumber, preparedBy: user.id, totalCents: row.total_cents }, at);
  });
  return depositView(station, depositId);
}

/** The bank's confirmed amount; any difference is recorded with it and reported, never hidden. */
export function verifyDeposit(station: Station, user: UserView, depositId: string, bankConfirmedCents: number, note: string | undefined): DepositView {
  station.commit(() => {
    const row = loadDeposit(station, depositId);
    if (row.state === 'verified' && row.bank_confirmed_cents === bankConfirmedCents) return; // the same request again
    requireState(station, row, 'prepared');
    const at = station.nowIso();
    const difference = bankConfirmedCents - row.total_cents;
    const recordedDay = openDayFrom(station, station.businessDay());
    station.st.sqlRun("UPDATE deposits SET state = 'verified', bank_confirmed_cents = ?, difference_cents = ?, verified_by = ?, verified_at = ?, verify_note = ?, difference_day = ? WHERE id = ?",
      bankConfirmedCents, difference, user.id, at, note ?? null, recordedDay, depositId);
    station.record('deposit.verified', depositId, { depositId, totalCents: row.total_cents, bankConfirmedCents, differenceCents: difference, verifiedBy: user.id, note: note ?? null, recordedDay }, at);
  });
  return depositView(station, depositId);
}

/**
 * The first business day from `day` on that is not closed: a difference is booked on an open day, so a
 * closed day's GL file stays as it was (issue 15).
 */
export function openDayFrom(station: Station, day: string): string {
  let d = day;
  while (station.st.sqlGet('SELECT 1 FROM business_days WHERE day = ?', d)) d = addDays(d, 1);
  return d;
}

export function listDeposits(station: Station, state: string | undefined, limit: number): DepositView[] {
  const discarded = 'EXISTS (SELECT 1 FROM deposit_discards x WHERE x.deposit_id = d.id)';
  const rows = state === 'discarded'
    ? station.st.sqlAll<{ id: string }>(`SELECT id FROM deposits d WHERE ${discarded} ORDER BY created_at DESC, id LIMIT ?`, limit)
    : state
      ? station.st.sqlAll<{ id: string }>(`SELECT id FROM deposits d WHERE state = ? AND NOT ${discarded} ORDER BY created_at DESC, id LIMIT ?`, state, limit)
      : station.st.sqlAll<{ id: string }>('SELECT id FROM deposits ORDER BY created_at DESC, id LIMIT ?', limit);
  return rows.map((r) => depositView(station, r.id));
}
