// The screens beyond the till, as a supervisor/admin uses them: reports (X report, daily summary),
// a returned check recorded, printer and devices, sync, settings — each looked at and checked by axe.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { ROUTING, uuid } from '../helpers/station';
import { look, office, openTill, signIn, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

it('reports, a returned check, devices, sync and settings', async () => {
  const { page, t } = till;
  // The day so far (through the contract): a drawer with a check payment on an account and a cash one.
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  const acct = (await t.ok('accounts.search', { query: '10025', limit: 1 }))[0]!.accountNumber;
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 8800 }], tenders: [{ kind: 'check', amountCents: 8800, routing: ROUTING, account: '99887766', checkNumber: '4417' }], payerName: 'Lucia Reyes' });
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1500 }], tenders: [{ kind: 'cash', amountCents: 2000 }] });

  await page.locator('#signin-user').waitFor();
  await signIn(page, 'admin');
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await look(page, 'office-01-other-drawer');

  await office(page, '5', 'Reports');
  await page.getByTestId('daily-total').waitFor();
  expect(await page.getByTestId('daily-total').textContent()).toBe('$103.00');
  await page.getByRole('heading', { name: /X report/ }).waitFor();
  await look(page, 'office-02-reports');
  await page.keyboard.press('Escape');

  await office(page, '4', 'Returned check');
  await page.keyboard.type('4417');
  await page.keyboard.press('Enter');
  await page.locator('#rc-found-0').waitFor();
  // The screen puts the focus on the first check found (as the cashier sees it) before Space chooses it.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rc-found-0');
  await page.keyboard.press('Space');
  await page.locator('#rc-reason').waitFor();
  await look(page, 'office-03-returned-check');
  await page.locator('#rc-note').fill('Bank notice 2026-11-20');
  await page.locator('#rc-note').press('Enter');
  await page.getByText('Check #4417 recorded as returned').waitFor();
  await look(page, 'office-04-returned-recorded');
  const rc = t.station.st.sqlGet<{ reason: string }>('SELECT reason FROM returned_checks');
  expect(rc).toEqual({ reason: 'nsf' });
  const [returned] = await t.ok('returnedCheck.list', {}, 'supervisor');
  expect(returned!.reversals).toMatchObject([{ revenueCode: 'WATER', accountNumber: acct, amountCents: 8800 }]);
  expect(returned!.cashOnlyUntil).not.toBeNull();
  await page.getByText(`CASH ONLY until ${returned!.cashOnlyUntil!}`).waitFor();
  await page.keyboard.press('Escape');

  await office(page, '6', 'Printer and drawer');
  await page.getByText('Receipt printer').first().waitFor();
  await look(page, 'office-05-devices');
  await page.keyboard.press('Escape');

  await office(page, '7', 'Sync with the city hub');
  await page.getByTestId('sync-state').waitFor();
  expect(await page.getByTestId('sync-state').textContent()).toBe('Not enrolled with a hub');
  await look(page, 'office-06-sync');
  await page.keyboard.press('Escape');

  await office(page, '8', 'Settings and users');
  await page.locator('#adm-receipt-lang').waitFor();
  await look(page, 'office-07-settings');
  await page.locator('#adm-receipt-lang').selectOption('es');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Saved.').waitFor();
  expect((await t.ok('printing.settings', {})).receiptLanguage).toBe('es');
}, 60_000);
