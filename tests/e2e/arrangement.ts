// A payment arrangement at the counter, through the real UI in Chromium against browser mode, with the
// ESC/POS printer emulator: a shut-off-pending account gets a plan with a down payment, the agreement
// prints (PNG kept and read back) and saves as a PDF (rendered and read back), an instalment is paid
// on a later day, a second plan is refused, and a supervisor's override is recorded.
// Run in English and in Spanish (arrangement.*.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyLedger } from '../../src/main/station/verify';
import { money } from '../../src/renderer/format';
import { inkRows, readPng } from '../helpers/png';
import { RECEIPT_ARTIFACTS, slipPng } from '../hardware/screenshot';
import { axeProblems, shot, signIn, tenKey, type Till } from './harness';
import { completeWithEnter } from './counterDay';

type Lang = 'en' | 'es';

const WORDS = {
  en: { open: 'Open the drawer', shutoff: 'Shut-off pending', on: 'On arrangement', made: 'made: the agreement prints in', title: 'PAYMENT ARRANGEMENT', copy: '*** COPY ***',
    exists: 'already has a running payment arrangement', below: 'is below the minimum', setUp: 'Payment arrangement', pdf: 'Agreement as PDF' },
  es: { open: 'Abrir la caja', shutoff: 'Corte pendiente', on: 'Con convenio', made: 'hecho: se imprime en', title: 'CONVENIO DE PAGO', copy: '*** COPIA ***',
    exists: 'ya tiene un convenio de pago vigente', below: 'es menor que el mínimo', setUp: 'Convenio de pago', pdf: 'Convenio en PDF' },
} as const;

async function look(page: Page, name: string): Promise<void> {
  await shot(page, name);
  if (name.startsWith('en-')) expect(await axeProblems(page), `accessibility of ${name}`).toEqual([]);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id);

async function chooseAccount(page: Page, accountNumber: string, inList?: (text: string) => void): Promise<void> {
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+A'); // what is typed replaces an earlier search
  await page.keyboard.type(accountNumber);
  await page.locator('#acct-opt-0', { hasText: accountNumber }).waitFor();
  inList?.((await page.locator('#acct-opt-0').textContent()) ?? '');
  await page.keyboard.press('Enter');
  await page.locator('#pay-amount').waitFor();
}

export async function arrangementAtTheCounter(till: Till, lang: Lang): Promise<void> {
  const { page, t, browser } = till;
  const w = WORDS[lang];
  const st = t.station.st;
  const p = `${lang}-arr-`;
  const [plain, other] = st.sqlAll<{ a: string; b: number; name: string }>(
    "SELECT account_number AS a, balance_cents AS b, name FROM accounts WHERE status = 'shutoff_pending' AND balance_cents > 30000 ORDER BY account_number LIMIT 2");

  await page.locator('#signin-user').waitFor();
  if (lang === 'es') {
    await page.keyboard.press('Alt+E');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
  }
  await signIn(page, 'cashier');
  await page.getByRole('heading', { name: w.open }).waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();

  // 1. A shut-off-pending account: the plan, set up from the account in the till.
  await chooseAccount(page, plain!.a);
  await expect.poll(() => page.locator('.account-card .badge').first().textContent()).toBe(w.shutoff);
  await page.keyboard.press('Alt+A');
  await page.locator('#arrangement').waitFor();
  expect(await focused(page)).toBe('arr-total');
  expect(await page.locator('#arr-total').inputValue()).toBe(money(plain!.b, lang));
  await page.locator('table.schedule tbody tr').nth(6).waitFor(); // down payment + 6 monthly instalments
  await page.locator('#arr-lang').selectOption(lang);
  await page.locator('#arr-payer').fill(plain!.name);
  await look(page, `${p}01-set-up`);
  const minDown = Math.min(plain!.b, Math.max(2500, Math.round(plain!.b / 10)));
  await expect.poll(() => page.locator('#arr-down').getAttribute('placeholder')).toBe(money(minDown, lang));
  await page.locator('#arr-payer').press('Enter'); // nothing keyed in the down payment: the minimum, greyed
  await page.locator('#arrangement').waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(minDown, lang));
  await page.locator('.pending-arrangement').waitFor();
  await expect.poll(() => focused(page)).toBe('tender-amount');
  await page.keyboard.press('Enter'); // cash, exactly what is due
  await look(page, `${p}02-down-payment`);
  await completeWithEnter(page);
  await page.getByText(w.made).waitFor();
  await look(page, `${p}03-made`);

  const plan = st.sqlGet<{ id: string; arrangement_number: string; down_receipt_id: string; total_cents: number; down_payment_cents: number; lang: string; instalment_count: number }>(
    'SELECT * FROM arrangements WHERE account_number = ?', plain!.a)!;
  expect(plan).toMatchObject({ arrangement_number: 'ST01-PA00001', total_cents: plain!.b, down_payment_cents: minDown, lang, instalment_count: 6 });
  expect(st.sqlGet<{ total_cents: number }>('SELECT total_cents FROM receipts WHERE id = ?', plan.down_receipt_id)!.total_cents).toBe(minDown);

  // The agreement printed in the customer's language: decoded at the emulator, kept as a PNG and read back.
  const emu = till.rig!.printer;
  const agreement = () => emu.slips().find((s) => s.cut && s.text.includes(w.title) && s.text.join('\n').includes(plan.arrangement_number));
  await emu.waitFor(() => agreement() !== undefined, 15_000, 'the agreement on paper');
  const slip = agreement()!;
  expect(slip.text.join('\n')).toContain(plain!.name);
  const png = await slipPng(browser, slip, 48, `${p}agreement-48`);
  expect(png.overflowing).toBe(0);
  const back = readPng(png.path);
  expect(back.height).toBeGreaterThan(back.width * 2);
  expect(inkRows(back)).toBeGreaterThan(40);

  // And as a PDF for the file, from the button on the finished sale.
  mkdirSync(RECEIPT_ARTIFACTS, { recursive: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.pdf }).click()]);
  expect(download.suggestedFilename()).toBe(`payment-arrangement-${plan.arrangement_number}.pdf`);
  const pdfFile = join(RECEIPT_ARTIFACTS, `${p}agreement.pdf`);
  await download.saveAs(pdfFile);
  expect(execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString()).toContain(w.title);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdfFile, join(RECEIPT_ARTIFACTS, `${p}agreement-pdf`)]);
  expect(inkRows(readPng(join(RECEIPT_ARTIFACTS, `${p}agreement-pdf.png`)))).toBeGreaterThan(25);

  // 2. A later day: the account shows "on arrangement" in place of its shut-off warning, and the next instalment.
  t.clock.t = new Date('2026-12-18T18:00:00Z');
  await page.keyboard.press('Escape');
  const first = st.sqlGet<{ amount_cents: number }>('SELECT amount_cents FROM arrangement_instalments WHERE arrangement_id = ? AND instalment_no = 1', plan.id)!.amount_cents;
  // Lookup shows it in the list already: on arrangement, not shut-off pending, and the next instalment.
  await chooseAccount(page, plain!.a, (row) => {
    expect(row).toContain(w.on);
    expect(row).not.toContain(w.shutoff);
    expect(row).toContain(money(first, lang));
  });
  await expect.poll(() => page.locator('.account-card .badge').first().textContent()).toBe(w.on);
  expect(await page.locator('.account-card').textContent()).not.toContain(w.shutoff);
  await expect.poll(() => page.getByTestId('next-instalment').textContent()).toContain(money(first, lang));
  await look(page, `${p}04-on-arrangement`);
  await page.keyboard.press('Alt+I');
  await expect.poll(() => page.locator('#pay-amount').inputValue()).toBe(money(first, lang));
  await expect.poll(() => focused(page)).toBe('pay-amount');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(first, lang));
  await page.keyboard.press('Enter');
  await completeWithEnter(page);
  const paid = st.sqlAll<{ instalment_no: number; amount_cents: number }>("SELECT instalment_no, amount_cents FROM arrangement_payments WHERE arrangement_id = ? AND cause = 'payment'", plan.id);
  expect(paid).toEqual([{ instalment_no: 1, amount_cents: first }]);
  expect(st.sqlGet<{ business_day: string }>('SELECT r.business_day FROM arrangement_payments p JOIN receipts r ON r.id = p.receipt_id WHERE p.arrangement_id = ? AND p.cause = ?', plan.id, 'payment')!.business_day).toBe('2026-12-18');

  // 3. A second plan on the same account is refused by the station, on the account, with the one running.
  await page.keyboard.press('Escape');
  await chooseAccount(page, plain!.a);
  await page.keyboard.press('Alt+A');
  await page.locator('#arrangement').waitFor();
  await expect.poll(() => page.locator('#arr-account-err').textContent(), { timeout: 10_000 }).toContain(w.exists);
  expect(await page.locator('#arr-account-err').textContent()).toContain(plan.arrangement_number);
  await look(page, `${p}05-second-refused`);
  await page.locator('#arr-payer').press('Enter');
  await expect.poll(() => page.locator('#arr-account-err').textContent()).toContain(w.exists);
  expect(st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM arrangements')!.n).toBe(1);
  await page.keyboard.press('Escape');
  await page.locator('#arrangement').waitFor({ state: 'detached' });

  // 4. Beyond the policy: a down payment under the minimum needs a supervisor's PIN and a reason, recorded.
  await page.keyboard.press('Escape');
  await chooseAccount(page, other!.a);
  await page.getByRole('button', { name: w.setUp }).click();
  await page.locator('#arrangement').waitFor();
  await page.locator('table.schedule tbody tr').nth(6).waitFor();
  await page.locator('#arr-down').focus();
  await tenKey(page, '1000');
  await page.locator('#arr-lang').selectOption(lang);
  await page.locator('#arr-beyond').waitFor();
  await page.locator('#arr-ok').click();
  await expect.poll(() => page.locator('#arr-down-err').textContent()).toContain(w.below);
  await expect.poll(() => focused(page)).toBe('arr-down');
  await page.locator('#arr-sup-user').fill('supervisor');
  await page.locator('#arr-sup-pin').fill('2222');
  await page.locator('#arr-reason').fill(lang === 'es' ? 'Carta de dificultad económica' : 'Hardship letter on file');
  await look(page, `${p}06-override`);
  await page.locator('#arr-reason').press('Enter');
  await page.locator('#arrangement').waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(1000, lang));
  await expect.poll(() => focused(page)).toBe('tender-amount');
  await page.keyboard.press('Enter');
  await completeWithEnter(page);
  const overridden = st.sqlGet<{ approved_by: string; override_reason: string; overrides: string; arrangement_number: string }>('SELECT * FROM arrangements WHERE account_number = ?', other!.a)!;
  expect(overridden).toMatchObject({ approved_by: 'supervisor', override_reason: lang === 'es' ? 'Carta de dificultad económica' : 'Hardship letter on file' });
  expect(JSON.parse(overridden.overrides)).toEqual(['downPayment']);
  await emu.waitFor(() => emu.slips().some((s) => s.cut && s.text.join('\n').includes(overridden.arrangement_number) && s.text.join('\n').includes('Sam Supervisor')), 15_000, 'the overridden agreement');
  await look(page, `${p}07-override-made`);
  expect(verifyLedger(t.station).summary).toMatch(/^OK/);
}
