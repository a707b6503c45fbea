// Property tests over random sequences of ledger operations: DOMAIN.md invariants 1, 6, 7 and 8.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { canonicalJson } from '../../../src/shared/canonical';
import { verifyLedger } from '../../../src/main/station/verify';
import type { InputOf } from '../../../src/shared/api';
import { makeStation, ROUTING, uuid, type TestStation } from '../../helpers/station';

const amount = fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(1, 99, 100, 12_345));
const lineArb = fc.oneof(
  fc.record({ revenueCode: fc.constantFrom('WATER', 'SEWER', 'GARB', 'LID'), amountCents: amount, account: fc.nat(20) }),
  fc.record({ revenueCode: fc.constant('MISC'), amountCents: amount }),
  fc.record({ revenueCode: fc.constant('BLIC'), quantity: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ revenueCode: fc.constant('BPRM'), quantity: fc.integer({ min: 1, max: 5000 }) }),
);
const tenderArb = fc.oneof(
  fc.record({ kind: fc.constant('cash' as const), share: fc.integer({ min: 0, max: 150 }) }),
  fc.record({ kind: fc.constant('check' as const), share: fc.integer({ min: 0, max: 110 }) }),
  fc.record({ kind: fc.constant('card' as const), share: fc.integer({ min: 0, max: 110 }) }),
  fc.record({ kind: fc.constant('money_order' as const), share: fc.integer({ min: 0, max: 110 }) }),
);
const opArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('post' as const), lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }), tenders: fc.array(tenderArb, { minLength: 1, maxLength: 3 }), settle: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 10_000 }) }, { weight: 1, arbitrary: fc.constant(null) }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replay' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('paidIn' as const, 'paidOut' as const, 'drop' as const), amountCents: fc.integer({ min: 1, max: 40_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('noSale' as const, 'reprint' as const), pick: fc.nat() }) },
);

/**
 * Tenders as shares (percent) of the total: some cover it, some fall short, some overpay in cash.
 * Each check has a number of its own (`firstCheck` on): the same check twice is a duplicate presentment,
 * refused by its own tests (duplicateChecks), not a ledger property.
 */
function tendersFor(total: number, specs: { kind: 'cash' | 'check' | 'card' | 'money_order'; share: number }[], settle: number | null, firstCheck: number): InputOf<'receipt.post'>['tenders'] {
  const tenders = specs.map((s, i): InputOf<'receipt.post'>['tenders'][number] => {
    const amountCents = Math.max(1, Math.floor((total * s.share) / 100) + (i === 0 ? 1 : 0));
    switch (s.kind) {
      case 'cash': return { kind: 'cash', amountCents };
      case 'check': return { kind: 'check', amountCents, routing: ROUTING, account: '987654321', checkNumber: String(firstCheck + i) };
      case 'card': return { kind: 'card', amountCents, brand: 'visa', last4: '4242', authCode: 'AUTH' + i };
      case 'money_order': return { kind: 'money_order', amountCents, reference: 'MO' + i };
    }
  });
  // Most customers settle the rest in cash, with `settle` cents over for change.
  const given = tenders.reduce((s, x) => s + x.amountCents, 0);
  if (settle !== null && given < total) tenders.push({ kind: 'cash', amountCents: total - given + settle });
  return tenders;
}

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

async function runDay(t: TestStation, ops: Op[], accounts: string[]): Promise<void> {
  const posted: { input: InputOf<'receipt.post'>; number: string }[] = [];
  const approval = { userId: 'supervisor', pin: '2222' };
  let checkNumber = 1000;
  for (const o of ops) {
    switch (o.op) {
      case 'post': {
        const lines = o.lines.map((l) => 'quantity' in l
          ? { revenueCode: l.revenueCode, feeInputs: { quantity: l.quantity } }
          : { revenueCode: l.revenueCode, amountCents: l.amountCents, ...('account' in l ? { accountNumber: accounts[l.account % accounts.length]! } : {}) });
        let total = 0;
        for (const l of lines) {
          total += 'amountCents' in l ? l.amountCents : (await t.ok('fees.quote', { revenueCode: l.revenueCode, inputs: l.feeInputs })).amountCents;
        }
        const input = { id: uuid(), lines, tenders: tendersFor(total, o.tenders, o.settle, checkNumber) };
        checkNumber += o.tenders.length;
        const r = await t.call('receipt.post', input);
        if (r.ok) posted.push({ input, number: r.value.receiptNumber });
        else expect(['TENDER_SHORT', 'NON_CASH_EXCEEDS_DUE', 'INVALID_INPUT']).toContain(r.error.code);
        break;
      }
      case 'replay': {
        const p = posted[o.pick % Math.max(1, posted.length)];
        if (p) expect((await t.ok('receipt.post', p.input)).receiptNumber).toBe(p.number);
        break;
      }
      case 'void': {
        const p = posted[o.pick % Math.max(1, posted.length)];
        if (p) {
          const r = await t.call('receipt.void', { id: uuid(), receiptNumber: p.number, reason: 'property test', approval });
          if (!r.ok) expect(r.error.code).toBe('RECEIPT_ALREADY_VOID');
        }
        break;
      }
      case 'paidIn': await t.ok('drawer.paidIn', { id: uuid(), amountCents: o.amountCents, reason: 'change fund' }); break;
      case 'paidOut': case 'drop': {
        const r = o.op === 'drop' ? await t.call('drawer.drop', { id: uuid(), amountCents: o.amountCents })
          : await t.call('drawer.paidOut', { id: uuid(), amountCents: o.amountCents, reason: 'deposit refund', approval });
        if (!r.ok) expect(r.error.code).toBe('INSUFFICIENT_CASH');
        break;
      }
      case 'noSale': await t.ok('drawer.noSale', { id: uuid(), reason: 'make change' }); break;
      case 'reprint': {
        const p = posted[o.pick % Math.max(1, posted.length)];
        if (p) expect((await t.ok('receipt.reprint', { id: uuid(), receiptNumber: p.number })).duplicate).toBe(true);
        break;
      }
    }
  }
}

/** Invariants 1, 6 and 7 recomputed from the raw rows, independently of `verify`. */
function checkInvariants(t: TestStation): void {
  const st = t.station.st;
  const receipts = st.sqlAll<{ id: string; seq: number; receipt_number: string; total_cents: number; tendered_cents: number; change_cents: number }>('SELECT * FROM receipts ORDER BY seq');
  receipts.forEach((r, i) => {
    expect(r.seq).toBe(i + 1); // 6: no gaps, no repeats
    expect(r.receipt_number).toBe(`ST01-${String(i + 1).padStart(6, '0')}`);
    const lines = st.sqlAll<{ amount_cents: number }>('SELECT amount_cents FROM receipt_lines WHERE receipt_id = ?', r.id);
    const tenders = st.sqlAll<{ kind: string; amount_cents: number }>('SELECT kind, amount_cents FROM tenders WHERE receipt_id = ?', r.id);
    const all = [r.total_cents, r.change_cents, ...lines.map((l) => l.amount_cents), ...tenders.map((x) => x.amount_cents)];
    expect(all.every(Number.isSafeInteger)).toBe(true); // 1: whole cents
    expect(lines.reduce((s, l) => s + l.amount_cents, 0)).toBe(r.total_cents);
    expect(tenders.reduce((s, x) => s + x.amount_cents, 0) - r.change_cents).toBe(r.total_cents);
    expect(r.change_cents).toBeLessThanOrEqual(tenders.filter((x) => x.kind === 'cash').reduce((s, x) => s + x.amount_cents, 0));
  });
  let prev = '0'.repeat(64);
  for (const j of st.sqlAll<{ seq: number; at: string; kind: string; ref: string; payload: string; prev_hash: string; hash: string }>('SELECT * FROM journal ORDER BY seq')) {
    expect(j.prev_hash).toBe(prev); // 7: the chain links
    const body = canonicalJson({ seq: j.seq, at: j.at, kind: j.kind, ref: j.ref, payload: JSON.parse(j.payload) });
    expect(createHash('sha256').update(prev).update(body).digest('hex')).toBe(j.hash);
    prev = j.hash;
  }
  expect(verifyLedger(t.station).ok).toBe(true);
}

const FINANCIAL = ['receipts', 'receipt_lines', 'tenders', 'voids', 'drawer_movements', 'reprints', 'journal'];

describe('ledger invariants over random counter days', () => {
  it('hold after any sequence of postings, replays, voids, movements and reprints (1, 6, 7)', async () => {
    let posted = 0, voided = 0;
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40, size: 'medium' }), async (ops) => {
      const t = await makeStation({ accounts: 30 });
      try {
        await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
        const accounts = (await t.ok('accounts.search', { query: '1000', limit: 21 })).map((a) => a.accountNumber);
        await runDay(t, ops, accounts);
        checkInvariants(t);
        posted += t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM receipts')!.n;
        voided += t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM voids')!.n;
      } finally { t.cleanup(); }
    }), { numRuns: 25 });
    // The generated days really exercise the ledger, not just its refusals.
    expect(posted).toBeGreaterThan(50);
    expect(voided).toBeGreaterThan(3);
  }, 180_000); // 25 counter days, each on its own station: over 30 s on a loaded 2-core machine, on main too

  it('refuse any UPDATE or DELETE of a financial row, leaving it as it was (8)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 20 }), fc.constantFrom(...FINANCIAL), fc.boolean(), async (ops, table, del) => {
      const t = await makeStation({ accounts: 30 });
      try {
        await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
        await runDay(t, ops, (await t.ok('accounts.search', { query: '1000', limit: 5 })).map((a) => a.accountNumber));
        const before = t.station.st.sqlAll(`SELECT * FROM ${table}`);
        const col = table === 'journal' ? 'payload' : table === 'receipts' ? 'total_cents' : table === 'voids' ? 'reason' : table === 'reprints' ? 'created_at' : table === 'drawer_movements' ? 'amount_cents' : 'amount_cents';
        const attempt = () => t.station.st.sqlite.exec(del ? `DELETE FROM ${table}` : `UPDATE ${table} SET ${col} = ${col}`);
        if (before.length > 0) expect(attempt).toThrow(/append-only/);
        expect(t.station.st.sqlAll(`SELECT * FROM ${table}`)).toEqual(before);
      } finally { t.cleanup(); }
    }), { numRuns: 15 });
  });

  it('verify names the first row changed behind the app’s back (7, 8)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 15 }), fc.nat(), fc.constantFrom('journal', 'receipt'), async (ops, pick, what) => {
      const t = await makeStation({ accounts: 30 });
      try {
        await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
        await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 700 }], tenders: [{ kind: 'cash', amountCents: 1000 }] });
        await runDay(t, ops, (await t.ok('accounts.search', { query: '1000', limit: 5 })).map((a) => a.accountNumber));
        const db = t.station.st.sqlite;
        if (what === 'journal') {
          const rows = db.prepare('SELECT seq FROM journal ORDER BY seq').all() as { seq: number }[];
          const seq = rows[pick % rows.length]!.seq;
          db.exec('DROP TRIGGER journal_no_update');
          db.prepare(`UPDATE journal SET payload = json_set(payload, '$.tampered', 1) WHERE seq = ?`).run(seq);
          db.exec("CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only: write a correcting row'); END");
          const report = verifyLedger(t.station);
          expect(report.ok).toBe(false);
          expect(report.finding!.row).toContain(`journal seq ${seq} `);
          expect(report.finding!.invariant).toMatch(/^7/);
        } else {
          const rows = db.prepare('SELECT id, receipt_number FROM receipts ORDER BY seq').all() as { id: string; receipt_number: string }[];
          const r = rows[pick % rows.length]!;
          db.exec('DROP TRIGGER receipt_lines_no_update');
          db.prepare('UPDATE receipt_lines SET amount_cents = amount_cents + 1 WHERE receipt_id = ? AND line_no = 1').run(r.id);
          db.exec("CREATE TRIGGER receipt_lines_no_update BEFORE UPDATE ON receipt_lines BEGIN SELECT RAISE(ABORT, 'receipt_lines is append-only: write a correcting row'); END");
          const report = verifyLedger(t.station);
          expect(report.ok).toBe(false);
          expect(report.summary).toContain(r.receipt_number);
        }
      } finally { t.cleanup(); }
    }), { numRuns: 15 });
  });
});
