import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { verifyLedger } from '../../../src/main/station/verify';
import { makeStation, ROUTING, uuid, type TestStation } from '../../helpers/station';

let t: TestStation;
let acct: string;

beforeEach(async () => {
  t = await makeStation();
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
});
afterEach(() => t.cleanup());

describe('posting a receipt', () => {
  it('takes a cash utility payment with change and numbers it', async () => {
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 4321 }], tenders: [{ kind: 'cash', amountCents: 5000 }] });
    expect(r.receiptNumber).toBe('ST01-000001');
    expect(r.totalCents).toBe(4321);
    expect(r.changeCents).toBe(679);
    const s = await t.ok('session.current', {});
    expect(s!.expectedCashCents).toBe(15000 + 4321);
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('is idempotent on the client UUID', async () => {
    const id = uuid();
    const input = { id, lines: [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 1000 }], tenders: [{ kind: 'cash' as const, amountCents: 1000 }] };
    const a = await t.ok('receipt.post', input);
    const b = await t.ok('receipt.post', input);
    expect(b.receiptNumber).toBe(a.receiptNumber);
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) n FROM receipts')!.n).toBe(1);
    const other = await t.call('receipt.post', { ...input, tenders: [{ kind: 'cash', amountCents: 2000 }] });
    expect(other.ok).toBe(false);
  });

  it('computes a tiered business licence fee from the schedule in effect', async () => {
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'BLIC', feeInputs: { quantity: 12 } }], tenders: [{ kind: 'check', amountCents: 15000, routing: ROUTING, account: '123456789', checkNumber: '1001' }] });
    expect(r.totalCents).toBe(15000);
    const old = await t.ok('fees.quote', { revenueCode: 'BLIC', inputs: { quantity: 12 }, asOf: '2025-06-01' });
    expect(old.amountCents).toBe(13500);
  });

  it('refuses a check for more than is due, writing nothing', async () => {
    const r = await t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 1000 }], tenders: [{ kind: 'check', amountCents: 1500, routing: ROUTING, account: '123456789', checkNumber: '77' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('NON_CASH_EXCEEDS_DUE');
      expect(r.error.message).toBe('Check amount exceeds amount due — no cash back on checks.');
      expect(r.error.field).toBe('tenders.0.amountCents');
    }
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) n FROM receipts')!.n).toBe(0);
  });

  it('voids with a supervisor PIN as a reversing record', async () => {
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    const bad = await t.call('receipt.void', { id: uuid(), receiptNumber: r.receiptNumber, reason: 'keyed twice', approval: { userId: 'supervisor', pin: '9999' } });
    expect(bad.ok).toBe(false);
    const v = await t.ok('receipt.void', { id: uuid(), receiptNumber: r.receiptNumber, reason: 'keyed twice', approval: { userId: 'supervisor', pin: '2222' } });
    expect(v.voided?.approvedBy).toBe('supervisor');
    expect((await t.ok('session.current', {}))!.expectedCashCents).toBe(15000);
    expect(() => t.station.st.sqlRun('DELETE FROM receipts')).toThrow(/append-only/);
    expect(verifyLedger(t.station).ok).toBe(true);
  });
});
