// Cash rounding to 5¢ (issue 15): a setting, off by default. When on, the part of a receipt paid in cash
// is rounded to the nearest 5¢ at the tender; card, check and money order are never rounded. The rounding
// is its own line (on the receipt, the reports and the hub's GL on its own account); lines and totals stay
// what was charged, and every invariant holds with tenders − change = total + rounding.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cashRoundingFor, roundCash } from '../../../src/shared/cashRounding';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { verifyLedger } from '../../../src/main/station/verify';
import { receiptForm } from '../../../src/hardware/forms/receipt';
import { slipLines } from '../../../src/hardware/forms/plainText';
import { ctxFor } from '../../hardware/fixtures';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { cash, check, expectRefused, pay } from './endOfDay/helpers';

describe('the rounding rule (property)', () => {
  it('rounds to the nearest 5¢, at most 2¢ either way, and leaves a multiple of 5 alone', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (c) => {
      const r = roundCash(c, 'nearest_5');
      expect(r % 5).toBe(0);
      expect(Math.abs(r - c)).toBeLessThanOrEqual(2);
      // Nearest: no other multiple of 5 is closer.
      expect(Math.abs(r - c)).toBeLessThanOrEqual(Math.abs(r + (r >= c ? -5 : 5) - c));
      expect(roundCash(r, 'nearest_5')).toBe(r);
      expect(roundCash(c, 'none')).toBe(c);
      expect(r - c).toBe([0, -1, -2, 2, 1][c % 5]);
    }), { numRuns: 2000 });
  });

  it('rounds only what the cash pays: card, check and money order never', () => {
    const kinds = fc.constantFrom('check', 'money_order', 'card', 'other');
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.record({ kind: kinds, share: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 3 }), fc.boolean(), (total, others, withCash) => {
      let left = total;
      const tenders: { kind: string; amountCents: number }[] = others.map((o) => { const a = Math.min(left, o.share); left -= a; return { kind: o.kind, amountCents: a }; }).filter((t) => t.amountCents > 0);
      if (withCash) tenders.push({ kind: 'cash', amountCents: left + 100 });
      const rounding = cashRoundingFor(total, tenders, 'nearest_5');
      if (!withCash || left === 0) expect(rounding).toBe(0);
      else expect(rounding).toBe(roundCash(left, 'nearest_5') - left);
      expect(cashRoundingFor(total, tenders, 'none')).toBe(0);
    }), { numRuns: 1000 });
  });
});

let t: TestStation;
beforeEach(async () => { t = await makeStation(); });
afterEach(() => t.cleanup());

describe('cash rounding at the station', () => {
  it('is off by default: a cash payment of $10.02 gives change to the cent', async () => {
    expect((await t.ok('settings.get', {})).cashRounding).toBe('none');
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const r = await pay(t, [{ revenueCode: 'MISC', amountCents: 1002 }], [cash(2000)]);
    expect(r.changeCents).toBe(998);
    expect(r.cashRoundingCents).toBeUndefined();
  });

  it('rounds the cash part to 5¢ when on, as its own line, and the books still balance', async () => {
    await t.ok('settings.update', { cashRounding: 'nearest_5' }, 'admin');
    const s = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const misc = (c: number) => [{ revenueCode: 'MISC', amountCents: c }];
    // $10.02 in cash: $10.00 due, 2¢ rounded off; a $20 note gives $10.00 change.
    const a = await pay(t, misc(1002), [cash(2000)]);
    expect(a).toMatchObject({ totalCents: 1002, cashRoundingCents: -2, tenderedCents: 2000, changeCents: 1000 });
    // $10.03 in cash: $10.05 due, 2¢ rounded on.
    const b = await pay(t, misc(1003), [cash(1005)]);
    expect(b).toMatchObject({ totalCents: 1003, cashRoundingCents: 2, changeCents: 0 });
    // $10.02 with a $5.00 check: the $5.02 left for cash rounds to $5.00.
    const c = await pay(t, misc(1002), [check(500, '9001'), cash(1000)]);
    expect(c).toMatchObject({ cashRoundingCents: -2, changeCents: 500 });
    // A card is never rounded, nor a check that pays it all.
    const d = await pay(t, misc(1002), [{ kind: 'card', amountCents: 1002, brand: 'visa', last4: '4242', authCode: 'A1' }]);
    expect(d.cashRoundingCents).toBeUndefined();
    const e = await pay(t, misc(1004), [check(1004, '9002')]);
    expect(e.cashRoundingCents).toBeUndefined();
    // $10.03 needs $10.05 in cash: $10.04 is short by a cent.
    await expectRefused(t, 'TENDER_SHORT', () => t.call('receipt.post', { id: uuid(), lines: misc(1003), tenders: [cash(1004)] }));

    // The drawer holds what was handed over: $150 + $10.00 + $10.05 + $5.00 = $175.05.
    expect((await t.ok('session.current', {}, 'supervisor'))!.expectedCashCents).toBe(17505);
    const x = await t.ok('report.x', { sessionId: s.id }, 'supervisor');
    expect(x.receipts.totalCents).toBe(1002 + 1003 + 1002 + 1002 + 1004);
    expect(x.cashRounding).toEqual({ count: 3, totalCents: -2 });
    const net = x.byTender.reduce((sum, k) => sum + k.netCents, 0);
    expect(net).toBe(x.receipts.totalCents + x.cashRounding.totalCents);
    const summary = await t.ok('report.dailySummary', { businessDay: s.businessDay }, 'supervisor');
    expect(summary.collections.cashRounding).toEqual({ count: 3, totalCents: -2 });
    const csv = (await t.ok('export.dailySummary', { businessDay: s.businessDay }, 'supervisor')).content;
    expect(csv).toContain(`${s.businessDay},cash_rounding,,cash rounded to 5 cents,,3,-0.02\r\n`);
    expect(verifyLedger(t.station)).toMatchObject({ ok: true });

    // The receipt prints the rounding as its own line, in English and in Spanish.
    const en = slipLines(receiptForm(ctxFor('en', 48), { receipt: a, balances: [], duplicate: false })).join('\n');
    expect(en).toMatch(/Cash rounding to 0\.05 +-\$0\.02/);
    expect(en).toMatch(/TOTAL IN CASH +\$10\.00/);
    const es = slipLines(receiptForm(ctxFor('es', 48), { receipt: b, balances: [], duplicate: false })).join('\n');
    expect(es).toMatch(/Redondeo del efectivo a 0\.05 +\+\$0\.02/);

    // A rounding changed behind the station's back is found.
    t.station.db.sqlite.exec('DROP TRIGGER receipts_no_update');
    t.station.db.sqlite.prepare('UPDATE receipts SET cash_rounding_cents = 0, change_cents = change_cents - 2 WHERE id = ?').run(a.id);
    expect(verifyLedger(t.station).finding?.invariant).toMatch(/^(1|8) /);
  });
});
