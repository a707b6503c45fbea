import { chromium } from 'playwright-core';
import { wedgeScan } from './scanner.ts';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../src/shared/stubs.ts';
const url = process.env.URL, pins = JSON.parse(process.env.PINS);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1366, height: 800 } });
const shot = (n) => p.screenshot({ path: `/tmp/walk/${n}.png` });
const signIn = async (who) => { await p.locator('#signin-user').fill(who); await p.locator('#signin-user').press('Enter'); await p.keyboard.type(pins[who]); await p.keyboard.press('Enter'); };
await p.goto(url);
await p.locator('#signin-user').waitFor();
await signIn('cashier');
await p.locator('#lookup').waitFor();
const acct = process.env.ACCT;
for (const [lang, amount] of [['en', 4250], ['es', 1876]]) {
  if (lang === 'es') { await p.keyboard.press('Alt+E'); await p.waitForTimeout(300); }
  await p.locator('#lookup').focus();
  await wedgeScan(p, encodeStub(BUILT_IN_STUB_FORMATS[0], { accountNumber: acct, amountCents: amount, dueDate: '2026-12-15', billNumber: `20261102${lang === 'en' ? '01' : '02'}`, revenueCodeValue: '01' }));
  await p.locator('.receipt-lines tbody tr').first().waitFor();
  await p.waitForTimeout(400);
  await shot(`02-${lang}-scanned`);
  await p.keyboard.press('F6');
  await p.waitForTimeout(300);
  await shot(`03-${lang}-check`);
  await p.locator('#tender-routing').fill('121000358').catch(() => {});
  await p.locator('#tender-check').fill(lang === 'en' ? '501' : '502').catch(() => {});
  await p.locator('#tender-account').fill('55501234').catch(() => {});
  await p.locator('#tender-amount').focus(); await p.keyboard.press('Enter');
  await p.waitForTimeout(300);
  await p.keyboard.press('F9');
  await p.waitForTimeout(2500);
  await shot(`04-${lang}-done`);
  await p.keyboard.press('Enter'); await p.waitForTimeout(500);
}
await b.close();
