// A safe drop counted by denomination in the drop dialog (in Spanish): a count that does not make the
// amount is refused beside the count, in the cashier's language; the counted bag is stored with the
// drop and the close-out does not ask to count it again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderError } from '../../src/shared/errors';
import { formatCents } from '../../src/shared/money';
import { money } from '../../src/renderer/format';
import { openTill, shot, tenKey, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

it('records a drop counted by denomination, which the close-out then takes as counted', async () => {
  const { page, t } = till;
  const st = t.station.st;
  await page.locator('#signin-user').waitFor();
  await page.keyboard.press('Alt+E');
  await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
  await page.keyboard.type('cashier'); await page.keyboard.press('Enter');
  await tenKey(page, '1111'); await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Abrir la caja' }).waitFor();
  await page.keyboard.press('F4'); // the standard float, $150.00
  await page.locator('#lookup').waitFor();

  // Drop $100.00 and count the bag: four $20 bills make $80.00, not $100.00.
  await page.keyboard.press('F10');
  await page.keyboard.press('3');
  await page.locator('#drop-amount').waitFor();
  await tenKey(page, '10000');
  await page.locator('#drop-count-toggle').press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('drop-count-bill_10000');
  await page.keyboard.press('Enter'); await page.keyboard.press('Enter'); // on to the $20 row, as on the ten-key
  await tenKey(page, '4');
  await expect.poll(() => page.locator('#drop .count-sheet .total').textContent()).toBe(money(8000, 'es'));
  await page.locator('#drop-ok').press('Enter');
  await expect.poll(() => page.locator('#drop-count-err').textContent())
    .toContain(renderError('DROP_COUNTS_MISMATCH', { counted: formatCents(8000), amount: formatCents(10000) }, 'es'));
  await shot(page, 'es-drop-count-mismatch');
  expect(st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM drawer_movements WHERE kind = 'drop'")!.n).toBe(0);

  // Five $20 bills: the count makes the amount and the drop is recorded with its counts.
  await page.locator('#drop-count-bill_2000').fill('5');
  await expect.poll(() => page.locator('#drop .count-sheet .total').textContent()).toBe(money(10000, 'es'));
  await page.locator('#drop-ok').press('Enter');
  await page.locator('#drop').waitFor({ state: 'detached' });
  const drop = st.sqlGet<{ id: string; amount_cents: number; counts: string }>("SELECT id, amount_cents, counts FROM drawer_movements WHERE kind = 'drop'")!;
  expect(drop.amount_cents).toBe(10000);
  expect(JSON.parse(drop.counts)).toEqual({ bill_2000: 5 });

  // Close-out: the blind count sheet has no safe bag to count; the stored counts are taken as they are.
  await page.keyboard.press('F10');
  await page.keyboard.press('0');
  await page.locator('#co-cash-bill_10000').waitFor();
  expect(await page.locator('[id^="co-drop-"]').count()).toBe(0);
  await shot(page, 'es-closeout-drop-counted');
  await page.locator('#co-cash-bill_5000').fill('1'); // $150.00 float − $100.00 dropped
  await page.keyboard.press('F9');
  await expect.poll(() => st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM session_counts')!.n).toBe(1);
  const count = st.sqlGet<{ drop_counts: string; drops_cents: number; over_short_cents: number }>('SELECT drop_counts, drops_cents, over_short_cents FROM session_counts')!;
  expect(JSON.parse(count.drop_counts)).toEqual({ [drop.id]: { bill_2000: 5 } });
  expect(count.drops_cents).toBe(10000);
  expect(count.over_short_cents).toBe(0);
});
