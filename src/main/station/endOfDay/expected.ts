// Expected figures of a drawer session (DOMAIN.md invariants 2 and 3), from the raw rows.
import type { CardBrand, TenderKind } from '../../../shared/domain';
import type { CardBrandTotal, CountAndTotal, ExpectedFigures } from '../../../shared/endOfDayViews';
import type { Station } from '../station';

interface TenderRow { kind: TenderKind; brand: CardBrand | null; n: number; total: number }

export function sessionTenders(station: Station, sessionId: string): TenderRow[] {
  return station.st.sqlAll<TenderRow>(`
    SELECT t.kind AS kind, t.card_brand AS brand, COUNT(*) AS n, SUM(t.amount_cents) AS total
    FROM receipts r JOIN tenders t ON t.receipt_id = r.id
    WHERE r.session_id = ? AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)
    GROUP BY t.kind, t.card_brand ORDER BY t.kind, t.card_brand`, sessionId);
}

export function expectedFigures(station: Station, sessionId: string): ExpectedFigures {
  const st = station.st;
  const s = st.sqlGet<{ float: number; change: number }>(`
    SELECT s.float_cents AS float, COALESCE((SELECT SUM(r.change_cents) FROM receipts r
      WHERE r.session_id = s.id AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)), 0) AS change
    FROM drawer_sessions s WHERE s.id = ?`, sessionId)!;
  const moves = new Map(st.sqlAll<{ kind: string; total: number }>('SELECT kind, SUM(amount_cents) AS total FROM drawer_movements WHERE session_id = ? GROUP BY kind', sessionId)
    .map((m) => [m.kind, m.total]));
  const tenders = sessionTenders(station, sessionId);
  const of = (kind: TenderKind): CountAndTotal => {
    const rows = tenders.filter((t) => t.kind === kind);
    return { count: rows.reduce((a, r) => a + r.n, 0), totalCents: rows.reduce((a, r) => a + r.total, 0) };
  };
  const cashIn = of('cash').totalCents;
  const byBrand: CardBrandTotal[] = tenders.filter((t) => t.kind === 'card').map((t) => ({ brand: t.brand ?? 'other', count: t.n, totalCents: t.total }));
  const paidIn = moves.get('paid_in') ?? 0, paidOut = moves.get('paid_out') ?? 0, drops = moves.get('drop') ?? 0;
  const cashSales = cashIn - s.change;
  return {
    floatCents: s.float,
    cashSalesCents: cashSales,
    paidInCents: paidIn,
    paidOutCents: paidOut,
    dropsCents: drops,
    cashCents: s.float + cashSales + paidIn - paidOut - drops,
    checks: of('check'),
    moneyOrders: of('money_order'),
    cards: { ...of('card'), byBrand },
    other: of('other'),
  };
}
