// Close-out's card totals: the terminal's reconciliation by brand against the open session's card
// tenders (voided receipts left out), each brand's difference shown.
import type { CardReconciliationView } from '../../../shared/contract/card';
import { brandFrom } from '../../../shared/terminal';
import { StationError } from '../../../shared/errors';
import { liveSession } from '../sessions';
import type { Station } from '../station';
import { terminalOf } from './terminal';

export async function reconcileCards(station: Station): Promise<CardReconciliationView> {
  const terminal = terminalOf(station);
  if (!terminal) throw new StationError('CARD_NO_TERMINAL');
  const s = liveSession(station);
  if (!s) throw new StationError('NO_OPEN_SESSION');
  const fromTerminal = await terminal.reconcile();
  const ours = station.st.sqlAll<{ brand: string; n: number; c: number }>(`SELECT t.card_brand AS brand, COUNT(*) AS n, SUM(t.amount_cents) AS c FROM tenders t
    JOIN receipts r ON r.id = t.receipt_id WHERE r.session_id = ? AND t.kind = 'card' AND t.card_attempt_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id) GROUP BY t.card_brand`, s.id);
  const brands = new Map<string, CardReconciliationView['brands'][number]>();
  const get = (b: string) => brands.get(b) ?? { brand: b, terminalCount: 0, terminalCents: 0, stationCount: 0, stationCents: 0, differenceCents: 0 };
  for (const t of fromTerminal) {
    const b = get(brandFrom(t.brand));
    brands.set(b.brand, { ...b, terminalCount: b.terminalCount + t.count, terminalCents: b.terminalCents + t.totalCents });
  }
  for (const o of ours) {
    const b = get(o.brand);
    brands.set(b.brand, { ...b, stationCount: o.n, stationCents: o.c });
  }
  const list = [...brands.values()].map((b) => ({ ...b, differenceCents: b.terminalCents - b.stationCents })).sort((a, b) => a.brand.localeCompare(b.brand));
  return { brands: list, matches: list.every((b) => b.differenceCents === 0 && b.terminalCount === b.stationCount) };
}
