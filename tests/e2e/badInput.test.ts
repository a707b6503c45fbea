// Bad input: the station's error shows next to the field it concerns, in the cashier's language
// (Spanish here), and a double press on Complete posts one receipt.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderError } from '../../src/shared/errors';
import { ROUTING } from '../helpers/station';
import { openTill, shot, tenKey, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

const focused = () => till.page.evaluate(() => document.activeElement?.id ?? '');
const receiptCount = () => till.t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM receipts')!.n;

async function startCheckSale(amountDigits: string, routing: string, checkAmount = '') {
  const { page } = till;
  await page.keyboard.press('F3');
  await page.locator('#fee-code').selectOption('MISC');
  await page.keyboard.press('Enter');
  await tenKey(page, amountDigits);
  await page.keyboard.press('Enter');
  await page.locator('#fee-dialog').waitFor({ state: 'detached' });
  await page.keyboard.press('F6');
  await page.keyboard.type(routing); await page.keyboard.press('Enter');
  await page.keyboard.type('55501234'); await page.keyboard.press('Enter');
  await page.keyboard.type('3001'); await page.keyboard.press('Enter');
  await tenKey(page, checkAmount);
  await page.keyboard.press('Enter');
  await page.keyboard.press('F9');
}

it('shows each error beside its field, in Spanish', async () => {
  const { page } = till;
  await page.locator('#signin-user').waitFor();
  await page.keyboard.press('Alt+E');
  await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();

  // A wrong PIN: beside the PIN field, in Spanish, with the tries left.
  await page.keyboard.type('cashier'); await page.keyboard.press('Enter');
  await tenKey(page, '9999'); await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#signin-pin-err').textContent()).toContain(renderError('WRONG_PIN', { remaining: 4 }, 'es'));
  expect(await page.locator('#signin-pin').getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#signin-pin').getAttribute('aria-describedby')).toContain('signin-pin-err');
  await shot(page, 'es-bad-pin');
  await tenKey(page, '1111'); await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Abrir la caja' }).waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();

  // A routing number that fails the bank check digit: the check comes back into the form, error beside the routing field.
  await startCheckSale('2500', '121000359');
  await expect.poll(() => page.locator('#tender-routing-err').textContent()).toContain(renderError('INVALID_ROUTING', { routing: '121000359' }, 'es'));
  expect(await focused()).toBe('tender-routing');
  await shot(page, 'es-bad-routing');
  expect(receiptCount()).toBe(0);

  // Too short: the contract's own message, worded in Spanish.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12100035'); await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); await page.keyboard.press('Enter'); await page.keyboard.press('Enter');
  await page.keyboard.press('F9');
  await expect.poll(() => page.locator('#tender-routing-err').textContent()).toContain('El número de ruta tiene 9 dígitos.');

  // A check for more than is due: no cash back on checks, beside the amount.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(ROUTING); await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A'); await page.keyboard.press('Delete');
  await tenKey(page, '3000'); await page.keyboard.press('Enter');
  await page.keyboard.press('F9');
  await expect.poll(() => page.locator('#tender-amount-err').textContent()).toContain('no se da cambio en cheque');
  await shot(page, 'es-check-over');
  // Corrected: $25.00 posts.
  await page.keyboard.press('Delete');
  await tenKey(page, '2500'); await page.keyboard.press('Enter');
  await page.keyboard.press('F9');
  await page.locator('.change-due').waitFor();
  expect(receiptCount()).toBe(1);

  // A licence fee without its number of employees: beside that field.
  await page.keyboard.press('F3');
  await page.locator('#fee-code').selectOption('BLIC');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#fee-quantity-err').textContent()).toContain('La tarifa de BLIC necesita la cantidad.');
  await shot(page, 'es-fee-missing');
  await page.keyboard.press('Escape');
  await page.locator('#fee-dialog').waitFor({ state: 'detached' });

  // A paid-out approved with a wrong supervisor PIN, then by the cashier themself.
  await page.keyboard.press('F10'); await page.keyboard.press('2');
  await tenKey(page, '1000'); await page.keyboard.press('Enter');
  await page.keyboard.type('Reembolso'); await page.keyboard.press('Enter');
  await page.keyboard.type('supervisor'); await page.keyboard.press('Tab');
  await tenKey(page, '0000'); await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#po-sup-pin-err').textContent()).toContain(renderError('WRONG_PIN', { remaining: 4 }, 'es'));
  await shot(page, 'es-bad-supervisor-pin');
  await page.locator('#po-sup-user').fill('cashier');
  await page.locator('#po-sup-pin').fill('1111');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#po-sup-user-err').textContent()).toContain(renderError('APPROVER_IS_SELF', {}, 'es'));
  await page.keyboard.press('Escape');
  expect(till.t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM drawer_movements')!.n).toBe(0);
});

it('posts once on a double press of Complete (keys, then a double click)', async () => {
  const { page } = till;
  const before = receiptCount();
  const posts: string[] = [];
  let answered = 0;
  page.on('request', (r) => { if (r.url().endsWith('/api/receipt.post')) posts.push((JSON.parse(r.postData() ?? '{}') as { input: { id: string } }).input.id); });
  page.on('requestfinished', (r) => { if (r.url().endsWith('/api/receipt.post')) answered++; });
  for (const how of ['keys', 'dblclick'] as const) {
    await page.keyboard.press('F3');
    await page.locator('#fee-code').selectOption('MISC');
    await page.keyboard.press('Enter');
    await tenKey(page, '1000'); await page.keyboard.press('Enter');
    await page.locator('#fee-dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Enter'); // cash: what is due
    await expect.poll(focused).toBe('complete');
    if (how === 'keys') {
      await Promise.all([page.keyboard.press('Enter'), page.keyboard.press('Enter'), page.keyboard.press('F9')]);
    } else {
      await page.locator('#complete').dblclick();
    }
    await page.locator('.change-due').waitFor();
  }
  // Every request sent has been answered; however many were sent, two receipt IDs, two receipts.
  await expect.poll(() => answered).toBe(posts.length);
  expect(new Set(posts).size).toBe(2);
  expect(receiptCount()).toBe(before + 2);
});

it('when the station does not answer, says so by Complete, and the retry posts the receipt once', async () => {
  const { page, t } = till;
  const before = receiptCount();
  await page.keyboard.press('Alt+E'); // back to English for this one
  await page.keyboard.press('F3');
  await page.locator('#fee-code').selectOption('MISC');
  await page.keyboard.press('Enter');
  await tenKey(page, '4200'); await page.keyboard.press('Enter');
  await page.locator('#fee-dialog').waitFor({ state: 'detached' });
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('complete');
  // The station goes away (browser mode stopped)…
  const { port, token } = till.web;
  await till.web.close();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#complete-err').textContent()).toContain('The station did not answer');
  await shot(page, 'en-no-answer');
  // …and comes back on the same port with the same launch token: the same key posts, once.
  const { startWebServer } = await import('../../src/main/web/server');
  const { rendererDir } = await import('../../src/main/web/rendererBuild');
  till.web = await startWebServer(t.station, { port, token, staticDir: rendererDir((await import('./harness')).ROOT) });
  await page.locator('#complete').focus();
  await page.keyboard.press('Enter');
  await page.locator('.change-due').waitFor();
  expect(receiptCount()).toBe(before + 1);
});
