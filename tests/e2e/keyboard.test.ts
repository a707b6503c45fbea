// The whole cash payment flow with the keyboard alone: not one mouse or pointer event reaches the page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { money } from '../../src/renderer/format';
import { openTill, shot, tenKey, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

const focused = () => till.page.evaluate(() => document.activeElement?.id ?? '');

it('takes a cash payment with change using only keys', async () => {
  const { page, t } = till;
  await page.locator('#signin-user').waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { pointerEvents: number };
    w.pointerEvents = 0;
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'pointerup', 'contextmenu', 'wheel']) {
      window.addEventListener(type, (e) => { if ((e as MouseEvent).detail > 0 || type !== 'click') w.pointerEvents++; }, true);
    }
  });
  // Sign in: the user field has the focus; Enter goes to the PIN; Enter signs in.
  await expect.poll(focused).toBe('signin-user');
  await page.keyboard.type('cashier');
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('signin-pin');
  await tenKey(page, '1111');
  await page.keyboard.press('Enter');
  // Open the drawer: F4 takes the standard float.
  await page.locator('#float-bill_10000').waitFor();
  await expect.poll(focused).toBe('float-bill_10000');
  await page.keyboard.press('F4');
  await expect.poll(focused).toBe('lookup');

  const account = (await t.ok('accounts.search', { query: '1002', limit: 1 }))[0]!;
  await page.keyboard.type(account.accountNumber);
  await page.locator('#acct-opt-0', { hasText: account.accountNumber }).waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('pay-amount');
  // Any amount: 4 2 1 7 on the ten-key is $42.17.
  await tenKey(page, '4217');
  await expect.poll(() => page.locator('#pay-amount').inputValue()).toBe('$42.17');
  await page.keyboard.press('Backspace');
  await tenKey(page, '5');
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('tender-amount');
  // Cash: $50 with the 00 key, a mistaken key cleared with Delete.
  await tenKey(page, '9');
  await page.keyboard.press('Delete');
  await tenKey(page, '5');
  await page.keyboard.press('0');
  await page.keyboard.press('0');
  await page.keyboard.press('0');
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('complete');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('change').textContent()).toBe(money(5000 - 4215, 'en'));
  await expect.poll(focused).toBe('lookup');
  await shot(page, 'keyboard-only-change');

  const r = t.station.st.sqlGet<{ total_cents: number; change_cents: number }>('SELECT total_cents, change_cents FROM receipts');
  expect(r).toEqual({ total_cents: 4215, change_cents: 785 });
  expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);
});
