// A busy day at a test station, and a balanced close-out of it, through the real dispatcher.
import { expect } from 'vitest';
import { USD_DENOMINATIONS } from '../../src/shared/denominations';
import { ROUTING, uuid, type TestStation } from './station';

/** Notes and coins making exactly `cents` (largest first, no rolls). */
export function cashCounts(cents: number): Record<string, number> {
  const out: Record<string, number> = {};
  let left = cents;
  for (const d of USD_DENOMINATIONS.filter((x) => x.kind !== 'roll' && x.key !== 'coin_100').sort((a, b) => b.valueCents - a.valueCents)) {
    const n = Math.floor(left / d.valueCents);
    if (n) { out[d.key] = n; left -= n * d.valueCents; }
  }
  return out;
}

const ACCOUNTS = ['100000-64', '100001-37', '100002-26'];

/** The i-th receipt of a station: cash with change on a utility account, a check for a fee, a card on sewer. */
export async function postNth(t: TestStation, i: number, accounts: string[] = ACCOUNTS) {
  const account = accounts[i % accounts.length]!;
  const cents = 500 + ((i * 7919) % 20000);
  switch (i % 3) {
    case 0: return t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: account, amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents + 1000 - (cents % 1000) }] });
    case 1: return t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: cents }, { revenueCode: 'GARB', accountNumber: account, amountCents: 1234 }], tenders: [{ kind: 'check', amountCents: cents + 1234, routing: ROUTING, account: '123456789', checkNumber: String(1000 + i) }] });
    default: return t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'SEWER', accountNumber: account, amountCents: cents }], tenders: [{ kind: 'card', amountCents: cents, brand: i % 2 ? 'visa' : 'mastercard', last4: '4242', authCode: `A${i}` }] });
  }
}

/** Counts the drawer exactly as expected (every check present, card totals from the terminal) and closes it. */
export async function closeOutBalanced(t: TestStation): Promise<void> {
  const expectedCash = (await t.ok('session.current', {}, 'supervisor'))!.expectedCashCents!;
  const list = await t.ok('closeout.start', {});
  const cards = t.station.st.sqlAll<{ brand: 'visa' | 'mastercard'; amountCents: number; count: number }>(`SELECT t.card_brand AS brand, SUM(t.amount_cents) AS amountCents, COUNT(*) AS count
    FROM tenders t JOIN receipts r ON r.id = t.receipt_id WHERE r.session_id = ? AND t.kind = 'card' AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)
    GROUP BY t.card_brand`, list.sessionId);
  const v = await t.ok('closeout.count', {
    id: uuid(), cash: cashCounts(expectedCash), cards,
    items: list.items.map((it) => ({ receiptNumber: it.receiptNumber, tenderNo: it.tenderNo, present: true })),
  });
  expect(v.balanced).toBe(true);
  expect(v.closure).not.toBeNull();
}

/** What the station's close-outs of a day say was taken, by tender (the expected figures each count was checked against). */
export function stationCloseoutTotals(t: TestStation, day: string): Record<string, number> {
  const rows = t.station.st.sqlAll<{ expected: string }>(`SELECT c.expected FROM session_closures x JOIN session_counts c ON c.id = x.count_id
    JOIN drawer_sessions s ON s.id = x.session_id WHERE s.business_day = ? AND s.state = 'closed'`, day);
  const out: Record<string, number> = { cash: 0, check: 0, money_order: 0, card: 0, other: 0 };
  for (const r of rows) {
    const e = JSON.parse(r.expected) as { cashSalesCents: number; checks: { totalCents: number }; moneyOrders: { totalCents: number }; cards: { totalCents: number }; other: { totalCents: number } };
    out.cash! += e.cashSalesCents; out.check! += e.checks.totalCents; out.money_order! += e.moneyOrders.totalCents; out.card! += e.cards.totalCents; out.other! += e.other.totalCents;
  }
  return out;
}
