// Property tests of the schedule arithmetic: random amounts, down payments, counts, frequencies and
// start dates (month ends and leap days among them). The sums are exact, no instalment is negative or
// zero, the due dates strictly increase (monthly ones on the anchor day, clamped), and the policy's
// limits are flagged exactly when the draft goes beyond them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonthsAnchored, daysBetween, daysInMonth, dayOfMonth, isCalendarDate } from '../../../../src/shared/calendar';
import { allocate, FREQUENCIES, paidByInstalment } from '../../../../src/shared/arrangements';
import { dueDate, equalAmounts, makeSchedule } from '../../../../src/main/station/arrangements/schedule';
import { DEFAULT_POLICY, latestLastDue, limitsExceeded, minDownPayment } from '../../../../src/main/station/arrangements/policy';
import { StationError } from '../../../../src/shared/errors';

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Any date from 2020 to 2040, with month ends (28–31) and 29 February drawn often. */
const dateArb = fc.tuple(fc.integer({ min: 2020, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(28, 29, 30, 31)))
  .map(([y, m, d]) => iso(y, m, Math.min(d, daysInMonth(y, m))));

const draftArb = fc.record({
  totalCents: fc.oneof(fc.integer({ min: 2, max: 1_000_000_000 }), fc.integer({ min: 2, max: 5000 })),
  downShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
  instalmentCount: fc.integer({ min: 1, max: 60 }),
  frequency: fc.constantFrom(...FREQUENCIES),
  firstDue: dateArb,
  daysAhead: fc.integer({ min: 1, max: 90 }),
}).map((r) => {
  // The share only picks a test case; the amounts themselves are whole cents.
  const downPaymentCents = Math.floor(r.totalCents * r.downShare) % r.totalCents;
  const rest = r.totalCents - downPaymentCents;
  return { ...r, downPaymentCents, instalmentCount: Math.min(r.instalmentCount, rest), today: addDays(r.firstDue, -r.daysAhead) };
});

describe('schedule arithmetic (property)', () => {
  it('adds up exactly, never below a cent, the last taking the remainder, dates strictly increasing', () => {
    fc.assert(fc.property(draftArb, (d) => {
      const s = makeSchedule(d, d.today);
      expect(s.reduce((sum, x) => sum + x.amountCents, 0)).toBe(d.totalCents);
      expect(s.every((x) => Number.isSafeInteger(x.amountCents) && x.amountCents > 0)).toBe(true);
      const inst = s.filter((x) => x.no > 0);
      expect(inst).toHaveLength(d.instalmentCount);
      expect(inst.map((x) => x.no)).toEqual(inst.map((_, i) => i + 1));
      // Equal instalments but the last, which takes the remainder (never less, and less than one cent per instalment more).
      const each = inst[0]!.amountCents;
      expect(inst.slice(0, -1).every((x) => x.amountCents === each)).toBe(true);
      const last = inst[inst.length - 1]!.amountCents;
      expect(last).toBeGreaterThanOrEqual(each);
      expect(last - each).toBeLessThan(d.instalmentCount);
      if (d.downPaymentCents > 0) expect(s[0]).toEqual({ no: 0, dueDate: d.today, amountCents: d.downPaymentCents });
      for (let i = 1; i < s.length; i++) expect(s[i]!.dueDate > s[i - 1]!.dueDate).toBe(true);
      expect(s.every((x) => isCalendarDate(x.dueDate))).toBe(true);
      expect(inst[0]!.dueDate).toBe(d.firstDue);
    }), { numRuns: 1000 });
  });

  it('spaces due dates by the frequency: 7 or 14 days, or the anchor day of each month clamped to its length', () => {
    fc.assert(fc.property(dateArb, fc.constantFrom(...FREQUENCIES), fc.integer({ min: 2, max: 60 }), (first, f, n) => {
      const anchor = dayOfMonth(first);
      for (let k = 1; k < n; k++) {
        const prev = dueDate(first, f, k - 1), cur = dueDate(first, f, k);
        if (f === 'weekly') expect(daysBetween(prev, cur)).toBe(7);
        else if (f === 'biweekly') expect(daysBetween(prev, cur)).toBe(14);
        else {
          const [y, m] = cur.split('-').map(Number) as [number, number];
          expect(dayOfMonth(cur)).toBe(Math.min(anchor, daysInMonth(y, m)));
          expect(daysBetween(prev, cur)).toBeGreaterThanOrEqual(28);
          expect(daysBetween(prev, cur)).toBeLessThanOrEqual(31);
        }
      }
    }), { numRuns: 1000 });
  });

  it('keeps month ends sensible: Jan 31 → Feb 28 or 29 → Mar 31 → Apr 30', () => {
    expect([0, 1, 2, 3].map((k) => dueDate('2026-01-31', 'monthly', k))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect([0, 1, 2, 3].map((k) => dueDate('2028-01-31', 'monthly', k))).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
    expect([0, 12, 48].map((k) => dueDate('2024-02-29', 'monthly', k))).toEqual(['2024-02-29', '2025-02-28', '2028-02-29']);
    expect(addMonthsAnchored('2026-12-31', 2, 31)).toBe('2027-02-28');
    expect(dueDate('2026-12-28', 'weekly', 1)).toBe('2027-01-04');
    expect(dueDate('2028-02-22', 'biweekly', 1)).toBe('2028-03-07');
  });

  it('flags exactly the limits the draft goes beyond, and the minimum down payment is the rounded percentage within the floor and the amount', () => {
    fc.assert(fc.property(draftArb, fc.integer({ min: 1, max: 60 }), fc.constantFrom('0', '10', '12.5', '33.33', '100'), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 7, max: 1096 }),
      (d, maxInstalments, pct, floor, maxSpanDays) => {
        const policy = { ...DEFAULT_POLICY, maxInstalments, minDownPaymentPercent: pct, minDownPaymentFloorCents: floor, maxSpanDays };
        const s = makeSchedule(d, d.today);
        const lastDue = s[s.length - 1]!.dueDate;
        const min = minDownPayment(policy, d.totalCents);
        expect(min).toBeLessThanOrEqual(d.totalCents);
        expect(min).toBeGreaterThanOrEqual(Math.min(floor, d.totalCents));
        // Half-up to the cent, in integers: total × pct / 100 with pct in hundredths.
        const [w, f = ''] = pct.split('.');
        const hundredths = Number(w) * 100 + Number(f.padEnd(2, '0'));
        const exact = BigInt(d.totalCents) * BigInt(hundredths);
        const share = Number((exact + 5000n) / 10000n);
        expect(min).toBe(Math.min(d.totalCents, Math.max(share, floor)));
        const flags = limitsExceeded(policy, { status: 'delinquent', instalmentCount: d.instalmentCount, downPaymentCents: d.downPaymentCents, totalCents: d.totalCents, lastDue, today: d.today, lastBreak: null })
          .map((x) => x.limit).sort();
        const expected = [
          ...(d.downPaymentCents < min ? ['downPayment'] : []),
          ...(d.instalmentCount > maxInstalments ? ['instalments'] : []),
          ...(lastDue > latestLastDue(policy, d.today) ? ['span'] : []),
        ].sort();
        expect(flags).toEqual(expected);
      }), { numRuns: 1000 });
  });

  it('refuses a first due date that is not after today, a count that would make instalments under a cent, amounts that do not add up', () => {
    const base = { totalCents: 10000, downPaymentCents: 1000, instalmentCount: 3, frequency: 'monthly' as const, firstDue: '2026-12-01' };
    const code = (f: () => unknown) => { try { f(); return null; } catch (e) { return e instanceof StationError ? [e.code, e.field] : String(e); } };
    expect(code(() => makeSchedule(base, '2026-12-01'))).toEqual(['ARRANGEMENT_FIRST_DUE_PAST', 'firstDue']);
    expect(code(() => makeSchedule(base, '2026-12-05'))).toEqual(['ARRANGEMENT_FIRST_DUE_PAST', 'firstDue']);
    expect(code(() => makeSchedule({ ...base, totalCents: 1003, instalmentCount: 4 }, '2026-11-20'))).toEqual(['ARRANGEMENT_INSTALMENT_TOO_SMALL', 'instalmentCount']);
    expect(code(() => makeSchedule({ ...base, amounts: [3000, 3000, 2999] }, '2026-11-20'))).toEqual(['INSTALMENTS_DONT_ADD_UP', 'amounts']);
    expect(code(() => makeSchedule({ ...base, amounts: [4500, 4500] }, '2026-11-20'))).toEqual(['ARRANGEMENT_AMOUNTS_COUNT', 'amounts']);
    expect(code(() => makeSchedule({ ...base, downPaymentCents: 10000 }, '2026-11-20'))).toEqual(['ARRANGEMENT_DOWN_TOO_LARGE', 'downPaymentCents']);
    expect(makeSchedule({ ...base, amounts: [5000, 2000, 2000] }, '2026-11-20').map((x) => x.amountCents)).toEqual([1000, 5000, 2000, 2000]);
    expect(equalAmounts(10000, 3)).toEqual([3333, 3333, 3334]);
  });
});

describe('payments meeting instalments (property)', () => {
  const planArb = fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 24 });
  const paymentsArb = fc.array(fc.integer({ min: -20_000, max: 60_000 }).filter((n) => n !== 0), { maxLength: 30 });

  it('fills instalments oldest first, never past what is due, and each payment’s shares add up to what the plan took of it', () => {
    fc.assert(fc.property(planArb, paymentsArb, (amounts, payments) => {
      const inst = amounts.map((a, i) => ({ no: i, amountCents: a }));
      const total = amounts.reduce((s, a) => s + a, 0);
      const res = allocate(inst, payments.map((p) => ({ amountCents: p })));
      const paid = amounts.map(() => 0);
      let raw = 0;
      res.forEach((r, i) => {
        raw += payments[i]!;
        for (const s of r.shares) paid[s.no] = paid[s.no]! + s.amountCents;
        expect(r.shares.reduce((s, x) => s + x.amountCents, 0) + r.unappliedCents).toBe(payments[i]);
        expect(paid.every((p, k) => p >= 0 && p <= amounts[k]!)).toBe(true);
        // Oldest first: the paid amounts are what a running total (clamped) fills from the front.
        expect(paid).toEqual(paidByInstalment(amounts, Math.min(total, Math.max(0, raw))));
      });
    }), { numRuns: 1000 });
  });
});
