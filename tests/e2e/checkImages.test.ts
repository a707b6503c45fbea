// Checks scanned with images, in Chromium, in English and Spanish: the image scanner emulator (over TCP)
// scans a check; the till fills the check tender and shows its front and back beside it; the payment
// posts with the images as part of the tender, and the close-out checklist shows them. A jam is said, and
// nothing is filled from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageScannerEmulator } from '../../src/hardware/checkScanner/emulator';
import { ROUTING } from '../helpers/station';
import { completeWithEnter, payAccount } from './counterDay';
import { tillWithImageScanner } from './imageScannerTill';
import { look, signIn, type Till } from './harness';

const WORDS = {
  en: { front: 'Front of the check', back: 'Back of the check', jam: 'The check scanner jammed' },
  es: { front: 'Anverso del cheque', back: 'Reverso del cheque', jam: 'El escáner de cheques se atascó' },
} as const;

describe.each(['en', 'es'] as const)('checks with images (%s)', (lang) => {
  let till: Till;
  let emu: ImageScannerEmulator;
  beforeAll(async () => { ({ till, emu } = await tillWithImageScanner()); });
  afterAll(async () => { await till?.close(); await emu?.close(); });

  it('scans a check, shows its images beside the tender and posts them with it', async () => {
    const { page, t } = till;
    const w = WORDS[lang];
    await page.locator('#signin-user').waitFor();
    if (lang === 'es') await page.keyboard.press('Alt+E');
    await signIn(page, 'cashier');
    await page.locator('#lookup').waitFor();
    const acct = (await t.ok('accounts.search', { query: '1002', limit: 1 }))[0]!;
    await payAccount(page, acct.accountNumber, '4250');

    await emu.fault('J');
    await page.getByText(w.jam).first().waitFor();
    expect(await page.locator('#tender-routing').count()).toBe(0);

    await emu.feed({ routing: ROUTING, account: '44556677', checkNumber: '5120', amountCents: 4250 });
    await expect.poll(() => page.locator('#tender-routing').inputValue()).toBe(ROUTING);
    await page.getByRole('img', { name: w.front }).waitFor();
    await page.getByRole('img', { name: w.back }).waitFor();
    const sha = await page.getByRole('img', { name: w.front }).getAttribute('data-sha256');
    // The pictures really drew (a policy refusing data: images leaves them broken, 0 wide).
    await expect.poll(() => page.getByRole('img', { name: w.front }).evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1200);
    await look(page, `check-images-${lang}-01-tender`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tender-amount');
    await page.keyboard.press('Enter');
    await completeWithEnter(page);

    const row = t.station.st.sqlGet<{ front_sha256: string; check_number: string }>(
      'SELECT ti.front_sha256, t.check_number FROM tender_images ti JOIN tenders t ON t.receipt_id = ti.receipt_id AND t.tender_no = ti.tender_no');
    expect(row).toEqual({ front_sha256: sha, check_number: '5120' });

    // Close-out: the checklist shows the check with its images, to match the paper against.
    await page.keyboard.press('F10');
    await page.keyboard.press('0');
    await page.locator('#co-item-0').waitFor();
    const item = page.locator('.checklist li').first();
    await item.getByRole('img', { name: w.front }).waitFor();
    await expect.poll(() => item.getByRole('img', { name: w.front }).evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1200);
    expect(await item.getByRole('img', { name: w.front }).getAttribute('data-sha256')).toBe(sha);
    await look(page, `check-images-${lang}-02-closeout`);
  });
});
