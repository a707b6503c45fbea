// Property tests over random days at the counter: openings, payments, voids, paid-in/out, drops,
// no-sales, close-outs (with random miscounts), deposits and returned checks, through the real
// dispatcher on a real SQLite file. After each day: invariants 2–5 hold (verify), the close-out's
// expected cash equals a recomputation from the raw rows done here, and no session is deposited twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USD_DENOMINATIONS, countTotal, type DenominationCounts } from '../../../../src/shared/denominations';
import type { CloseoutView } from '../../../../src/shared/endOfDayViews';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, ROUTING, uuid, type TestStation } from '../../../helpers/station';
import { SUPERVISOR, cloneStation } from './helpers';

const LOOSE = USD_DENOMINATIONS.filter((d) => d.kind !== 'roll');

/** Notes and coins for an amount, largest first (the way a cashier would hand it over). */
function toCounts(cents: number): DenominationCounts {
  const out: DenominationCounts = {};
  let rest = cents;
  for (const d of LOOSE) {
    if (d.key === 'coin_100') continue; // dollar coins are rare: paper $1 instead
    const n = Math.floor(rest / d.valueCents);
    if (n > 0) { out[d.key] = n; rest -= n * d.valueCents; }
  }
  return out;
}

type Op =
  | { k: 'pay'; amount: number; how: 'cash_exact' | 'cash_over' | 'check' | 'check_cash' | 'card' | 'money_order'; extra: number }
  | { k: 'void'; pick: number }
  | { k: 'paidIn'; amount: number }
  | { k: 'paidOut'; amount: number }
  | { k: 'drop'; amount: number; withCounts: boolean }
  | { k: 'noSale' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 60_000 }), how: fc.constantFrom('cash_exact' as const, 'cash_over' as const, 'check' as const, 'check_cash' as const, 'card' as const, 'money_order' as const), extra: fc.integer({ min: 1, max: 9_999 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('void' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('paidIn' as const), amount: fc.integer({ min: 1, max: 5_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('paidOut' as const), amount: fc.integer({ min: 1, max: 5_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('drop' as const), amount: fc.integer({ min: 1, max: 20 }).map((n) => n * 2000), withCounts: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('noSale' as const) }) },
);

const sessionArb = fc.record({
  ops: fc.array(opArb, { maxLength: 14 }),
  /** Miscount of the drawer in cents (0 most of the time). */
  miscount: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -2_000, max: 2_000 }) }),
  missing: fc.array(fc.boolean(), { maxLength: 20 }),
  cardsRight: fc.boolean(),
  reopen: fc.boolean(),
});

const dayArb = fc.record({
  sessions: fc.array(sessionArb, { minLength: 1, maxLength: 3 }),
  /** For each closed session, the deposit it goes to (0 = none yet). */
  depositOf: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
  returns: fc.array(fc.nat(), { maxLength: 3 }),
});

/** Expected cash of a session recomputed here from the raw rows, without the station's code. */
function rawExpectedCash(t: TestStation, sessionId: string): number {
  const st = t.station.st;
  const voided = new Set(st.sqlAll<{ receipt_id: string }>('SELECT receipt_id FROM voids').map((v) => v.receipt_id));
  let cash = st.sqlGet<{ f: number }>('SELECT float_cents AS f FROM drawer_sessions WHERE id = ?', sessionId)!.f;
  for (const r of st.sqlAll<{ id: string; change_cents: number }>('SELECT id, change_cents FROM receipts WHERE session_id = ?', sessionId)) {
    if (voided.has(r.id)) continue;
    for (const tn of st.sqlAll<{ kind: string; amount_cents: number }>('SELECT kind, amount_cents FROM tenders WHERE receipt_id = ?', r.id)) if (tn.kind === 'cash') cash += tn.amount_cents;
    cash -= r.change_cents;
  }
  for (const m of st.sqlAll<{ kind: string; amount_cents: number }>('SELECT kind, amount_cents FROM drawer_movements WHERE session_id = ?', sessionId)) {
    if (m.kind === 'paid_in') cash += m.amount_cents;
    if (m.kind === 'paid_out' || m.kind === 'drop') cash -= m.amount_cents;
  }
  return cash;
}

type Day = typeof dayArb extends fc.Arbitrary<infer T> ? T : never;

async function runDay(template: TestStation, day: Day): Promise<void> {
  const t = await cloneStation(template);
  try {
    const accts = (await t.ok('accounts.search', { query: '1000', limit: 20 })).map((a) => a.accountNumber);
    const closed: string[] = [];
    let checkNo = 100;
    for (const plan of day.sessions) {
      const opened = await t.ok('session.open', { id: uuid(), floatCounts: toCounts(15000) });
      let model = 15000; // expected cash, tracked independently of the station
      const receipts: { number: string; cashNet: number }[] = [];
      for (const op of plan.ops) {
        t.clock.advance(60_000);
        if (op.k === 'pay') {
          const acct = accts[op.amount % accts.length]!;
          const lines = [{ revenueCode: op.amount % 2 ? 'WATER' : 'SEWER', accountNumber: acct, amountCents: op.amount }];
          const ck = (amountCents: number) => ({ kind: 'check' as const, amountCents, routing: ROUTING, account: String(10_000_000 + (checkNo % 7)), checkNumber: String(checkNo++) });
          const part = Math.max(1, Math.floor(op.amount / 2));
          const tenders = op.how === 'cash_exact' ? [{ kind: 'cash' as const, amountCents: op.amount }]
            : op.how === 'cash_over' ? [{ kind: 'cash' as const, amountCents: op.amount + op.extra }]
              : op.how === 'check' ? [ck(op.amount)]
                : op.how === 'check_cash' && op.amount > 1 ? [ck(part), { kind: 'cash' as const, amountCents: op.amount - part + op.extra }]
                  : op.how === 'card' ? [{ kind: 'card' as const, amountCents: op.amount, brand: op.extra % 2 ? 'visa' as const : 'mastercard' as const, last4: '0042', authCode: 'A' + op.extra }]
                    : [{ kind: 'money_order' as const, amountCents: op.amount, reference: 'MO' + op.extra }];
          const r = await t.ok('receipt.post', { id: uuid(), lines, tenders });
          const cashNet = r.tenders.filter((x) => x.kind === 'cash').reduce((a, x) => a + x.amountCents, 0) - r.changeCents;
          model += cashNet;
          receipts.push({ number: r.receiptNumber, cashNet });
        } else if (op.k === 'void' && receipts.length > 0) {
          const [r] = receipts.splice(op.pick % receipts.length, 1);
          await t.ok('receipt.void', { id: uuid(), receiptNumber: r!.number, reason: 'random void', approval: SUPERVISOR });
          model -= r!.cashNet;
        } else if (op.k === 'paidIn') {
          await t.ok('drawer.paidIn', { id: uuid(), amountCents: op.amount, reason: 'change fund' });
          model += op.amount;
        } else if (op.k === 'paidOut' && op.amount <= model) {
          await t.ok('drawer.paidOut', { id: uuid(), amountCents: op.amount, reason: 'refund', approval: SUPERVISOR });
          model -= op.amount;
        } else if (op.k === 'drop' && op.amount <= model) {
          await t.ok('drawer.drop', { id: uuid(), amountCents: op.amount, ...(op.withCounts ? { counts: { bill_2000: op.amount / 2000 } } : {}) });
          model -= op.amount;
        } else if (op.k === 'noSale') {
          await t.ok('drawer.noSale', { id: uuid(), reason: 'customer change' });
        }
      }
      // Blind count: what the cashier finds, with a random miscount and random missing checks.
      const list = await t.ok('closeout.start', {});
      expect((await t.ok('session.current', {}))!.expectedCashCents).toBeNull();
      const counted = Math.max(0, model + plan.miscount);
      const drops = Object.fromEntries(list.drops.filter((d) => !d.counts).map((d) => [d.movementId, { bill_2000: d.amountCents / 2000 }]));
      const x = await t.ok('report.x', {}, 'supervisor');
      const cards = x.expected.cards.byBrand.map((b) => ({ brand: b.brand, amountCents: plan.cardsRight ? b.totalCents : b.totalCents + 100 }));
      const count = (id: string) => t.ok('closeout.count', {
        id, cash: toCounts(counted), drops, cards,
        items: list.items.map((it, i) => ({ receiptNumber: it.receiptNumber, tenderNo: it.tenderNo, present: !plan.missing[i] })),
      });
      let v: CloseoutView = await count(uuid());
      expect(v.expected.cashCents).toBe(model);
      expect(v.expected.cashCents).toBe(rawExpectedCash(t, opened.id));
      expect(v.count.lines[0]!.overShortCents).toBe(counted - model);
      if (plan.reopen) {
        await t.ok('closeout.reopen', { id: uuid(), sessionId: opened.id, reason: 'random recount' }, 'supervisor');
        v = await count(uuid());
        expect(v.history).toHaveLength(1);
        expect(v.expected.cashCents).toBe(rawExpectedCash(t, opened.id));
      }
      if (v.needsApproval) v = await t.ok('closeout.approve', { id: uuid(), sessionId: opened.id, reason: 'random over/short', approval: SUPERVISOR });
      expect(v.session.state).toBe('closed');
      expect(v.count.withinTolerance || v.closure?.approvedBy?.id === 'supervisor').toBe(true);
      closed.push(opened.id);
    }

    // Deposits: closed sessions grouped as the plan says; a session already deposited is refused.
    const groups = new Map<number, string[]>();
    closed.forEach((s, i) => { const g = day.depositOf[i] ?? 0; if (g > 0) groups.set(g, [...(groups.get(g) ?? []), s]); });
    for (const sessions of groups.values()) {
      // The float is exact whenever the pieces allow it; otherwise the supervisor accepts the difference shown.
      const p = await t.ok('deposit.propose', { sessionIds: sessions }, 'supervisor');
      if (p.float!.exactPossible) expect(p.float!.differenceCents).toBe(0);
      const accept = p.float!.differenceCents ? { acceptFloatDifferenceCents: p.float!.differenceCents } : {};
      const d = await t.ok('deposit.create', { id: uuid(), sessionIds: sessions, ...accept }, 'supervisor');
      expect(d.float!.acceptedBy?.id ?? null).toBe(p.float!.differenceCents ? 'supervisor' : null);
      const counts = await Promise.all(sessions.map((s) => t.ok('closeout.get', { sessionId: s })));
      const available = counts.reduce((a, c) => a + c.count.cash.totalCents + c.count.drops.reduce((b, dr) => b + dr.counted.totalCents, 0), 0);
      expect(d.cash.available.totalCents).toBe(available);
      expect(d.cash.deposited.totalCents).toBe(available - countTotal(d.cash.floatKept.counts));
      expect(d.totalCents).toBe(d.cash.deposited.totalCents + d.checks.totalCents + d.moneyOrders.totalCents);
      const again = await t.call('deposit.create', { id: uuid(), sessionIds: [sessions[0]!] }, 'supervisor');
      expect(!again.ok && again.error.code).toBe('DEPOSIT_SESSION_TAKEN');
    }
    const perSession = t.station.st.sqlAll<{ n: number }>('SELECT COUNT(*) AS n FROM deposit_sessions GROUP BY session_id');
    expect(perSession.every((r) => r.n === 1)).toBe(true);

    // Returned checks, after the close-outs.
    const checks = await t.ok('returnedCheck.find', { routing: ROUTING, limit: 200 }, 'supervisor');
    const live = checks.filter((c) => !c.voided);
    for (const pick of day.returns) {
      if (live.length === 0) break;
      const [c] = live.splice(pick % live.length, 1);
      const rv = await t.ok('returnedCheck.record', { id: uuid(), receiptNumber: c!.receiptNumber, tenderNo: c!.tenderNo, reason: 'nsf' }, 'supervisor');
      expect(rv.reversals.reduce((a, r) => a + r.amountCents, 0)).toBe(c!.amountCents);
    }

    // The daily summary equals the sum of the day's close-outs.
    const summary = await t.ok('report.dailySummary', { businessDay: '2026-11-20' }, 'supervisor');
    const zs = await Promise.all(closed.map((s) => t.ok('report.z', { sessionId: s })));
    expect(summary.collections.totalCents).toBe(zs.reduce((a, z) => a + z.receipts.totalCents, 0));
    expect(summary.collections.byTender.reduce((a, x) => a + x.netCents, 0)).toBe(summary.collections.totalCents);
    for (const kind of ['cash', 'check', 'money_order', 'card', 'other'] as const) {
      expect(summary.collections.byTender.find((x) => x.kind === kind)!.netCents).toBe(zs.reduce((a, z) => a + z.byTender.find((x) => x.kind === kind)!.netCents, 0));
    }
    expect(summary.closeouts.overShortCents).toBe(zs.reduce((a, z) => a + z.closeout.count.overShortCents, 0));

    const report = verifyLedger(t.station);
    expect(report.summary).toMatch(/^OK/);
  } finally {
    t.cleanup();
  }
}

describe('random days at the counter', () => {
  it('keep invariants 2–5, expected cash equal to the raw rows, and no session deposited twice', async () => {
    const template = await makeStation({ accounts: 20 });
    try {
      await fc.assert(fc.asyncProperty(dayArb, (day) => runDay(template, day)), { numRuns: 25 });
    } finally {
      template.cleanup();
    }
  });
});
