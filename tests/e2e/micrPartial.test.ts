// A check the reader cannot read whole: one field has unreadable digits. The till fills what was read,
// says which field to key and puts the cursor there; the payment then completes with the keyed field
// and the raw MICR line is kept with the tender.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { micrLine } from '../../src/hardware/micr/emulator';
import { ROUTING } from '../helpers/station';
import { completeWithEnter, payAccount } from './counterDay';
import { axeProblems, openTill, shot, signIn, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill({ devices: true }); });
afterAll(async () => { await till?.close(); });

it('a MICR read with an unreadable account number asks for that field alone', async () => {
  const { page, t } = till;
  await page.locator('#signin-user').waitFor();
  await signIn(page, 'cashier');
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();

  const acct = (await t.ok('accounts.search', { query: '1002', limit: 1 }))[0]!;
  await payAccount(page, acct.accountNumber, '4250');
  await till.rig!.micr.sendLine(micrLine({ routing: ROUTING, account: '55?0123', checkNumber: '3307' }));

  await expect.poll(() => page.locator('#tender-routing').inputValue()).toBe(ROUTING);
  expect(await page.locator('#tender-check').inputValue()).toBe('3307');
  expect(await page.locator('#tender-account').inputValue()).toBe('');
  await page.getByText('Some digits of the account number are unreadable: key it.').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tender-account');
  await shot(page, 'micr-partial-01-key-account');
  expect(await axeProblems(page), 'accessibility of the partial read').toEqual([]);

  await page.keyboard.type('5500123');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tender-check');
  await page.keyboard.press('Enter'); // the check number as read
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tender-amount');
  await page.keyboard.press('Enter'); // nothing keyed: what is still due
  await completeWithEnter(page);

  const tender = t.station.st.sqlGet<{ check_routing: string; check_account: string; check_number: string; amount_cents: number; micr_raw: string }>(
    "SELECT t.* FROM tenders t JOIN receipts r ON r.id = t.receipt_id WHERE r.receipt_number = 'ST01-000001'");
  expect(tender).toMatchObject({ check_routing: ROUTING, check_account: '5500123', check_number: '3307', amount_cents: 4250 });
  expect(tender!.micr_raw).toContain('55?0123');
});
