// The till locks itself after the station's idle minutes with no key or click (page clock run forward):
// any key restarts the wait; once locked the token is given up, and the cashier's PIN brings back the
// sale as it was.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../src/main/dispatch';
import { openTill, PINS, signIn, tenKey, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

it('locks after the idle minutes, not while someone is keying, and unlocks to the same sale', async () => {
  const { page, t } = till;
  expect((await t.ok('settings.update', { idleLockMinutes: 3 }, 'admin')).idleLockMinutes).toBe(3);
  // The page's timers on a clock the test moves; reloaded so the app starts on it.
  await page.clock.install();
  await page.reload();
  // The session token the browser gets at sign-in, read off the wire, to ask the station about it later.
  const signInReply = page.waitForResponse((r) => r.url().endsWith('/api/auth.signIn'));
  await page.locator('#signin-user').waitFor();
  await signIn(page, 'cashier');
  const token = ((await (await signInReply).json()) as { value: { token: string } }).value.token;
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();
  // A line on the receipt: a miscellaneous fee of $12.34.
  await page.keyboard.press('F3');
  await page.locator('#fee-code').selectOption('MISC');
  await page.keyboard.press('Enter');
  await tenKey(page, '1234');
  await page.keyboard.press('Enter');
  await page.locator('#fee-dialog').waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe('$12.34');

  await page.clock.runFor('02:50');
  await page.locator('#tender-amount').focus();
  await page.keyboard.press('5'); // someone at the till: the wait starts again
  await page.clock.runFor('02:50');
  expect(await page.locator('#lock-title').count()).toBe(0);

  expect((await dispatch(t.station, 'session.current', {}, token)).ok).toBe(true);
  await page.clock.runFor('00:20');
  await page.locator('#lock-title').waitFor();
  // Locked: the station has taken the token back; nothing can be done until a PIN is given.
  await expect.poll(async () => (await dispatch(t.station, 'session.current', {}, token)).ok).toBe(false);
  expect(await dispatch(t.station, 'session.current', {}, token)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });

  await page.keyboard.type(PINS.cashier);
  await page.keyboard.press('Enter');
  await page.locator('#lookup').waitFor();
  expect(await page.getByTestId('total-due').textContent()).toBe('$12.34');
  expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM receipts')!.n).toBe(0);
});
