// Reading a close-out back: the counts as stored, expected vs counted, closure and reopenings.
import type { DenominationCounts } from '../../../shared/denominations';
import type { CardBrand, TenderKind } from '../../../shared/domain';
import type { CloseoutView, CountView, ExpectedFigures, OverShortLine } from '../../../shared/endOfDayViews';
import { StationError } from '../../../shared/errors';
import type { DrawerSessionsTable } from '../../db/schema';
import type { Station } from '../station';
import { countSheet, loadSession, person, personOrNull, sessionHeader } from './common';
import type { SessionClosureRow, SessionCountItemRow, SessionCountLineRow, SessionCountRow, SessionReopeningRow } from './rows';

export function sessionCounts(station: Station, sessionId: string): SessionCountRow[] {
  return station.st.sqlAll<SessionCountRow>('SELECT * FROM session_counts WHERE session_id = ? ORDER BY seq', sessionId);
}

export function latestCount(station: Station, sessionId: string): SessionCountRow | undefined {
  return station.st.sqlGet<SessionCountRow>('SELECT * FROM session_counts WHERE session_id = ? ORDER BY seq DESC LIMIT 1', sessionId);
}

export function depositOfSession(station: Station, sessionId: string): string | null {
  // A discarded draft (issue 15) holds nothing: its sessions are free for another deposit.
  return station.st.sqlGet<{ deposit_id: string }>(`SELECT deposit_id FROM deposit_sessions x WHERE session_id = ?
    AND NOT EXISTS (SELECT 1 FROM deposit_discards d WHERE d.deposit_id = x.deposit_id)`, sessionId)?.deposit_id ?? null;
}

function toLine(r: SessionCountLineRow): OverShortLine {
  return {
    tender: r.tender as TenderKind, brand: r.brand === '' ? null : r.brand as CardBrand,
    expectedCount: r.expected_count, expectedCents: r.expected_cents, countedCount: r.counted_count, countedCents: r.counted_cents, overShortCents: r.over_short_cents,
  };
}

const TENDER_ORDER = ['cash', 'check', 'money_order', 'card', 'other'];

export function countView(station: Station, c: SessionCountRow, current: boolean): CountView {
  const st = station.st;
  const lines = st.sqlAll<SessionCountLineRow>('SELECT * FROM session_count_lines WHERE count_id = ?', c.id)
    .sort((a, b) => TENDER_ORDER.indexOf(a.tender) - TENDER_ORDER.indexOf(b.tender) || a.brand.localeCompare(b.brand));
  const items = st.sqlAll<SessionCountItemRow & { receipt_number: string | null }>(`
    SELECT i.*, r.receipt_number FROM session_count_items i LEFT JOIN receipts r ON r.id = i.receipt_id WHERE i.count_id = ? ORDER BY i.item_no`, c.id);
  const recorded = new Map(st.sqlAll<{ id: string; amount_cents: number }>("SELECT id, amount_cents FROM drawer_movements WHERE session_id = ? AND kind = 'drop'", c.session_id)
    .map((m) => [m.id, m.amount_cents]));
  const dropCounts = JSON.parse(c.drop_counts) as Record<string, DenominationCounts>;
  return {
    id: c.id, seq: c.seq, countedBy: person(station, c.counted_by), countedAt: c.counted_at,
    cash: countSheet(JSON.parse(c.cash_counts) as DenominationCounts),
    drops: Object.entries(dropCounts).map(([movementId, counts]) => ({ movementId, recordedCents: recorded.get(movementId) ?? 0, counted: countSheet(counts) })),
    items: items.map((i) => ({
      itemNo: i.item_no, status: i.status, kind: i.kind, receiptNumber: i.receipt_number, tenderNo: i.tender_no, routing: i.routing, account: i.account,
      checkNumber: i.check_number, reference: i.reference, amountCents: i.amount_cents, note: i.note,
    })),
    lines: lines.filter((l) => l.brand === '').map(toLine),
    cardLines: lines.filter((l) => l.brand !== '').map(toLine),
    overShortCents: c.over_short_cents,
    overShortAbsCents: c.over_short_abs_cents,
    withinTolerance: c.over_short_abs_cents <= c.tolerance_cents,
    current,
  };
}

export function closeoutViewOf(station: Station, session: DrawerSessionsTable): CloseoutView {
  const counts = sessionCounts(station, session.id);
  const latest = counts[counts.length - 1];
  if (!latest) throw new StationError('SESSION_NOT_COUNTED', {}, 'sessionId');
  const reopenings = station.st.sqlAll<SessionReopeningRow>('SELECT * FROM session_reopenings WHERE session_id = ? ORDER BY reopened_at, id', session.id);
  const superseded = new Set(reopenings.map((r) => r.count_id));
  const closure = station.st.sqlGet<SessionClosureRow>('SELECT * FROM session_closures WHERE count_id = ?', latest.id);
  return {
    session: sessionHeader(station, session),
    floatCents: session.float_cents,
    toleranceCents: latest.tolerance_cents,
    expected: JSON.parse(latest.expected) as ExpectedFigures,
    count: countView(station, latest, !superseded.has(latest.id)),
    history: counts.slice(0, -1).map((c) => countView(station, c, false)),
    balanced: latest.over_short_abs_cents === 0,
    needsApproval: session.state === 'counted' && latest.over_short_abs_cents > latest.tolerance_cents,
    closure: closure ? {
      closedBy: person(station, closure.closed_by), at: closure.closed_at,
      approvedBy: personOrNull(station, closure.approved_by), reason: closure.reason,
    } : null,
    reopenings: reopenings.map((r) => ({ by: person(station, r.reopened_by), at: r.reopened_at, reason: r.reason, countId: r.count_id })),
    depositId: depositOfSession(station, session.id),
  };
}

export function closeoutView(station: Station, sessionId: string): CloseoutView {
  return closeoutViewOf(station, loadSession(station, sessionId));
}
