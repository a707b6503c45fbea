// Users and settings: roles are checked on the main side; changes are journaled without PINs.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { makeStation, uuid, type TestStation } from '../../helpers/station';

let t: TestStation;
beforeEach(async () => { t = await makeStation(); });
afterEach(() => t.cleanup());

it('only an admin creates users and resets PINs; the new user can sign in', async () => {
  const input = { id: 'maria.r', name: 'María Rodríguez', role: 'cashier' as const, pin: '4821' };
  const denied = await t.call('users.create', input, 'supervisor');
  expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
  await t.ok('users.create', input, 'admin');
  expect((await t.call('auth.signIn', { userId: 'maria.r', pin: '4821' }, null)).ok).toBe(true);
  await t.ok('users.setPin', { userId: 'maria.r', pin: '7777' }, 'admin');
  expect((await t.call('auth.signIn', { userId: 'maria.r', pin: '4821' }, null)).ok).toBe(false);
  expect((await t.call('auth.signIn', { userId: 'maria.r', pin: '7777' }, null)).ok).toBe(true);
  const journal = t.station.st.sqlAll<{ payload: string }>("SELECT payload FROM journal WHERE kind LIKE 'user.%'");
  for (const j of journal) expect(j.payload).not.toMatch(/4821|7777/);
});

it('a supervisor clears a lockout; a deactivated user cannot sign in', async () => {
  for (let i = 0; i < 5; i++) await t.call('auth.signIn', { userId: 'cashier', pin: '0000' }, null);
  expect((await t.call('auth.signIn', { userId: 'cashier', pin: '1111' }, null)).ok).toBe(false);
  const unlocked = await t.ok('users.unlock', { userId: 'cashier' }, 'supervisor');
  expect(unlocked.lockedUntil).toBeNull();
  expect((await t.call('auth.signIn', { userId: 'cashier', pin: '1111' }, null)).ok).toBe(true);
  await t.ok('users.setActive', { userId: 'cashier', active: false }, 'admin');
  const r = await t.call('auth.signIn', { userId: 'cashier', pin: '1111' }, null);
  expect(!r.ok && r.error.code).toBe('USER_INACTIVE');
});

it('settings: admin only, validated, and the station ID is fixed once money is taken', async () => {
  expect(!(await t.call('settings.update', { dropLimitCents: 50000 }, 'cashier')).ok).toBe(true);
  const bad = await t.call('settings.update', { cutoff: '25:00' }, 'admin');
  expect(!bad.ok && bad.error.field).toBe('cutoff');
  const s = await t.ok('settings.update', { dropLimitCents: 50000, language: 'es', stationId: 'ST07' }, 'admin');
  expect(s).toMatchObject({ dropLimitCents: 50000, language: 'es', stationId: 'ST07' });
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] });
  expect(r.receiptNumber).toBe('ST07-000001');
  const fixed = await t.call('settings.update', { stationId: 'ST08' }, 'admin');
  expect(!fixed.ok && fixed.error.field).toBe('stationId');
});
