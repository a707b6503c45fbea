// The card terminal at the counter, in Chromium against browser mode and the terminal emulator over
// HTTPS: F8 then Enter charges the amount still due; an approval posts the receipt filled from the
// terminal; cash plus card; a decline and a customer cancel say so and leave the sale; the terminal
// away, then keyed entry (marked keyed). Run in English and in Spanish.
import { expect } from 'vitest';
import { en } from '../../src/renderer/i18n/en';
import { es } from '../../src/renderer/i18n/es';
import { completeWithEnter, payAccount } from './counterDay';
import { money } from '../../src/renderer/format';
import { look, openTill, signIn, tenKey, type Till } from './harness';
import { KEY, terminalRig } from '../hardware/terminal/fixtures';

export async function openCardTill(): Promise<{ till: Till; rig: Awaited<ReturnType<typeof terminalRig>> }> {
  const till = await openTill();
  const rig = await terminalRig();
  await till.t.ok('card.updateSettings', { enabled: true, url: rig.emu.url, poiId: rig.emu.poiId, keyIdentifier: KEY.keyIdentifier, keyVersion: KEY.keyVersion, passphrase: KEY.passphrase, certificatePin: rig.fingerprint }, 'admin');
  return { till, rig };
}

const fill = (s: string, v: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k] ?? '');

export async function cardDay(till: Till, rig: Awaited<ReturnType<typeof terminalRig>>, lang: 'en' | 'es'): Promise<void> {
  const { page, t } = till;
  const w = lang === 'es' ? es : en;
  const st = t.station.st;
  const p = `card-${lang}-`;
  const tendersOf = (n: string) => st.sqlAll<{ kind: string; amount_cents: number; card_last4: string | null; card_attempt_id: string | null }>(
    'SELECT t.* FROM tenders t JOIN receipts r ON r.id = t.receipt_id WHERE r.receipt_number = ? ORDER BY tender_no', n);
  const lastNumber = () => st.sqlGet<{ n: string }>('SELECT receipt_number AS n FROM receipts ORDER BY seq DESC LIMIT 1')?.n;
  const accounts = await t.ok('accounts.search', { query: '100', limit: 6 });

  await page.locator('#signin-user').waitFor();
  if (lang === 'es') await page.keyboard.press('Alt+E');
  await signIn(page, 'cashier');
  await page.getByRole('heading', { name: w.open.title }).waitFor();
  await page.keyboard.press('F4'); // the standard float
  await page.locator('#lookup').waitFor();

  // 1. A card for the whole amount: F8, Enter, the receipt is posted from the terminal's answer.
  await payAccount(page, accounts[0]!.accountNumber, '4250');
  await page.keyboard.press('F8');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tender-amount');
  rig.emu.script.push({ kind: 'approve', delayMs: 400 });
  await page.keyboard.press('Enter');
  await page.getByTestId('card-waiting').waitFor();
  await look(page, `${p}01-waiting`);
  await page.locator('.change-due').waitFor();
  const first = lastNumber()!;
  expect(tendersOf(first)).toMatchObject([{ kind: 'card', amount_cents: 4250, card_last4: '0010' }]);
  expect(tendersOf(first)[0]!.card_attempt_id).not.toBeNull();
  await look(page, `${p}02-approved`);

  // 2. Cash plus card: $20 cash, the rest on the card.
  await payAccount(page, accounts[1]!.accountNumber, '6000');
  await page.keyboard.press('F5');
  await tenKey(page, '2000');
  await page.keyboard.press('Enter');
  await page.keyboard.press('F8');
  await page.keyboard.press('Enter');
  await page.locator('.change-due').waitFor();
  const second = lastNumber()!;
  expect(tendersOf(second).map((x) => [x.kind, x.amount_cents])).toEqual([['cash', 2000], ['card', 4000]]);

  // 2b. A convenience fee: shown to the payer first, charged with the amount, its own line on the receipt.
  await t.ok('card.updateFeeSettings', { rules: { WATER: { type: 'flat', amountCents: 200 } } }, 'admin');
  await payAccount(page, accounts[3]!.accountNumber, '3000');
  await page.keyboard.press('F8');
  await page.keyboard.press('Enter');
  await page.getByTestId('card-fee').filter({ hasText: fill(w.card.fee, { fee: '$2.00', total: '$32.00' }) }).waitFor();
  await look(page, `${p}02b-fee`);
  expect(lastNumber()).toBe(second);
  await page.keyboard.press('Enter');
  await page.locator('.change-due').waitFor();
  const withFee = lastNumber()!;
  expect(st.sqlAll<{ revenue_code: string; amount_cents: number }>('SELECT l.revenue_code, l.amount_cents FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id WHERE r.receipt_number = ? ORDER BY line_no', withFee))
    .toEqual([{ revenue_code: 'WATER', amount_cents: 3000 }, { revenue_code: 'CARDFEE', amount_cents: 200 }]);
  expect(tendersOf(withFee).map((x) => x.amount_cents)).toEqual([3200]);
  await t.ok('card.updateFeeSettings', { rules: {} }, 'admin');

  // 3. A decline says so; the sale stays as it was.
  await payAccount(page, accounts[2]!.accountNumber, '1500');
  rig.emu.script.push({ kind: 'decline', reason: 'Insufficient funds' });
  await page.keyboard.press('F8');
  await page.keyboard.press('Enter');
  await page.getByTestId('card-notice').filter({ hasText: fill(w.card.declined, { reason: 'Insufficient funds' }) }).waitFor();
  expect(lastNumber()).toBe(withFee);
  await look(page, `${p}03-declined`);

  // 4. The customer cancels at the terminal; then the cashier cancels one the customer walked away from.
  rig.emu.script.push({ kind: 'cancel' });
  await page.keyboard.press('F8');
  await page.keyboard.press('Enter');
  await page.getByTestId('card-notice').filter({ hasText: fill(w.card.cancelled, { reason: 'Cancelled by the customer' }) }).waitFor();
  rig.emu.script.push({ kind: 'timeout' });
  await page.keyboard.press('F8');
  await page.keyboard.press('Enter');
  await page.getByTestId('card-waiting').waitFor();
  await page.getByRole('button', { name: w.card.cancel }).click();
  await page.getByTestId('card-notice').filter({ hasText: fill(w.card.cancelled, { reason: 'Cancelled at the till' }) }).waitFor();
  expect(lastNumber()).toBe(withFee);

  // 5. The terminal is away: the till says so, and keyed entry completes the sale, marked keyed.
  const port = Number(new URL(rig.emu.url).port);
  await rig.emu.kill();
  await page.keyboard.press('F8');
  await page.keyboard.press('Enter');
  await page.getByTestId('card-notice').filter({ hasText: w.card.noAnswer }).waitFor();
  await look(page, `${p}04-no-answer`);
  await expect.poll(() => page.locator('#tender-brand').count()).toBe(1);
  await page.locator('#tender-brand').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('4242');
  await page.keyboard.press('Enter');
  await page.keyboard.type('A1B2C3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await completeWithEnter(page);
  const keyed = tendersOf(lastNumber()!);
  expect(keyed).toMatchObject([{ kind: 'card', amount_cents: 1500, card_last4: '4242', card_attempt_id: null }]);
  await rig.emu.listen(port);

  // 6. Close-out: the card totals come from the terminal's reconciliation; the keyed card ($15.00, not
  //    at the terminal) shows as the difference on its brand.
  await page.keyboard.press('F10');
  await page.keyboard.press('0');
  await page.locator('#co-cash-bill_10000').waitFor();
  await page.locator('#co-cash-bill_10000').fill('1');
  await page.locator('#co-cash-bill_5000').fill('1');
  await page.locator('#co-cash-bill_2000').fill('1');
  await page.locator('#co-card-terminal').click();
  await page.getByTestId('co-card-terminal-status').filter({ hasText: w.closeout.fromTerminalDone }).waitFor();
  expect(await page.locator('#co-card-visa-n').inputValue()).toBe('3');
  await look(page, `${p}05-closeout-terminal`);
  await page.keyboard.press('F9');
  await page.getByTestId('over-short').waitFor();
  await expect.poll(() => page.getByTestId('over-short').textContent()).toContain(money(-1500, lang));
  await look(page, `${p}06-closeout-difference`);
}
