// Account directory type-ahead: by number, name or service address; prefix first, then substring.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { makeStation, uuid, type TestStation } from '../../helpers/station';

let t: TestStation;
beforeAll(async () => { t = await makeStation({ accounts: 2000 }); });
afterAll(() => t.cleanup());

it('finds by account number prefix', async () => {
  const r = await t.ok('accounts.search', { query: '1012', limit: 20 });
  expect(r.length).toBeGreaterThan(0);
  for (const a of r) expect(a.accountNumber.startsWith('1012')).toBe(true);
});

it('finds by name prefix, case-insensitively, before substring matches', async () => {
  const any = t.station.st.sqlGet<{ name: string }>("SELECT name FROM accounts WHERE name LIKE 'Maria %' LIMIT 1")!;
  const r = await t.ok('accounts.search', { query: 'maria', limit: 50 });
  expect(r.map((a) => a.name)).toContain(any.name);
  const firstSubstring = r.findIndex((a) => !a.name.toLowerCase().startsWith('maria'));
  if (firstSubstring >= 0) expect(r.slice(firstSubstring).every((a) => !a.name.toLowerCase().startsWith('maria') || false)).toBe(true);
});

it('finds by a fragment inside a name or an address', async () => {
  const r = await t.ok('accounts.search', { query: 'rnande', limit: 20 });
  expect(r.length).toBeGreaterThan(0);
  for (const a of r) expect(a.name.toLowerCase()).toContain('rnande');
  const addr = await t.ok('accounts.search', { query: 'Madrona', limit: 20 });
  expect(addr.length).toBeGreaterThan(0);
  for (const a of addr) expect(`${a.name} ${a.serviceAddress}`).toContain('Madrona');
});

it('shows the balance less what this station took since the directory was loaded', async () => {
  const a = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!;
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  t.clock.advance(1000);
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: a.accountNumber, amountCents: 1234 }], tenders: [{ kind: 'cash', amountCents: 2000 }] });
  const after = await t.ok('accounts.get', { accountNumber: a.accountNumber });
  expect(after.balanceCents).toBe(a.balanceCents - 1234);
  expect(after.directoryBalanceCents).toBe(a.directoryBalanceCents);
});

it('treats quotes and operators in the query as text', async () => {
  for (const q of ['"', "O'Brien", 'a AND b', 'x*', 'NEAR(']) {
    const r = await t.call('accounts.search', { query: q, limit: 5 });
    expect(r.ok).toBe(true);
  }
});
