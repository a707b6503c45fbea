// Bill stubs and the slip station as an admin sets them up in the till: the keyboard scanner turned on
// and tested with a scan (read with the city's format, wherever the page is), the slip station turned
// on, a stub format that makes no sense refused with its field named, then saved.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../src/shared/stubs';
import { look, office, openTill, signIn, type Till } from './harness';
import { wedgeScan } from './scanner';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

it('an admin turns the keyboard scanner and the slip station on, tests the scanner, and has a bad format refused', async () => {
  const { page, t } = till;
  await page.locator('#signin-user').waitFor();
  await signIn(page, 'admin');
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await office(page, '8', 'Settings and users');
  await page.locator('#wedge-enabled').waitFor();
  // A new station: no keyboard scanner, no slip station (the till never asks for a form).
  expect(await page.locator('#wedge-enabled').isChecked()).toBe(false);
  expect(await page.locator('#slip-station').isChecked()).toBe(false);

  await page.locator('#wedge-enabled').check();
  await page.locator('#wedge-gap').fill('100');
  await page.locator('#wedge-test').click();
  await page.getByText('Scan a bill stub now').waitFor();
  const stub = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: '100000-64', amountCents: 4250, dueDate: '2026-12-15', billNumber: '2026110101', revenueCodeValue: '02' });
  await wedgeScan(page, stub);
  await expect.poll(() => page.locator('#wedge-test-result').textContent()).toBe('Read with riverton-ocr: account 100000-64, $42.50, due 2026-12-15, bill 2026110101, code SEWER.');

  // A format whose amount runs into the check digit: the station names the field.
  await page.locator('#slip-station').check();
  const formats = JSON.parse(await page.locator('#stub-formats').inputValue()) as { layout: { fields: { amount: { start: number } } } }[];
  formats[0]!.layout.fields.amount.start = 30;
  await page.locator('#stub-formats').fill(JSON.stringify(formats));
  await page.locator('#stub-save').click();
  await expect.poll(() => page.locator('#stub-formats-err').textContent()).toContain('formats.0.layout.fields.amount');
  await look(page, 'en-stub-settings-refused');
  expect((await t.ok('stubs.settings', {})).wedge.enabled).toBe(false);

  // Not JSON at all: said beside the field, nothing sent.
  await page.locator('#stub-formats').fill('[{');
  await page.locator('#stub-save').click();
  await page.getByText('This is not JSON').waitFor();

  // Put right and saved: the station has it.
  formats[0]!.layout.fields.amount.start = 26;
  await page.locator('#stub-formats').fill(JSON.stringify(formats));
  await page.locator('#stub-save').click();
  await expect.poll(async () => (await t.ok('stubs.settings', {})).wedge).toEqual({ enabled: true, suffix: 'Enter', maxGapMs: 100, minLength: 8 });
  await expect.poll(async () => (await t.ok('slips.settings', {})).slipStation).toBe(true);
}, 120_000);
