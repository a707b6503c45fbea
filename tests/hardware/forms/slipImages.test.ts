// Validations and endorsements as the slip station prints them: through the driver to the emulator's
// slip station over TCP, rendered from what it decoded (artifacts/receipts/slip-*.png), in both
// languages (a second print says COPY / COPIA), each line within the slip's width.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import { slipDoc } from '../../../src/hardware/forms/slip';
import { DEFAULT_SLIP_SETTINGS, fillTemplate, maskAccount, type SlipPrint } from '../../../src/shared/slips';
import { launch, slipPng } from '../screenshot';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser.close(); });

const values = { city: 'CITY OF RIVERTON', date: '2026-11-20', time: '09:30', receipt: 'ST01-000042', account: '100000-64', amount: '$42.50', station: 'ST01', code: 'WATER', bill: '2026110101', cashier: 'Casey Cashier' };
const validation = (copy: boolean): SlipPrint => ({
  kind: 'validation', receiptNumber: 'ST01-000042', receiptId: 'r', number: 1, accountNumber: '100000-64', checkNumber: null, amountCents: 4250, copy,
  lines: fillTemplate(DEFAULT_SLIP_SETTINGS.validation.byDepartment.utility!, values, 40),
});
const endorsement = (copy: boolean): SlipPrint => ({
  kind: 'endorsement', receiptNumber: 'ST01-000042', receiptId: 'r', number: 2, accountNumber: null, checkNumber: '2077', amountCents: 4250, copy,
  lines: fillTemplate(DEFAULT_SLIP_SETTINGS.endorsement, { city: 'City of Riverton', bank: 'First Riverton Bank', bankAccount: maskAccount('4400012345'), receipt: 'ST01-000042', amount: '$42.50', date: '2026-11-20', checkNumber: '2077', station: 'ST01' }, 40),
});

async function printAndShoot(p: SlipPrint, lang: 'en' | 'es', name: string) {
  const emu = new EscPosEmulator({ columns: 48, slipStation: true, slipColumns: 40, removeOnRelease: true });
  await emu.listen();
  const printer = createPrinter({ id: 'p', kind: 'printer', address: emu.address, options: { columns: 48, pollMs: 60000, jobPollMs: 20, slipPollMs: 20 } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
  try {
    emu.insertForm();
    await printer.printSlip(slipDoc(p, lang, 40), 5000);
    const [form] = emu.forms;
    expect(form!.released).toBe(true);
    expect(form!.text.every((l) => l.length <= 40)).toBe(true);
    const [slip] = emu.formSlips();
    const shot = await slipPng(browser, slip!, 40, name);
    expect(shot.overflowing).toBe(0);
    expect(statSync(shot.path).size).toBeGreaterThan(3000);
    return form!;
  } finally {
    await printer.close();
    await emu.close();
  }
}

describe('slip images from the decoded output', () => {
  it('a validation on the face of a stub, English', async () => {
    const f = await printAndShoot(validation(false), 'en', 'slip-validation-en');
    expect(f).toMatchObject({ paper: 'validation', side: 'face', text: ['*** PAID *** CITY OF RIVERTON', '2026-11-20 09:30 ST01-000042', 'ACCT 100000-64 BILL 2026110101', 'WATER $42.50 STN ST01'] });
  });

  it('an endorsement on the back of a check printed again: COPIA, Spanish', async () => {
    const f = await printAndShoot(endorsement(true), 'es', 'slip-endorsement-copy-es');
    expect(f).toMatchObject({ paper: 'slip', side: 'back' });
    expect(f.text).toEqual(['FOR DEPOSIT ONLY', 'PAY TO THE ORDER OF First Riverton Bank', 'City of Riverton ACCT ******2345', 'RCPT ST01-000042 $42.50', '*** COPIA ***']);
  });
});
