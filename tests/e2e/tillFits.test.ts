// The till fits a 1366×768 counter screen: with two notices showing, every tender form (cash, check,
// money order, card) shows all its fields, its Add button and Complete at once, in English and Spanish,
// and with a tender already listed;
// nothing the cashier keys into is scrolled away or covered.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attachDevices } from '../../src/main/devices/devices';
import { attachPrinting } from '../../src/main/devices/printing';
import { openTill, shot, signIn, tenKey, type Till } from './harness';
import { unseen } from './unseen';

let till: Till;
beforeAll(async () => {
  till = await openTill();
  // The device manager with no printer and no drawer set up: the payment below leaves two notices.
  attachPrinting(till.t.station, { firstRetryMs: 50, maxRetryMs: 500 });
  await attachDevices(till.t.station, { backoff: { initialMs: 50, maxMs: 300, jitter: 0 } }).started;
  await till.t.ok('devices.updateSettings', { devices: [] }, 'admin');
});
afterAll(async () => { await till?.close(); });

/** What of the tender panel cannot be seen. */
const hidden = () => unseen(till.page, '.tender-panel input, .tender-panel select, .tender-panel button, .tender-panel label, .totals dd', ['.tender-body']);

async function everyKind(lang: string): Promise<void> {
  const { page } = till;
  for (const [key, kind] of [['F5', 'cash'], ['F6', 'check'], ['F7', 'money_order'], ['F8', 'card']] as const) {
    await page.keyboard.press(key);
    await page.locator(`.kinds .kind.on`).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.tender-panel') !== null)).toBe(true);
    await shot(page, `fits-${lang}-${kind}`);
    expect(await hidden(), `${lang} ${kind}`).toEqual([]);
  }
}

it('shows every tender form whole at 1366×768 with two notices, in English and Spanish', async () => {
  const { page } = till;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.locator('#signin-user').waitFor();
  await signIn(page);
  await page.locator('#float-bill_10000').waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();

  // A cash payment on a station with no printer or drawer set up: two notices stay on screen.
  const fee = async (digits: string) => {
    await page.keyboard.press('F3');
    await page.locator('#fee-code').selectOption('MISC');
    await page.keyboard.press('Enter');
    await tenKey(page, digits); await page.keyboard.press('Enter');
    await page.locator('#fee-dialog').waitFor({ state: 'detached' });
  };
  await fee('1000');
  await page.keyboard.press('Enter');
  await page.keyboard.press('F9');
  await page.locator('.change-due').waitFor();
  await expect.poll(() => page.locator('.notices > *').count()).toBeGreaterThanOrEqual(2);

  await fee('123456');
  await everyKind('en');
  // Part paid in cash: the tender listed above the form still leaves the form whole.
  await page.keyboard.press('F5');
  await tenKey(page, '10000'); await page.keyboard.press('Enter');
  await page.locator('.tender-list').waitFor();
  await page.keyboard.press('Alt+E');
  await page.getByText('Total a pagar').waitFor();
  await everyKind('es');
});
