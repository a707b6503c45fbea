// Paid-in, paid-out, drop to safe and no-sale: cash moved outside a sale, each logged with who and why.
import type { DenominationCounts } from '../../shared/denominations';
import { StationError } from '../../shared/errors';
import type { MovementKind } from '../../shared/domain';
import { formatCents } from '../../shared/money';
import type { MovementView, UserView } from '../../shared/views';
import type { DrawerMovementsTable } from '../db/schema';
import { expectedCash, requireOpenSession, validateCounts } from './sessions';
import type { Station } from './station';

function toView(r: DrawerMovementsTable): MovementView {
  return { id: r.id, sessionId: r.session_id, kind: r.kind, amountCents: r.amount_cents, reason: r.reason, userId: r.user_id, approvedBy: r.approved_by, createdAt: r.created_at };
}

export interface MovementInput {
  id: string;
  kind: MovementKind;
  amountCents: number;
  reason?: string | undefined;
  counts?: DenominationCounts | undefined;
  approvedBy?: UserView | undefined;
}

export function recordMovement(station: Station, user: UserView, m: MovementInput): MovementView {
  const existing = station.st.sqlGet<DrawerMovementsTable>('SELECT * FROM drawer_movements WHERE id = ?', m.id);
  if (existing) {
    if (existing.kind !== m.kind || existing.amount_cents !== m.amountCents) throw new StationError('IDEMPOTENCY_CONFLICT');
    return toView(existing);
  }
  if (m.counts) {
    const counted = validateCounts(m.counts, 'counts');
    if (counted !== m.amountCents) throw new StationError('DROP_COUNTS_MISMATCH', { counted: formatCents(counted), amount: formatCents(m.amountCents) }, 'counts');
  }
  const row = station.commit(() => {
    const session = requireOpenSession(station, user);
    if (m.kind === 'paid_out' || m.kind === 'drop') {
      const available = expectedCash(station, session.id);
      if (m.amountCents > available) throw new StationError('INSUFFICIENT_CASH', { available: formatCents(available), amount: formatCents(m.amountCents) }, 'amountCents');
    }
    const r: DrawerMovementsTable = {
      id: m.id, session_id: session.id, kind: m.kind, amount_cents: m.amountCents, reason: m.reason ?? null,
      counts: m.counts ? JSON.stringify(m.counts) : null, user_id: user.id, approved_by: m.approvedBy?.id ?? null, created_at: station.nowIso(),
    };
    station.st.sqlRun('INSERT INTO drawer_movements(id, session_id, kind, amount_cents, reason, counts, user_id, approved_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.id, r.session_id, r.kind, r.amount_cents, r.reason, r.counts, r.user_id, r.approved_by, r.created_at);
    station.record(`drawer.${m.kind}`, r.id, { ...toView(r), counts: m.counts ?? null, stationId: station.stationId, businessDay: session.business_day }, r.created_at);
    return r;
  });
  return toView(row);
}
