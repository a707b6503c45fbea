// The whole counter day, driven through the real UI in Chromium against browser mode, with the
// ledger's figures checked after each step. Run in English and in Spanish (counterDay.*.test.ts).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyLedger } from '../../src/main/station/verify';
import { money } from '../../src/renderer/format';
import { USD_DENOMINATIONS } from '../../src/shared/denominations';
import { ROUTING } from '../helpers/station';
import { micrLine } from '../../src/hardware/micr/emulator';
import { formatCents } from '../../src/shared/money';
import { axeProblems, shot, signIn, tenKey, type Till } from './harness';

type Lang = 'en' | 'es';

const WORDS = {
  en: { open: 'Open the drawer', change: 'CHANGE DUE', drop: 'Drawer over its limit', closed: 'Drawer closed', signOut: 'Sign out', verified: 'Verified against the bank.' },
  es: { open: 'Abrir la caja', change: 'CAMBIO', drop: 'La caja pasó su límite', closed: 'Caja cerrada', signOut: 'Cerrar sesión', verified: 'Verificado con el banco.' },
} as const;

/** Words the printed forms use in the receipt language (src/hardware/forms/strings.ts). */
const PRINTED = {
  en: { receipt: 'OFFICIAL RECEIPT', change: 'CHANGE', void: 'VOID', paidOut: 'PAID OUT', drop: 'DROP TO SAFE', z: 'Z REPORT', deposit: 'DEPOSIT SLIP' },
  es: { receipt: 'RECIBO OFICIAL', change: 'CAMBIO', void: 'ANULADO', paidOut: 'SALIDA DE EFECTIVO', drop: 'DEPÓSITO A CAJA FUERTE', z: 'INFORME Z', deposit: 'BOLETA DE DEPÓSITO' },
} as const;

/** The slip the printer emulator decoded that contains `text` (waits for it: printing follows the commit). */
async function printedSlip(till: Till, text: string): Promise<{ text: string; kicks: number }> {
  const emu = till.rig!.printer;
  const find = () => emu.slips().find((sl) => sl.text.join('\n').includes(text));
  await emu.waitFor(() => find() !== undefined, 10_000, `a printed slip with "${text}"`);
  const sl = find()!;
  return { text: sl.text.join('\n'), kicks: sl.kicks.length };
}

/** Screenshot of each screen; axe-core on each (in the English run: the Spanish screens are the same markup). */
async function look(page: Page, name: string): Promise<void> {
  await shot(page, name);
  if (name.startsWith('en-')) expect(await axeProblems(page), `accessibility of ${name}`).toEqual([]);
}

/** Pays an account from the lookup: number, Enter, then the amount (empty = balance), Enter. */
export async function payAccount(page: Page, accountNumber: string, amountDigits = ''): Promise<void> {
  await page.keyboard.press('F2');
  await page.keyboard.type(accountNumber);
  await page.locator('#acct-opt-0', { hasText: accountNumber }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('#pay-amount').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pay-amount');
  await tenKey(page, amountDigits);
  await page.keyboard.press('Enter');
}

export async function completeWithEnter(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('complete');
  await page.keyboard.press('Enter');
  await page.locator('.change-due').waitFor();
}

export async function counterDay(till: Till, lang: Lang): Promise<void> {
  const { page, t } = till;
  const w = WORDS[lang];
  const st = t.station.st;
  const p = `${lang}-`;
  const receipts = () => st.sqlAll<{ receipt_number: string; total_cents: number; tendered_cents: number; change_cents: number }>('SELECT * FROM receipts ORDER BY seq');
  const tendersOf = (n: string) => st.sqlAll<{ kind: string; amount_cents: number; check_routing: string | null; card_last4: string | null }>(
    'SELECT t.* FROM tenders t JOIN receipts r ON r.id = t.receipt_id WHERE r.receipt_number = ? ORDER BY tender_no', n);

  const words = PRINTED[lang];
  // The receipts print in the run's language (an admin setting; the Spanish run is the same day in Spanish).
  await t.ok('printing.updateSettings', { receiptLanguage: lang }, 'admin');

  // Sign in (language first: the cashier's choice sticks).
  await page.locator('#signin-user').waitFor();
  if (lang === 'es') {
    await page.keyboard.press('Alt+E');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
  }
  await look(page, `${p}01-sign-in`);
  await signIn(page, 'cashier');

  // Open the drawer with the standard float.
  await page.getByRole('heading', { name: w.open }).waitFor();
  await look(page, `${p}02-open-drawer`);
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();
  const session = (await t.ok('session.current', {}))!;
  expect(session.floatCents).toBe(15000);
  await look(page, `${p}03-till-empty`);

  // 1. A utility account paid in cash with change: its balance in one key, $20s tendered.
  const [a1] = (await t.ok('accounts.search', { query: '1000', limit: 5 })).filter((a) => a.balanceCents > 0);
  const bal = a1!.balanceCents;
  const tendered = bal - (bal % 2000) + 2000;
  await page.keyboard.press('F2');
  await page.keyboard.type(a1!.accountNumber.slice(0, 4));
  await page.locator('#acct-opt-0').waitFor();
  await look(page, `${p}04-lookup`);
  await page.keyboard.type(a1!.accountNumber.slice(4));
  await page.locator('#acct-opt-0', { hasText: a1!.accountNumber }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('#pay-amount').waitFor();
  await look(page, `${p}05-account`);
  await page.keyboard.press('Enter'); // nothing keyed: the balance
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(bal, lang));
  await tenKey(page, String(tendered));
  await page.keyboard.press('Enter');
  await look(page, `${p}06-cash-tendered`);
  await completeWithEnter(page);
  await expect.poll(() => page.getByTestId('change').textContent()).toBe(money(tendered - bal, lang));
  await page.getByText(w.change).waitFor();
  await look(page, `${p}07-change-due`);
  let r = receipts();
  expect(r).toHaveLength(1);
  expect(r[0]).toMatchObject({ receipt_number: 'ST01-000001', total_cents: bal, tendered_cents: tendered, change_cents: tendered - bal });
  // The printer emulator decoded the receipt, in the receipt language, with the change; the drawer was kicked.
  const slip1 = await printedSlip(till, 'ST01-000001');
  expect(slip1.text).toContain(words.receipt);
  expect(slip1.text).toContain(words.change);
  expect(slip1.text).toContain(formatCents(tendered - bal));
  expect(slip1.text).toContain(a1!.accountNumber);

  // 2. A check for $50.00 on another account, read by the check reader (MICR line over the serial port).
  const a2 = (await t.ok('accounts.search', { query: '1001', limit: 1 }))[0]!;
  await payAccount(page, a2.accountNumber, '5000');
  await till.rig!.micr.sendLine(micrLine({ routing: ROUTING, account: '123456789', checkNumber: '1001' }));
  await expect.poll(() => page.locator('#tender-routing').inputValue()).toBe(ROUTING);
  expect(await page.locator('#tender-account').inputValue()).toBe('123456789');
  expect(await page.locator('#tender-check').inputValue()).toBe('1001');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tender-amount');
  await look(page, `${p}08-check`);
  await page.keyboard.press('Enter'); // amount: nothing keyed takes what is still due
  await completeWithEnter(page);
  expect(tendersOf('ST01-000002')).toMatchObject([{ kind: 'check', amount_cents: 5000, check_routing: ROUTING }]);
  expect(st.sqlGet<{ micr_raw: string | null }>("SELECT micr_raw FROM tenders t JOIN receipts r ON r.id = t.receipt_id WHERE r.receipt_number = 'ST01-000002'")!.micr_raw).toContain(ROUTING);

  // 3. A business licence for 12 employees (tiered schedule: $150.00), split card $100 + cash $60.
  await page.keyboard.press('F3');
  await page.locator('#fee-code').waitFor();
  await page.locator('#fee-code').selectOption('BLIC');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('fee-quantity');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(15000, lang));
  await page.keyboard.press('F8');
  await page.keyboard.press('Enter'); // brand: Visa
  await page.keyboard.type('4242'); await page.keyboard.press('Enter');
  await page.keyboard.type('A1B2C3'); await page.keyboard.press('Enter');
  await tenKey(page, '10000'); await page.keyboard.press('Enter');
  await page.keyboard.press('F5');
  await tenKey(page, '6000'); await page.keyboard.press('Enter');
  await look(page, `${p}09-split-tender`);
  await completeWithEnter(page);
  await expect.poll(() => page.getByTestId('change').textContent()).toBe(money(1000, lang));
  r = receipts();
  expect(r[2]).toMatchObject({ total_cents: 15000, tendered_cents: 16000, change_cents: 1000 });
  expect(tendersOf('ST01-000003')).toMatchObject([{ kind: 'card', amount_cents: 10000, card_last4: '4242' }, { kind: 'cash', amount_cents: 6000 }]);
  expect(st.sqlGet<{ fee_inputs: string }>("SELECT fee_inputs FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id WHERE r.receipt_number = 'ST01-000003'")!.fee_inputs).toContain('12');

  // 4. Void the check receipt, with a supervisor's PIN; the cashier stays signed in.
  await page.keyboard.press('Alt+V');
  await page.locator('#vd-number').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('ST01-000002'); await page.keyboard.press('Enter');
  await page.keyboard.type('Customer paid twice'); await page.keyboard.press('Enter');
  await page.keyboard.type('supervisor'); await page.keyboard.press('Tab');
  await page.keyboard.type('2222');
  await look(page, `${p}10-void`);
  await page.keyboard.press('Enter');
  await page.locator('#void').waitFor({ state: 'detached' });
  expect(st.sqlGet<{ approved_by: string; user_id: string }>('SELECT v.approved_by, v.user_id FROM voids v JOIN receipts r ON r.id = v.receipt_id WHERE r.receipt_number = ?', 'ST01-000002'))
    .toEqual({ approved_by: 'supervisor', user_id: 'cashier' });
  expect((await t.ok('auth.whoAmI', {})).id).toBe('cashier');
  expect((await printedSlip(till, words.void)).text).toContain('ST01-000002');

  // 5. Paid-out of $25.00 (a refunded deposit), supervisor approval.
  await page.keyboard.press('F10');
  await page.locator('#drawer-menu').waitFor();
  await look(page, `${p}11-drawer-menu`);
  await page.keyboard.press('2');
  await page.locator('#po-amount').waitFor();
  await tenKey(page, '2500'); await page.keyboard.press('Enter');
  await page.keyboard.type('Refund of utility deposit'); await page.keyboard.press('Enter');
  await page.keyboard.type('supervisor'); await page.keyboard.press('Tab');
  await page.keyboard.type('2222');
  await look(page, `${p}12-paid-out`);
  await page.keyboard.press('Enter');
  await page.locator('#paid-out').waitFor({ state: 'detached' });
  expect(st.sqlGet('SELECT kind, amount_cents, approved_by FROM drawer_movements WHERE kind = ?', 'paid_out')).toEqual({ kind: 'paid_out', amount_cents: 2500, approved_by: 'supervisor' });
  expect((await printedSlip(till, words.paidOut)).text).toContain(formatCents(2500));

  // 6. A $1,200.00 bond in cash takes the drawer over its limit: the drop is suggested and made.
  await page.keyboard.press('F3');
  await page.locator('#fee-code').selectOption('BOND');
  await page.keyboard.press('Enter');
  await tenKey(page, '120000'); await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // cash: nothing keyed takes what is still due
  await completeWithEnter(page);
  await page.getByText(w.drop).waitFor();
  const before = (await t.ok('session.current', {}))!;
  expect(before.dropSuggested).toBe(true);
  await page.keyboard.press('F10');
  await page.keyboard.press('3');
  await page.locator('#drop-amount').waitFor();
  await expect.poll(() => page.locator('#drop-amount').inputValue()).toBe(money(before.dropSuggestedCents, lang));
  await look(page, `${p}13-drop`);
  await page.keyboard.press('Enter');
  await page.locator('#drop').waitFor({ state: 'detached' });
  expect(st.sqlGet<{ amount_cents: number }>("SELECT amount_cents FROM drawer_movements WHERE kind = 'drop'")!.amount_cents).toBe(before.dropSuggestedCents);
  expect((await printedSlip(till, words.drop)).text).toContain(formatCents(before.dropSuggestedCents));

  // The ledger's figures: expected cash = float + cash − change + paid-in − paid-out − drops, voids excluded.
  const expected = 15000 + bal + (6000 - 1000) + 120000 - 2500 - before.dropSuggestedCents;
  const now = (await t.ok('session.current', {}))!;
  expect(now.expectedCashCents).toBe(expected);
  expect(now.receiptCount).toBe(4);
  expect(verifyLedger(t.station).ok).toBe(true);
  await look(page, `${p}14-after-drop`);

  // Lock and unlock with the PIN; the drawer session carries on.
  await page.keyboard.press('Alt+L');
  await page.locator('#lock-pin').waitFor();
  await look(page, `${p}15-locked`);
  await page.keyboard.type('1111');
  await page.keyboard.press('Enter');
  await page.locator('#lookup').waitFor();

  // 7. Blind close-out: the drawer is $5.00 short; the safe bag and the card slips are counted.
  await page.keyboard.press('F10');
  await page.keyboard.press('0');
  await page.locator('#co-cash-bill_10000').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('co-cash-bill_10000');
  expect(await page.locator('main').textContent()).not.toContain(money(expected, lang)); // blind: the expected cash is not shown
  for (const [key, n] of Object.entries(toCounts(expected - 500))) await page.locator(`#co-cash-${key}`).fill(String(n));
  await page.locator('#co-drop-0-bill_10000').fill(String(before.dropSuggestedCents / 10000));
  await page.locator('#co-card-visa').focus();
  await tenKey(page, '10000');
  await page.keyboard.press('Enter');
  await page.keyboard.type('1');
  await look(page, `${p}16-blind-count`);
  await page.keyboard.press('F9');
  await page.getByTestId('over-short').waitFor();
  await expect.poll(() => page.getByTestId('over-short').textContent()).toContain(money(-500, lang));
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('co-reason');
  await look(page, `${p}17-over-short`);
  await page.keyboard.type('Recounted twice, five dollars short'); await page.keyboard.press('Enter');
  await page.keyboard.type('supervisor'); await page.keyboard.press('Tab');
  await page.keyboard.type('2222'); await page.keyboard.press('Enter');
  await page.getByText(w.closed).first().waitFor();
  const closure = st.sqlGet<{ approved_by: string; over_short_cents: number; state: string }>(
    'SELECT c.approved_by, n.over_short_cents, s.state FROM session_closures c JOIN session_counts n ON n.id = c.count_id JOIN drawer_sessions s ON s.id = c.session_id');
  expect(closure).toEqual({ approved_by: 'supervisor', over_short_cents: -500, state: 'closed' });
  await look(page, `${p}18-closed`);
  const z = await printedSlip(till, words.z);
  expect(z.text).toContain(formatCents(-500).replace('-', ''));
  await page.keyboard.press('F9');
  await page.getByRole('heading', { name: w.open }).waitFor();

  // 8. The supervisor prepares the deposit: float kept back, the slip, the bag number, the bank's figure.
  await page.getByRole('button', { name: w.signOut }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#signin-user').waitFor();
  await page.locator('#signin-user').fill('');
  await signIn(page, 'supervisor');
  await page.getByRole('heading', { name: w.open }).waitFor();
  await page.keyboard.press('Alt+O');
  await page.locator('#office-menu').waitFor();
  await look(page, `${p}19-office-menu`);
  await page.keyboard.press('3');
  await page.locator('#dep-session-0').waitFor();
  await look(page, `${p}20-deposit-sessions`);
  await page.keyboard.press('Enter');
  await page.locator('.slip').waitFor();
  await look(page, `${p}21-deposit-proposal`);
  await page.keyboard.press('F9');
  await page.locator('#dep-bag').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('dep-bag');
  await page.keyboard.type('BAG-20261120-01'); await page.keyboard.press('Enter');
  await page.locator('#dep-bank').waitFor();
  const dep = (await t.ok('deposit.list', {}, 'supervisor'))[0]!;
  expect(dep.state).toBe('prepared');
  // Invariant 5: cash = counted cash + drops − float kept; no checks (the only one was voided); cards not deposited.
  expect(dep.cash.available.totalCents).toBe(expected - 500 + before.dropSuggestedCents);
  expect(dep.cash.deposited.totalCents).toBe(dep.cash.available.totalCents - dep.cash.floatKept.totalCents);
  expect(dep.checks.count).toBe(0);
  expect(dep.totalCents).toBe(dep.cash.deposited.totalCents);
  expect(dep.notDeposited.cardsCents).toBe(10000);
  await expect.poll(() => page.getByTestId('deposit-total').textContent()).toBe(money(dep.totalCents, lang));
  await look(page, `${p}22-deposit-slip`);
  const depSlip = await printedSlip(till, 'BAG-20261120-01');
  expect(depSlip.text).toContain(words.deposit);
  expect(depSlip.text).toContain(formatCents(dep.totalCents));
  await tenKey(page, String(dep.totalCents)); await page.keyboard.press('Enter');
  await page.getByText(w.verified).waitFor();
  const verified = (await t.ok('deposit.get', { depositId: dep.id! }, 'supervisor'));
  expect(verified).toMatchObject({ state: 'verified', bagNumber: 'BAG-20261120-01', differenceCents: 0 });
  await look(page, `${p}23-deposit-verified`);
  expect(verifyLedger(t.station).ok).toBe(true);
}

/** Notes and coins for an amount, largest first (how a count of the drawer could come out). */
function toCounts(cents: number): Record<string, number> {
  const out: Record<string, number> = {};
  let left = cents;
  for (const d of USD_DENOMINATIONS.filter((x) => x.kind !== 'roll' && x.key !== 'coin_100' && x.key !== 'bill_200' && x.key !== 'coin_50')) {
    const n = Math.floor(left / d.valueCents);
    if (n > 0) { out[d.key] = n; left -= n * d.valueCents; }
  }
  return out;
}
