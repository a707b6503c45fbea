// Closing the business day from the Reports screen (supervisor): refused, in words, while a drawer of
// the day is open; closed once every drawer is closed out; after that the day takes no drawer opening.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { uuid } from '../helpers/station';
import { closeOutBalanced } from '../helpers/dayAtCounter';
import { look, office, openTill, signIn, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

it('a supervisor closes the business day once every drawer is closed out', async () => {
  const { page, t } = till;
  const day = t.station.businessDay();
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 2500 }], tenders: [{ kind: 'cash', amountCents: 3000 }] });

  await page.locator('#signin-user').waitFor();
  await signIn(page, 'supervisor');
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await office(page, '5', 'Reports');
  await page.getByTestId('daily-total').waitFor();
  expect(await page.getByTestId('day-open-sessions').textContent()).toBe('1 drawer of this day is not closed out yet: close it out before closing the day.');

  // The cashier's drawer is still open: the station refuses, and says why beside the button.
  await page.locator('#close-day').click();
  await page.locator('#close-day-dialog').waitFor();
  await look(page, 'closeday-01-confirm');
  await page.keyboard.press('Enter');
  await page.locator('#close-day-err').waitFor();
  expect(await page.locator('#close-day-err').textContent()).toContain(`Business day ${day} still has 1 drawer session(s) not closed out.`);
  expect(t.station.st.sqlGet('SELECT 1 FROM business_days')).toBeUndefined();
  await page.keyboard.press('Escape');
  await page.locator('#close-day-dialog').waitFor({ state: 'detached' });

  await closeOutBalanced(t);
  await page.getByRole('button', { name: /Show/ }).click();
  await page.getByTestId('day-open-sessions').waitFor({ state: 'detached' });
  await page.locator('#close-day').click();
  await page.locator('#close-day-confirm').click();
  await page.getByTestId('day-closed').waitFor();
  expect(await page.getByTestId('day-closed').textContent()).toMatch(new RegExp(`^Business day .+ was closed at .+ by `));
  await look(page, 'closeday-02-closed');

  // The ledger: the day is sealed once, recorded in the journal for the hub, and verify holds.
  expect(t.station.st.sqlAll('SELECT day, closed_by FROM business_days')).toEqual([{ day, closed_by: 'supervisor' }]);
  expect(t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM journal WHERE kind = 'businessDay.closed' AND ref = ?", day)!.n).toBe(1);
  expect((await t.ok('businessDay.status', { businessDay: day })).closed).toBe(true);

  // A closed day takes no drawer opening: the till says so when the cashier tries.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Sign out' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#signin-user').waitFor();
  await page.locator('#signin-user').fill('');
  await signIn(page, 'cashier');
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await page.keyboard.press('F4');
  await page.getByText(`Business day ${day} is closed: nothing more can be posted to it.`).first().waitFor();
  expect(t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM drawer_sessions WHERE state <> 'closed'")!.n).toBe(0);
});
