// Close-out (DOMAIN.md "Blind count", "Over/short", "Close-out"): the cashier counts before seeing
// what the station expects; the count is stored, then compared; beyond the tolerance a supervisor
// approves with a reason. Counts are append-only rows: a reopen keeps every earlier count.
import { randomUUID } from 'node:crypto';
import type { ParsedInputOf } from '../../../shared/api';
import { roleAtLeast } from '../../../shared/domain';
import type { DenominationCounts } from '../../../shared/denominations';
import type { CloseoutChecklist, CloseoutView } from '../../../shared/endOfDayViews';
import { StationError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import type { SessionView, UserView } from '../../../shared/views';
import type { DrawerSessionsTable } from '../../db/schema';
import { assertDayOpen } from '../postingGuards';
import { validateCounts } from '../sessions';
import type { Station } from '../station';
import { loadSession, normalCounts, person, sessionOrLive } from './common';
import { closeoutViewOf, depositOfSession, latestCount } from './closeoutView';
import { expectedFigures } from './expected';
import { countableItems, sessionDrops } from './items';

/** Only the session's own cashier counts it, or a supervisor. */
function assertMayCount(station: Station, user: UserView, s: DrawerSessionsTable): void {
  if (s.cashier_id !== user.id && !roleAtLeast(user.role, 'supervisor')) {
    throw new StationError('SESSION_NOT_YOURS', { cashier: person(station, s.cashier_id).name });
  }
}

function startedAt(station: Station, sessionId: string): string | undefined {
  return station.st.sqlGet<{ started_at: string }>('SELECT started_at FROM closeout_starts WHERE session_id = ?', sessionId)?.started_at;
}

/**
 * Starts the close-out: from now on session.current hides the expected cash from the cashier
 * (blind count), and the checklist of items to confirm is shown.
 */
export function startCloseout(station: Station, user: UserView, sessionId: string | undefined): CloseoutChecklist {
  const s = sessionOrLive(station, sessionId);
  if (s.state === 'closed') throw new StationError('SESSION_ALREADY_CLOSED', {}, 'sessionId');
  assertMayCount(station, user, s);
  if (!startedAt(station, s.id)) {
    station.commit(() => {
      if (startedAt(station, s.id)) return;
      const at = station.nowIso();
      station.st.sqlRun('INSERT INTO closeout_starts(session_id, started_by, started_at) VALUES (?, ?, ?)', s.id, user.id, at);
      station.record('closeout.started', s.id, { sessionId: s.id, stationId: s.station_id, startedBy: user.id }, at, { sync: false });
    });
  }
  return {
    sessionId: s.id, businessDay: s.business_day,
    items: countableItems(station, s.id).map(({ receiptId, ...item }) => (item.kind === 'check' && station.st.sqlGet('SELECT 1 FROM tender_images WHERE receipt_id = ? AND tender_no = ?', receiptId, item.tenderNo)
      ? { ...item, hasImages: true } : item)),
    drops: sessionDrops(station, s.id),
    startedAt: startedAt(station, s.id)!,
  };
}

/** The blind rule for session.current: a cashier sees no expected cash once the close-out has begun. */
export function blindSessionView(station: Station, user: UserView, view: SessionView): SessionView {
  if (roleAtLeast(user.role, 'supervisor')) return view;
  if (view.state === 'open' && !startedAt(station, view.id)) return view;
  return { ...view, expectedCashCents: null, dropSuggested: false, dropSuggestedCents: 0 };
}

export type CountInput = ParsedInputOf<'closeout.count'>;

interface LineRow { tender: string; brand: string; expectedCount: number | null; expected: number; countedCount: number | null; counted: number }

export function submitCount(station: Station, user: UserView, input: CountInput): CloseoutView {
  const replay = station.st.sqlGet<{ session_id: string }>('SELECT session_id FROM session_counts WHERE id = ?', input.id);
  if (replay) {
    if (input.sessionId && input.sessionId !== replay.session_id) throw new StationError('IDEMPOTENCY_CONFLICT');
    return closeoutViewOf(station, loadSession(station, replay.session_id));
  }
  const cashCents = validateCounts(input.cash, 'cash');
  for (const [id, counts] of Object.entries(input.drops)) validateCounts(counts, `drops.${id}`);
  const brands = new Set<string>();
  input.cards.forEach((c, i) => {
    if (brands.has(c.brand)) throw new StationError('INVALID_INPUT', { detail: `${c.brand} is entered twice` }, `cards.${i}.brand`);
    brands.add(c.brand);
  });

  const sessionId = station.commit(() => {
    const s = sessionOrLive(station, input.sessionId);
    if (s.state === 'counted') throw new StationError('SESSION_ALREADY_COUNTED', {}, 'sessionId');
    if (s.state === 'closed') throw new StationError('SESSION_ALREADY_CLOSED', {}, 'sessionId');
    assertMayCount(station, user, s);
    const st = station.st;
    const at = station.nowIso();

    // Every item of the session confirmed exactly once, present or missing.
    const items = countableItems(station, s.id);
    const byKey = new Map(items.map((it) => [`${it.receiptNumber}#${it.tenderNo}`, it]));
    const seen = new Map<string, boolean>();
    input.items.forEach((c, i) => {
      const key = `${c.receiptNumber}#${c.tenderNo}`;
      if (!byKey.has(key)) throw new StationError('COUNT_ITEM_UNKNOWN', { receipt: c.receiptNumber, tender: c.tenderNo }, `items.${i}`);
      if (seen.has(key)) throw new StationError('COUNT_ITEM_TWICE', { receipt: c.receiptNumber, tender: c.tenderNo }, `items.${i}`);
      seen.set(key, c.present);
    });
    for (const it of items) {
      if (!seen.has(`${it.receiptNumber}#${it.tenderNo}`)) throw new StationError('COUNT_ITEM_UNCONFIRMED', { receipt: it.receiptNumber, tender: it.tenderNo }, 'items');
    }

    // Every safe drop verified by denomination: as recorded, or counted now.
    const drops = sessionDrops(station, s.id);
    for (const id of Object.keys(input.drops)) {
      if (!drops.some((d) => d.movementId === id)) throw new StationError('DROP_UNKNOWN', { drop: id }, `drops.${id}`);
    }
    const dropCounts: Record<string, DenominationCounts> = {};
    let dropsCounted = 0;
    for (const d of drops) {
      const counts = input.drops[d.movementId] ?? d.counts;
      if (!counts) throw new StationError('DROP_NOT_COUNTED', { amount: formatCents(d.amountCents) }, `drops.${d.movementId}`);
      dropCounts[d.movementId] = normalCounts(counts);
      dropsCounted += validateCounts(counts, `drops.${d.movementId}`);
    }

    const exp = expectedFigures(station, s.id);
    const present = (kind: string) => items.filter((it) => it.kind === kind && seen.get(`${it.receiptNumber}#${it.tenderNo}`));
    const extras = (kind: string) => input.extras.filter((x) => x.kind === kind);
    const nonCash = (kind: 'check' | 'money_order' | 'other', e: { count: number; totalCents: number }): LineRow => {
      const p = present(kind), x = extras(kind);
      return {
        tender: kind, brand: '', expectedCount: e.count, expected: e.totalCents, countedCount: p.length + x.length,
        counted: p.reduce((a, it) => a + it.amountCents, 0) + x.reduce((a, it) => a + it.amountCents, 0),
      };
    };
    const cardBrands = [...new Set<string>([...exp.cards.byBrand.map((b) => b.brand), ...input.cards.map((c) => c.brand)])].sort();
    const cardLines: LineRow[] = cardBrands.map((brand) => {
      const e = exp.cards.byBrand.find((b) => b.brand === brand);
      const c = input.cards.find((x) => x.brand === brand);
      return { tender: 'card', brand, expectedCount: e?.count ?? 0, expected: e?.totalCents ?? 0, countedCount: c ? (c.count ?? null) : 0, counted: c?.amountCents ?? 0 };
    });
    const allCardCounts = cardLines.every((l) => l.countedCount !== null);
    const lines: LineRow[] = [
      // Cash: the drawer plus the safe bags dropped during the session.
      { tender: 'cash', brand: '', expectedCount: null, expected: exp.cashCents + exp.dropsCents, countedCount: null, counted: cashCents + dropsCounted },
      nonCash('check', exp.checks),
      nonCash('money_order', exp.moneyOrders),
      {
        tender: 'card', brand: '', expectedCount: exp.cards.count, expected: exp.cards.totalCents,
        countedCount: allCardCounts ? cardLines.reduce((a, l) => a + (l.countedCount ?? 0), 0) : null, counted: cardLines.reduce((a, l) => a + l.counted, 0),
      },
      nonCash('other', exp.other),
      ...cardLines,
    ];
    const main = lines.filter((l) => l.brand === '');
    const overShort = main.reduce((a, l) => a + l.counted - l.expected, 0);
    // Measured per tender (cards per brand): an over in one tender does not hide a short in another.
    const overShortAbs = lines.filter((l) => l.tender !== 'card' || l.brand !== '').reduce((a, l) => a + Math.abs(l.counted - l.expected), 0);
    const tolerance = station.config.overShortToleranceCents;
    const seq = (st.sqlGet<{ n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM session_counts WHERE session_id = ?', s.id)!.n) + 1;

    st.sqlRun(`INSERT INTO session_counts(id, session_id, seq, counted_by, counted_at, cash_counts, cash_cents, drop_counts, drops_cents, expected, over_short_cents, over_short_abs_cents, tolerance_cents)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, input.id, s.id, seq, user.id, at, JSON.stringify(normalCounts(input.cash)), cashCents,
    JSON.stringify(dropCounts), dropsCounted, JSON.stringify(exp), overShort, overShortAbs, tolerance);
    for (const l of lines) {
      st.sqlRun('INSERT INTO session_count_lines(count_id, tender, brand, expected_count, expected_cents, counted_count, counted_cents, over_short_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        input.id, l.tender, l.brand, l.expectedCount, l.expected, l.countedCount, l.counted, l.counted - l.expected);
    }
    let itemNo = 0;
    for (const it of items) {
      st.sqlRun(`INSERT INTO session_count_items(count_id, item_no, status, kind, receipt_id, tender_no, amount_cents, routing, account, check_number, reference, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`, input.id, ++itemNo, seen.get(`${it.receiptNumber}#${it.tenderNo}`) ? 'present' : 'missing', it.kind,
      it.receiptId, it.tenderNo, it.amountCents, it.routing, it.account, it.checkNumber, it.reference);
    }
    for (const x of input.extras) {
      st.sqlRun(`INSERT INTO session_count_items(count_id, item_no, status, kind, receipt_id, tender_no, amount_cents, routing, account, check_number, reference, note)
        VALUES (?, ?, 'extra', ?, NULL, NULL, ?, ?, ?, ?, ?, ?)`, input.id, ++itemNo, x.kind, x.amountCents, x.routing ?? null, x.account ?? null, x.checkNumber ?? null, x.reference ?? null, x.note ?? null);
    }
    if (!startedAt(station, s.id)) st.sqlRun('INSERT INTO closeout_starts(session_id, started_by, started_at) VALUES (?, ?, ?)', s.id, user.id, at);
    st.sqlRun("UPDATE drawer_sessions SET state = 'counted' WHERE id = ?", s.id);
    const within = overShortAbs <= tolerance;
    station.record('closeout.counted', input.id, {
      countId: input.id, sessionId: s.id, stationId: s.station_id, businessDay: s.business_day, seq, countedBy: user.id,
      cashCounts: normalCounts(input.cash), cashCents, dropCounts, dropsCents: dropsCounted, expected: exp,
      lines: lines.map((l) => ({ tender: l.tender, brand: l.brand || null, expectedCount: l.expectedCount, expectedCents: l.expected, countedCount: l.countedCount, countedCents: l.counted, overShortCents: l.counted - l.expected })),
      missing: items.filter((it) => !seen.get(`${it.receiptNumber}#${it.tenderNo}`)).map((it) => ({ receiptNumber: it.receiptNumber, tenderNo: it.tenderNo, amountCents: it.amountCents })),
      extras: input.extras, overShortCents: overShort, overShortAbsCents: overShortAbs, toleranceCents: tolerance, withinTolerance: within,
    }, at);
    if (within) closeSession(station, s, input.id, user, null, null, at);
    return s.id;
  });
  return closeoutViewOf(station, loadSession(station, sessionId));
}

function closeSession(station: Station, s: DrawerSessionsTable, countId: string, user: UserView, approver: UserView | null, reason: string | null, at: string, closureId: string = randomUUID()): void {
  station.st.sqlRun('INSERT INTO session_closures(id, session_id, count_id, closed_by, approved_by, reason, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    closureId, s.id, countId, user.id, approver?.id ?? null, reason, at);
  station.st.sqlRun("UPDATE drawer_sessions SET state = 'closed', closed_at = ? WHERE id = ?", at, s.id);
  const c = latestCount(station, s.id)!;
  station.record('session.closed', closureId, {
    closureId, sessionId: s.id, stationId: s.station_id, businessDay: s.business_day, countId, closedBy: user.id,
    approvedBy: approver?.id ?? null, reason, overShortCents: c.over_short_cents, overShortAbsCents: c.over_short_abs_cents,
  }, at);
}

/** Closes a counted session whose over/short is beyond the tolerance, on a supervisor's PIN and a reason. */
export function approveCloseout(station: Station, user: UserView, input: { id: string; sessionId: string; reason: string }, approver: UserView): CloseoutView {
  const replay = station.st.sqlGet<{ session_id: string }>('SELECT session_id FROM session_closures WHERE id = ?', input.id);
  if (replay) {
    if (replay.session_id !== input.sessionId) throw new StationError('IDEMPOTENCY_CONFLICT');
    return closeoutViewOf(station, loadSession(station, input.sessionId));
  }
  station.commit(() => {
    const s = loadSession(station, input.sessionId);
    if (s.state === 'closed') throw new StationError('SESSION_ALREADY_CLOSED', {}, 'sessionId');
    if (s.state === 'open') throw new StationError('SESSION_NOT_COUNTED', {}, 'sessionId');
    assertMayCount(station, user, s);
    const c = latestCount(station, s.id)!;
    if (c.over_short_abs_cents <= c.tolerance_cents) throw new StationError('APPROVAL_NOT_NEEDED', {}, 'approval');
    closeSession(station, s, c.id, user, approver, input.reason, station.nowIso(), input.id);
  });
  return closeoutViewOf(station, loadSession(station, input.sessionId));
}

/** A supervisor reopens a counted or closed session for a recount; the earlier count stays in history. */
export function reopenSession(station: Station, user: UserView, input: { id: string; sessionId: string; reason: string }): CloseoutView {
  const replay = station.st.sqlGet<{ session_id: string }>('SELECT session_id FROM session_reopenings WHERE id = ?', input.id);
  if (replay) {
    if (replay.session_id !== input.sessionId) throw new StationError('IDEMPOTENCY_CONFLICT');
    return closeoutViewOf(station, loadSession(station, input.sessionId));
  }
  station.commit(() => {
    const s = loadSession(station, input.sessionId);
    if (s.state === 'open') throw new StationError('SESSION_NOT_COUNTED', {}, 'sessionId');
    const deposit = depositOfSession(station, s.id);
    if (deposit) throw new StationError('REOPEN_DEPOSITED', { deposit }, 'sessionId');
    const live = station.st.sqlGet<{ id: string }>("SELECT id FROM drawer_sessions WHERE station_id = ? AND state <> 'closed' AND kind = 'drawer' AND id <> ?", s.station_id, s.id);
    if (live) throw new StationError('REOPEN_STATION_BUSY', { station: s.station_id }, 'sessionId');
    assertDayOpen(station, s.business_day);
    const c = latestCount(station, s.id)!;
    const at = station.nowIso();
    station.st.sqlRun('INSERT INTO session_reopenings(id, session_id, count_id, reopened_by, reason, reopened_at) VALUES (?, ?, ?, ?, ?, ?)',
      input.id, s.id, c.id, user.id, input.reason, at);
    station.st.sqlRun("UPDATE drawer_sessions SET state = 'open', closed_at = NULL WHERE id = ?", s.id);
    station.record('session.reopened', input.id, { reopeningId: input.id, sessionId: s.id, stationId: s.station_id, businessDay: s.business_day, countId: c.id, reopenedBy: user.id, reason: input.reason }, at);
  });
  return closeoutViewOf(station, loadSession(station, input.sessionId));
}

/** The close-out of a session. Blind: a cashier sees it only once the current count is stored. */
export function getCloseout(station: Station, user: UserView, sessionId: string): CloseoutView {
  const s = loadSession(station, sessionId);
  if (s.state === 'open' && !roleAtLeast(user.role, 'supervisor')) throw new StationError('SESSION_NOT_COUNTED', {}, 'sessionId');
  return closeoutViewOf(station, s);
}

