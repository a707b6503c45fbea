// Bill stubs at the counter, through the real UI in Chromium against browser mode, with the ESC/POS
// emulator's slip station: a keyboard-wedge scan fills a line (nothing leaks into the focused field, a
// person's typing is never a scan), the cashier pays by check, the stub is validated and the check
// endorsed on the slip station (both rendered to PNG and read back), a past-due stub takes the late
// penalty, a bad check digit and a cut-short scan are refused, a duplicate is warned about, and the QR
// code read back from a printed receipt's image opens that receipt. Run in English and Spanish.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { money } from '../../src/renderer/format';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../src/shared/stubs';
import { verifyLedger } from '../../src/main/station/verify';
import { ROUTING } from '../helpers/station';
import { launch, slipPng } from '../hardware/screenshot';
import { look, shot, signIn, tenKey, type Till } from './harness';
import { cutShortScan, personTypes, wedgeScan } from './scanner';

type Lang = 'en' | 'es';

const WORDS = {
  en: {
    open: 'Open the drawer', insertStub: 'Insert the stub for account', insertCheck: 'face down in the slip station', checkDigit: "The stub's check digit does not match",
    cutShort: 'Only part of the stub was read', duplicate: 'is already on this receipt', lateTitle: 'Past due', receipt: 'Receipt', reprinted: 'sent to the printer again',
    dontAdd: 'Do not add it', due: 'Due', pastDue: 'past due', changeAmount: 'Change the amount', paidToday: 'was already paid today',
  },
  es: {
    open: 'Abrir la caja', insertStub: 'Ponga el talón de la cuenta', insertCheck: 'boca abajo en la estación de formularios', checkDigit: 'El dígito de control del talón no coincide',
    cutShort: 'Solo se leyó parte del talón', duplicate: 'ya está en este recibo', lateTitle: 'Vencido', receipt: 'Recibo', reprinted: 'se envió otra vez a la impresora',
    dontAdd: 'No agregarlo', due: 'Vence', pastDue: 'vencida', changeAmount: 'Cambiar el importe', paidToday: 'ya se pagó hoy',
  },
} as const;

const [ocr, twoD] = BUILT_IN_STUB_FORMATS as [NonNullable<(typeof BUILT_IN_STUB_FORMATS)[0]>, NonNullable<(typeof BUILT_IN_STUB_FORMATS)[1]>];

/** A PNG read back: its size, and how much of it is ink (dark pixels). */
function readPng(path: string): { width: number; height: number; ink: number } {
  const png = PNG.sync.read(readFileSync(path));
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 100 && png.data[i + 1]! < 100 && png.data[i + 2]! < 100) dark++;
  return { width: png.width, height: png.height, ink: dark / (png.width * png.height) };
}

/** The QR code in a PNG, decoded from its pixels. */
function qrIn(path: string): string | null {
  const png = PNG.sync.read(readFileSync(path));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

export async function stubsAtTheCounter(till: Till, lang: Lang): Promise<void> {
  try {
    await atTheCounter(till, lang);
  } catch (e) {
    // The screen as it was when a step failed, to see why.
    await shot(till.page, `${lang}-stub-failed`).catch(() => undefined);
    throw e;
  }
}

async function atTheCounter(till: Till, lang: Lang): Promise<void> {
  const { page, t } = till;
  const w = WORDS[lang];
  const p = `${lang}-stub-`;
  const emu = till.rig!.printer;
  const st = t.station.st;
  await t.ok('printing.updateSettings', { receiptLanguage: lang }, 'admin');
  // The widest gap allowance: these bursts come over CDP, each key after the page has handled the one
  // before, on a busy machine; a person's keys (200 ms apart here) stay far slower.
  await t.ok('stubs.updateSettings', { wedge: { enabled: true, suffix: 'Enter', maxGapMs: 100, minLength: 8 } }, 'admin');

  await page.locator('#signin-user').waitFor();
  if (lang === 'es') { await page.keyboard.press('Alt+E'); await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor(); }
  await signIn(page, 'cashier');
  await page.getByRole('heading', { name: w.open }).waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();

  const [a, b] = await t.ok('accounts.search', { query: '1000', limit: 2 });
  const stub1 = encodeStub(ocr, { accountNumber: a!.accountNumber, amountCents: 4250, dueDate: '2026-12-15', billNumber: '2026110101', revenueCodeValue: '01' });
  const rows = page.locator('.receipt-lines tbody tr');

  // 1. A keyboard-wedge scan with the focus in the account lookup: a line, and nothing in the field.
  await page.locator('#lookup').focus();
  await wedgeScan(page, stub1);
  await rows.first().waitFor();
  await expect.poll(() => rows.count()).toBe(1);
  await expect.poll(() => page.locator('#lookup').inputValue()).toBe('');
  const line1 = await rows.first().textContent();
  expect(line1).toContain(a!.accountNumber);
  expect(line1).toContain(money(4250, lang));
  expect(await page.getByTestId('line-1-due').textContent()).toBe(`${w.due} 2026-12-15`);
  await look(page, `${p}01-scanned-line`);

  // 2. A person keying the same digits is typing, not a scan: every digit reaches the field, in order.
  await page.locator('#lookup').focus();
  await personTypes(page, stub1);
  expect(await page.locator('#lookup').inputValue()).toBe(stub1);
  expect(await rows.count()).toBe(1);
  await page.locator('#lookup').fill('');

  // 3. The same stub again: a warning that needs a confirmation; not added.
  await wedgeScan(page, stub1);
  await page.locator('#stub-duplicate').getByText(w.duplicate).waitFor();
  await look(page, `${p}02-duplicate`);
  await page.locator('#stub-dont-add').click();
  await page.locator('#stub-duplicate').waitFor({ state: 'detached' });
  expect(await rows.count()).toBe(1);

  // 4. A bad check digit and a scan cut short: a clear message, nothing added, nothing in the field.
  const bad = stub1.slice(0, 35) + String((Number(stub1[35]) + 3) % 10);
  await page.locator('#lookup').focus();
  await wedgeScan(page, bad);
  await page.locator('.notices').getByText(w.checkDigit).waitFor();
  await cutShortScan(page, stub1.slice(0, 20));
  await page.locator('.notices').getByText(w.cutShort).waitFor();
  expect(await rows.count()).toBe(1);
  expect(await page.locator('#lookup').inputValue()).toBe('');
  await look(page, `${p}03-refused`);

  // 5. A partial payment: $40.00 of the $42.50 due, keyed on the line.
  await page.locator('#line-1-edit').click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('line-1-amount');
  await tenKey(page, '4000');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(4000, lang));

  // 6. Paid by check; the payment is committed, then the slips: the stub validated, the check endorsed.
  await page.keyboard.press('F6');
  await page.locator('#tender-routing').waitFor();
  // Keyed by the cashier at a person's pace, slower than the wedge's 100 ms gap set above (keys 90 ms apart
  // were within it: a routing number could be read as a scan): never a scan, though 8+ digits.
  await page.keyboard.type(ROUTING, { delay: 160 }); await page.keyboard.press('Enter');
  await page.keyboard.type('123456789', { delay: 160 }); await page.keyboard.press('Enter');
  await page.keyboard.type('2077', { delay: 160 }); await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // the amount still due
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('complete');
  await page.keyboard.press('Enter');
  await page.locator('.change-due').waitFor();
  const r1 = st.sqlGet<{ id: string; receipt_number: string }>('SELECT id, receipt_number FROM receipts ORDER BY seq DESC LIMIT 1')!;
  expect(st.sqlAll('SELECT account_number, amount_due_cents FROM receipt_stubs WHERE receipt_id = ?', r1.id)).toEqual([{ account_number: a!.accountNumber, amount_due_cents: 4250 }]);
  await page.locator('#slip-prompt').getByText(`${w.insertStub} ${a!.accountNumber}`).waitFor({ timeout: 15_000 });
  await look(page, `${p}04-insert-stub`);
  emu.insertForm();
  await page.locator('#slip-prompt').getByText(w.insertCheck).waitFor({ timeout: 15_000 });
  expect(await page.locator('#slip-prompt').textContent()).toContain('2077');
  await look(page, `${p}05-insert-check`);
  emu.insertForm();
  await emu.waitFor(() => emu.forms.length === 2 && emu.forms[1]!.released, 15_000, 'the endorsement');
  await page.locator('#slip-prompt').waitFor({ state: 'detached' });
  const [validation, endorsement] = emu.forms;
  expect(validation).toMatchObject({ paper: 'validation', side: 'face' });
  expect(validation!.text.join('\n')).toContain(`ACCT ${a!.accountNumber}`);
  expect(validation!.text.join('\n')).toContain(r1.receipt_number);
  expect(validation!.text.join('\n')).toContain('$40.00');
  expect(endorsement).toMatchObject({ paper: 'slip', side: 'back' });
  expect(endorsement!.text[0]).toBe('FOR DEPOSIT ONLY');
  expect(endorsement!.text.join('\n')).toContain('******2345');

  // Both slips as PNG (kept under artifacts/receipts/), read back: the paper's size, ink on it.
  const browser: Browser = await launch();
  try {
    const slips = emu.formSlips();
    for (const [i, name] of [[0, 'validation'], [1, 'endorsement']] as const) {
      const shot = await slipPng(browser, slips[i]!, 40, `${lang}-${name}`);
      expect(shot.overflowing).toBe(0);
      const png = readPng(shot.path);
      expect(png.width).toBeGreaterThan(300);
      expect(png.height).toBeGreaterThan(60);
      expect(png.ink).toBeGreaterThan(0.005);
    }

    // 7. A receipt's QR code, read back from the printed receipt's image, opens that receipt for reprint.
    const receiptSlip = emu.slips().find((s) => s.text.some((l) => l.includes(r1.receipt_number)))!;
    const shot = await slipPng(browser, receiptSlip, 48, `${lang}-stub-receipt`);
    const code = qrIn(shot.path);
    expect(code).toBe(r1.receipt_number);
    await page.keyboard.press('Escape'); // next customer
    await page.locator('#lookup').focus();
    await wedgeScan(page, code!);
    await page.locator('#receipt-found').getByRole('heading', { name: `${w.receipt} ${r1.receipt_number}` }).waitFor();
    await look(page, `${p}06-receipt-found`);
    await page.locator('#found-reprint').click();
    await page.locator('.notices').getByText(w.reprinted).waitFor();
    await emu.waitFor(() => emu.slips().filter((s) => s.text.some((l) => l.includes(r1.receipt_number))).length === 2, 10_000, 'the duplicate');
  } finally {
    await browser.close();
  }

  // 8. A past-due stub (the 2-D code this time): the late penalty is offered and taken; paid in cash.
  const stub2 = encodeStub(twoD, { accountNumber: b!.accountNumber, amountCents: 20000, dueDate: '2026-09-15', billNumber: '2026090044', revenueCodeValue: 'WATER' });
  await page.locator('#lookup').focus();
  await wedgeScan(page, stub2);
  await page.locator('#late-penalty').getByRole('heading', { name: w.lateTitle }).waitFor();
  expect(await page.locator('#late-penalty').textContent()).toContain(money(600, lang));
  await look(page, `${p}07-late-penalty`);
  await page.keyboard.press('Enter');
  await page.locator('#late-penalty').waitFor({ state: 'detached' });
  await expect.poll(() => rows.count()).toBe(2);
  expect(await page.getByTestId('line-1-due').textContent()).toBe(`${w.due} 2026-09-15 — ${w.pastDue}`);
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(20600, lang));
  await page.keyboard.press('F5');
  await tenKey(page, '21000');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('complete');
  await page.keyboard.press('Enter');
  await page.locator('.change-due').waitFor();
  const r2 = st.sqlGet<{ id: string }>('SELECT id FROM receipts ORDER BY seq DESC LIMIT 1')!;
  expect(st.sqlAll('SELECT revenue_code, amount_cents, fee_inputs FROM receipt_lines WHERE receipt_id = ? ORDER BY line_no', r2.id)).toEqual([
    { revenue_code: 'WATER', amount_cents: 20000, fee_inputs: null },
    { revenue_code: 'LATE', amount_cents: 600, fee_inputs: '{"baseCents":20000,"monthsPastDue":3}' },
  ]);
  // The cashier skips this stub's validation: logged with the receipt, the payment stands.
  await page.locator('#slip-prompt').getByText(`${w.insertStub} ${b!.accountNumber}`).waitFor({ timeout: 15_000 });
  await page.locator('#slip-skip').click();
  await page.locator('#slip-prompt').waitFor({ state: 'detached' });
  await expect.poll(() => st.sqlAll("SELECT event FROM slip_log WHERE receipt_id = ? AND event = 'skipped'", r2.id).length).toBe(1);

  // 9. Tomorrow's duplicate today: the first stub, paid on receipt 1, is named when scanned again.
  await page.keyboard.press('Escape');
  await page.locator('#lookup').focus();
  await wedgeScan(page, stub1);
  await page.locator('#stub-duplicate').getByText(w.paidToday).waitFor();
  expect(await page.locator('#stub-duplicate').textContent()).toContain(r1.receipt_number);
  await page.keyboard.press('Escape');
  await page.locator('#stub-duplicate').waitFor({ state: 'detached' });

  expect(st.sqlAll('SELECT form, event FROM slip_log WHERE receipt_id = ? ORDER BY seq', r1.id)).toEqual(expect.arrayContaining([
    { form: 'validation', event: 'printed' }, { form: 'endorsement', event: 'printed' }]));
  const verified = verifyLedger(t.station);
  expect(verified.ok, verified.summary).toBe(true);
}
