// Mail batches and payment files through the real UI in Chromium against browser mode: a mail batch
// entered against the tape (a stub scanned, a check read by the MICR reader over a pty, others keyed), out by a cent, corrected (the item voided with another supervisor's PIN and
// keyed again), closed and put in a bank deposit; then a lockbox file imported with one unknown
// account, resolved from the exceptions queue. Run in English and Spanish.
import { expect } from 'vitest';
import { money } from '../../src/renderer/format';
import { verifyLedger } from '../../src/main/station/verify';
import { lockboxFile } from '../helpers/batchFiles';
import { micrLine } from '../../src/hardware/micr/emulator';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../src/shared/stubs';
import { ROUTING } from '../helpers/station';
import { look, office, shot, signIn, tenKey, type Till } from './harness';

type Lang = 'en' | 'es';
const W = {
  en: { title: 'Mail, drop box and payment files', resolved: 'No payments to resolve.', imported: '1 to resolve', deposited: 'In a bank deposit.', closed: 'Closed by' },
  es: { title: 'Correo, buzón y archivos de pagos', resolved: 'No hay pagos por resolver.', imported: '1 por resolver', deposited: 'En un depósito bancario.', closed: 'Cerrado por' },
} as const;

async function keyItem(till: Till, account: string, cents: string, check: string): Promise<void> {
  const { page } = till;
  await page.locator('#bi-account').fill(account);
  await page.locator('#bi-amount').focus();
  await tenKey(page, cents);
  await page.locator('#bi-check').fill(check);
  await page.locator('#bi-routing').fill(ROUTING);
  await page.locator('#bi-bank').fill('44001234');
  await page.locator('#bi-postmark').fill('2026-11-18');
  await page.locator('#bi-postmark').press('Enter');
}

export async function batchesInTheUi(till: Till, lang: Lang): Promise<void> {
  try {
    await run(till, lang);
  } catch (e) {
    await shot(till.page, `${lang}-batch-failed`).catch(() => undefined);
    throw e;
  }
}

async function run(till: Till, lang: Lang): Promise<void> {
  const { page, t } = till;
  const w = W[lang];
  const accounts = (await t.ok('accounts.search', { query: '1', limit: 10 })).filter((a) => a.status === 'active').map((a) => a.accountNumber);
  await page.locator('#signin-user').waitFor();
  await signIn(page, 'supervisor');
  await page.locator('#open-title, h1').first().waitFor();
  if (lang === 'es') await page.keyboard.press('Alt+E');
  await office(page, '9', w.title);

  // The tape: 2 items, $200.00.
  await page.locator('#bo-source').selectOption('mail');
  await page.locator('#bo-count').fill('2');
  await page.locator('#bo-amount').focus();
  await tenKey(page, '20000');
  await page.keyboard.press('Enter');
  await page.locator('#batch-title').waitFor();
  expect(await page.locator('#batch-diff-cents').textContent()).toBe(money(-20000, lang));

  // The first: its stub scanned (the scanline keyed into the stub field) and its check read by the MICR reader.
  const raw = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: accounts[0]!, amountCents: 10000, dueDate: '2026-12-15', billNumber: '2026110101', revenueCodeValue: '01' });
  await page.locator('#bi-stub').fill(raw);
  await page.locator('#bi-stub').press('Enter');
  await expect.poll(() => page.locator('#bi-account').inputValue()).toBe(accounts[0]);
  await till.rig!.micr.sendLine(micrLine({ routing: ROUTING, account: '55501234', checkNumber: '501' }));
  await expect.poll(() => page.locator('#bi-check').inputValue()).toBe('501');
  expect(await page.locator('#bi-routing').inputValue()).toBe(ROUTING);
  await page.locator('#bi-postmark').fill('2026-11-18');
  await page.locator('#bi-postmark').press('Enter');
  await page.locator('#batch-entered-count').getByText('1').waitFor();
  const first = t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM receipt_stubs')!.n;
  expect(first).toBe(1);
  expect(t.station.st.sqlGet<{ micr_raw: string | null; check_account: string }>('SELECT t.micr_raw, t.check_account FROM tenders t JOIN batch_items i ON i.receipt_id = t.receipt_id')).toMatchObject({ check_account: '55501234', micr_raw: expect.stringContaining('501') });
  // The second check keyed a cent short: the difference shows it at once.
  await keyItem(till, accounts[1]!, '9999', '502');
  await page.locator('#batch-diff-cents').getByText(money(-1, lang)).waitFor();
  expect(await page.locator('#batch-diff-count').textContent()).toBe('0');
  await look(page, `${lang}-batch-01-out-by-a-cent`);
  // Closing is refused without an approval.
  await page.locator('#batch-close').click();
  await page.locator('#bc-reason-err, #bc-sup-user-err, #bc-err').first().waitFor();
  expect(await t.ok('batch.list', { state: 'open' })).toHaveLength(1);

  // Corrected: the item voided with another supervisor's PIN, then keyed again.
  await page.locator('#batch-void-2').click();
  await page.locator('#bv-reason').fill(lang === 'en' ? 'keyed a cent short' : 'un centavo de menos');
  await page.locator('#bv-sup-user').fill('admin');
  await page.locator('#bv-sup-pin').fill('3333');
  await page.locator('#bv-sup-pin').press('Enter');
  await page.locator('#bv-reason').waitFor({ state: 'detached' });
  await keyItem(till, accounts[1]!, '10000', '502');
  await page.locator('#batch-diff-cents').getByText(money(0, lang)).waitFor();
  await page.locator('#batch-close').click();
  await page.locator('#batch-closed').getByText(w.closed).waitFor();
  await page.locator('#batch-deposit').click();
  await page.locator('#batch-deposited').getByText(w.deposited).waitFor();
  await look(page, `${lang}-batch-02-closed-deposited`);
  // The batch report as a PDF, downloaded from the screen.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('#batch-pdf').click()]);
  expect(pdf.suggestedFilename()).toBe('batch-report-ST01-B00001.pdf');
  const [batch] = await t.ok('batch.list', { state: 'closed' });
  const deposits = await t.ok('deposit.list', {}, 'supervisor');
  expect(deposits.map((d) => [d.totalCents, d.checks.count])).toEqual([[20000, 2]]);
  expect(batch).toMatchObject({ entered: { count: 2, cents: 20000 }, balanced: true });

  // A lockbox file with one unknown account.
  const file = lockboxFile([{ ref: 'LB1', account: accounts[2]!, cents: 4200 }, { ref: 'LB2', account: '999999-99', cents: 1800 }]);
  await page.locator('#bf-source').selectOption('lockbox');
  await page.locator('#bf-file').setInputFiles({ name: 'lockbox-20261120.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
  await page.locator('#bf-bank').focus();
  await tenKey(page, '6000');
  await page.locator('#bf-import').click();
  await page.locator('#bf-said').getByText(w.imported).waitFor();
  await page.locator('#bx-list button').first().click();
  await page.locator('#bx-account').fill(accounts[3]!);
  await page.locator('#bx-note').fill(lang === 'en' ? 'digits swapped on the stub' : 'dígitos cambiados en el talón');
  await look(page, `${lang}-batch-03-exception`);
  await page.locator('#bx-note').press('Enter');
  await page.getByText(w.resolved).waitFor();
  const all = await t.ok('batch.exceptions', { open: false });
  expect(all.map((x) => [x.accountNumber, x.resolution?.action, x.resolution?.accountNumber])).toEqual([['999999-99', 'apply_to_account', accounts[3]]]);
  expect(verifyLedger(t.station).ok).toBe(true);
}
