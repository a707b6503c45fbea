// Bad input: each case is a clear typed error, and nothing financial is written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { makeStation, ROUTING, uuid, type TestStation } from '../../helpers/station';
import type { InputOf } from '../../../src/shared/api';

let t: TestStation;
let acct: string;

const FINANCIAL = ['receipts', 'receipt_lines', 'tenders', 'voids', 'drawer_movements', 'outbox', 'drawer_sessions'];
function counts(): Record<string, number> {
  return Object.fromEntries(FINANCIAL.map((tb) => [tb, t.station.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM ${tb}`)!.n]));
}

beforeEach(async () => {
  t = await makeStation();
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  acct = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
});
afterEach(() => t.cleanup());

const water = (amountCents: number) => ({ revenueCode: 'WATER', accountNumber: acct, amountCents });

async function refused(input: unknown, code: string, field?: string, as: 'cashier' | 'supervisor' = 'cashier') {
  const before = counts();
  const r = await t.call('receipt.post', input as InputOf<'receipt.post'>, as);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  if (field) expect(r.error.field).toBe(field);
  expect(r.error.message).not.toMatch(/at .*\.ts|Error:/); // words, never a stack trace
  expect(counts()).toEqual(before);
  return r.error;
}

describe('a receipt with bad input is refused and nothing is written', () => {
  it('fractions of a cent', async () => {
    const e = await refused({ id: uuid(), lines: [water(1000.5)], tenders: [{ kind: 'cash', amountCents: 2000 }] }, 'INVALID_INPUT', 'lines.0.amountCents');
    expect(e!.message).toMatch(/no fractions of a cent/);
  });
  it('negative amounts', async () => {
    await refused({ id: uuid(), lines: [water(-500)], tenders: [{ kind: 'cash', amountCents: 2000 }] }, 'INVALID_INPUT', 'lines.0.amountCents');
    await refused({ id: uuid(), lines: [water(500)], tenders: [{ kind: 'cash', amountCents: -2000 }] }, 'INVALID_INPUT', 'tenders.0.amountCents');
  });
  it('absurd amounts', async () => {
    await refused({ id: uuid(), lines: [water(1e12)], tenders: [{ kind: 'cash', amountCents: 1e12 }] }, 'INVALID_INPUT', 'lines.0.amountCents');
    await refused({ id: uuid(), lines: [water(Number.NaN)], tenders: [{ kind: 'cash', amountCents: 100 }] }, 'INVALID_INPUT');
    await refused({ id: uuid(), lines: [water(900_000_000), water(900_000_000)], tenders: [{ kind: 'cash', amountCents: 1_000_000_000 }] }, 'TOO_LARGE');
  });
  it('amounts as strings or dollars-with-decimals are not cents', async () => {
    await refused({ id: uuid(), lines: [{ ...water(0), amountCents: '12.50' }], tenders: [{ kind: 'cash', amountCents: 2000 }] }, 'INVALID_INPUT', 'lines.0.amountCents');
  });
  it('unknown revenue code', async () => {
    await refused({ id: uuid(), lines: [{ revenueCode: 'NOPE', amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] }, 'UNKNOWN_REVENUE_CODE', 'lines.0.revenueCode');
  });
  it('unknown account, and a utility payment without one', async () => {
    await refused({ id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: '999999-99', amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] }, 'UNKNOWN_ACCOUNT', 'lines.0.accountNumber');
    await refused({ id: uuid(), lines: [{ revenueCode: 'WATER', amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] }, 'ACCOUNT_REQUIRED', 'lines.0.accountNumber');
  });
  it('a check from a cash-only payer', async () => {
    t.station.commit(() => t.station.st.sqlRun("INSERT INTO cash_only_flags(id, account_number, until, reason, created_at) VALUES (?, ?, '2027-11-01', 'NSF', ?)", uuid(), acct, t.station.nowIso()));
    const e = await refused({ id: uuid(), lines: [water(1000)], tenders: [{ kind: 'check', amountCents: 1000, routing: ROUTING, account: '5550001', checkNumber: '101' }] }, 'CASH_ONLY_PAYER', 'tenders.0');
    expect(e!.message).toContain('2027-11-01');
    // Cash is still taken.
    expect((await t.call('receipt.post', { id: uuid(), lines: [water(1000)], tenders: [{ kind: 'cash', amountCents: 1000 }] })).ok).toBe(true);
  });
  it('a check whose bank account is flagged, whatever account it pays', async () => {
    t.station.commit(() => t.station.st.sqlRun("INSERT INTO cash_only_flags(id, bank_routing, bank_account, until, reason, created_at) VALUES (?, ?, '5550001', '2027-11-01', 'NSF', ?)", uuid(), ROUTING, t.station.nowIso()));
    await refused({ id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1000 }], tenders: [{ kind: 'check', amountCents: 1000, routing: ROUTING, account: '5550001', checkNumber: '102' }] }, 'CASH_ONLY_PAYER');
  });
  it('tender not covering the total', async () => {
    const e = await refused({ id: uuid(), lines: [water(5000)], tenders: [{ kind: 'cash', amountCents: 2000 }, { kind: 'card', amountCents: 1000, brand: 'visa', last4: '4242', authCode: 'A1B2C3' }] }, 'TENDER_SHORT', 'tenders');
    expect(e!.message).toContain('$20.00 still due');
  });
  it('cash back on a card or money order', async () => {
    await refused({ id: uuid(), lines: [water(5000)], tenders: [{ kind: 'card', amountCents: 6000, brand: 'visa', last4: '4242', authCode: 'OK1' }] }, 'NON_CASH_EXCEEDS_DUE', 'tenders.0.amountCents');
    await refused({ id: uuid(), lines: [water(5000)], tenders: [{ kind: 'cash', amountCents: 100 }, { kind: 'money_order', amountCents: 5000 }, { kind: 'check', amountCents: 100, routing: ROUTING, account: '12345', checkNumber: '1' }] }, 'NON_CASH_EXCEEDS_DUE', 'tenders.2.amountCents');
  });
  it('a full card number is never accepted', async () => {
    await refused({ id: uuid(), lines: [water(5000)], tenders: [{ kind: 'card', amountCents: 5000, brand: 'visa', last4: '4111111111111111', authCode: 'OK1' }] }, 'INVALID_INPUT', 'tenders.0.last4');
    await refused({ id: uuid(), lines: [water(5000)], tenders: [{ kind: 'card', amountCents: 5000, brand: 'visa', last4: '1111', authCode: 'OK1', cardNumber: '4111111111111111' }] }, 'INVALID_INPUT');
  });
  it('a routing number failing its check digit', async () => {
    await refused({ id: uuid(), lines: [water(1000)], tenders: [{ kind: 'check', amountCents: 1000, routing: '121000359', account: '12345', checkNumber: '1' }] }, 'INVALID_ROUTING', 'tenders.0.routing');
  });
  it('a fee that does not match the schedule', async () => {
    await refused({ id: uuid(), lines: [{ revenueCode: 'BLIC', amountCents: 100, feeInputs: { quantity: 3 } }], tenders: [{ kind: 'cash', amountCents: 10000 }] }, 'FEE_MISMATCH', 'lines.0.amountCents');
    await refused({ id: uuid(), lines: [{ revenueCode: 'BLIC' }], tenders: [{ kind: 'cash', amountCents: 10000 }] }, 'FEE_INPUT_MISSING', 'lines.0.feeInputs.quantity');
  });
  it('posting by a cashier whose drawer this is not', async () => {
    await refused({ id: uuid(), lines: [water(1000)], tenders: [{ kind: 'cash', amountCents: 1000 }] }, 'SESSION_NOT_YOURS', undefined, 'supervisor');
  });
  it('not signed in', async () => {
    const before = counts();
    const r = await t.call('receipt.post', { id: uuid(), lines: [water(1000)], tenders: [{ kind: 'cash', amountCents: 1000 }] }, null);
    expect(r.ok || r.error.code).toBe('NOT_SIGNED_IN');
    expect(counts()).toEqual(before);
  });
});

describe('drawer and sign-in errors', () => {
  it('a second open session at the station', async () => {
    const before = counts();
    const r = await t.call('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT }, 'supervisor');
    expect(r.ok || r.error.code).toBe('SESSION_ALREADY_OPEN');
    expect(!r.ok && r.error.message).toContain('Casey Cashier');
    expect(counts()).toEqual(before);
  });
  it('a float count that is not whole pieces', async () => {
    const other = await makeStation();
    try {
      const bad: Record<string, number>[] = [{ coin_25: 1.5 }, { bill_2000: -1 }, { coin_3: 4 }];
      for (const floatCounts of bad) {
        const r = await other.call('session.open', { id: uuid(), floatCounts });
        expect(r.ok || r.error.code).toBe('INVALID_INPUT');
      }
      expect(other.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) n FROM drawer_sessions')!.n).toBe(0);
    } finally { other.cleanup(); }
  });
  it('a wrong PIN, then lockout after five', async () => {
    for (let i = 1; i <= 4; i++) {
      const r = await t.call('auth.signIn', { userId: 'cashier', pin: '0000' }, null);
      expect(!r.ok && r.error.code).toBe('WRONG_PIN');
      expect(!r.ok && r.error.message).toContain(`${5 - i} tries left`);
    }
    const fifth = await t.call('auth.signIn', { userId: 'cashier', pin: '0000' }, null);
    expect(!fifth.ok && fifth.error.code).toBe('LOCKED_OUT');
    // Even the right PIN is refused while locked…
    expect((await t.call('auth.signIn', { userId: 'cashier', pin: '1111' }, null)).ok).toBe(false);
    // …and works once the lockout time has passed.
    t.clock.advance(16 * 60_000);
    expect((await t.call('auth.signIn', { userId: 'cashier', pin: '1111' }, null)).ok).toBe(true);
  });
  it('a paid-out approved by a cashier, or by oneself, is refused', async () => {
    const before = counts();
    const self = await t.call('drawer.paidOut', { id: uuid(), amountCents: 1000, reason: 'deposit refund', approval: { userId: 'cashier', pin: '1111' } });
    expect(!self.ok && self.error.code).toBe('APPROVER_IS_SELF');
    const byAdminToken = await t.call('drawer.paidOut', { id: uuid(), amountCents: 1000, reason: 'deposit refund', approval: { userId: 'supervisor', pin: '2223' } });
    expect(!byAdminToken.ok && byAdminToken.error.code).toBe('WRONG_PIN');
    expect(counts()).toEqual(before);
    const ok = await t.call('drawer.paidOut', { id: uuid(), amountCents: 1000, reason: 'deposit refund', approval: { userId: 'supervisor', pin: '2222' } });
    expect(ok.ok).toBe(true);
  });
  it('a drop or paid-out of more cash than the drawer holds', async () => {
    const r = await t.call('drawer.drop', { id: uuid(), amountCents: 15001 });
    expect(!r.ok && r.error.code).toBe('INSUFFICIENT_CASH');
  });
  it('a void of a receipt already void', async () => {
    const rc = await t.ok('receipt.post', { id: uuid(), lines: [water(1000)], tenders: [{ kind: 'cash', amountCents: 1000 }] });
    const approval = { userId: 'supervisor', pin: '2222' };
    await t.ok('receipt.void', { id: uuid(), receiptNumber: rc.receiptNumber, reason: 'wrong account', approval });
    const again = await t.call('receipt.void', { id: uuid(), receiptNumber: rc.receiptNumber, reason: 'wrong account', approval });
    expect(!again.ok && again.error.code).toBe('RECEIPT_ALREADY_VOID');
  });
});
