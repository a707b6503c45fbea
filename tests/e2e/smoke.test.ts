import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTill, shot, signIn, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

it('smoke', async () => {
  const { page } = till;
  await page.locator('#signin-user').waitFor();
  await shot(page, 'smoke-signin');
  await signIn(page);
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await shot(page, 'smoke-open');
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();
  await page.keyboard.type('1000');
  await page.locator('#acct-opt-0').waitFor();
  await shot(page, 'smoke-lookup');
  await page.keyboard.press('Enter');
  await page.locator('#pay-amount').waitFor();
  await shot(page, 'smoke-account');
  await page.keyboard.press('Enter');
  await shot(page, 'smoke-line');
  await page.keyboard.type('20000');
  await page.keyboard.press('Enter');
  await shot(page, 'smoke-tendered');
  await page.keyboard.press('Enter');
  await page.getByTestId('change').waitFor();
  await shot(page, 'smoke-change');
  expect(1).toBe(1);
});
