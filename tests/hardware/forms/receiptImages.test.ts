// Sample receipts, both languages and both paper widths, printed through the driver to the emulator
// over TCP and rendered from what the emulator decoded — to look at (artifacts/receipts/*.png).
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import { receiptForm } from '../../../src/hardware/forms/receipt';
import { voidForm } from '../../../src/hardware/forms/voidReceipt';
import { movementForm } from '../../../src/hardware/forms/movementSlip';
import type { PrintDoc } from '../../../src/hardware/forms/doc';
import { ctxFor, sampleReceipt } from '../fixtures';
import { launch, slipPng } from '../screenshot';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser.close(); });

const base = sampleReceipt();
const receipt = sampleReceipt({
  lines: [...base.lines, { lineNo: 3, revenueCode: 'UTAX', nameEn: 'Utility tax', nameEs: 'Impuesto de servicios públicos', glAccount: '001-1100-31640', accountNumber: '10001234', amountCents: 259, feeInputs: null, description: null }],
  tenders: [
    { ...base.tenders[0]!, amountCents: 10000 },
    base.tenders[1]!,
    { tenderNo: 3, kind: 'card', amountCents: 5000, checkRouting: null, checkAccount: null, checkNumber: null, micrRaw: null, cardBrand: 'visa', cardLast4: '4242', cardAuth: 'A1B2C3', reference: null },
  ],
  totalCents: 19580, tenderedCents: 20000, changeCents: 420,
});

async function printAndShoot(columns: 32 | 48, doc: PrintDoc, name: string) {
  const emu = new EscPosEmulator({ columns });
  await emu.listen();
  const printer = createPrinter({ id: 'p', kind: 'printer', address: emu.address, options: { columns, pollMs: 60000, jobPollMs: 20 } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
  try {
    await printer.print(doc);
    const [slip] = emu.slips();
    expect(slip!.cut).toBe(true);
    expect(emu.events.filter((e) => e.type === 'line' && e.wrapped)).toEqual([]);
    const shot = await slipPng(browser, slip!, columns, name);
    expect(shot.overflowing).toBe(0);
    expect(statSync(shot.path).size).toBeGreaterThan(5000);
    return slip!;
  } finally {
    await printer.close();
    await emu.close();
  }
}

describe('receipt images from the decoded output', () => {
  for (const lang of ['en', 'es'] as const) {
    for (const columns of [48, 32] as const) {
      it(`customer receipt, ${lang}, ${columns} columns`, async () => {
        const slip = await printAndShoot(columns, receiptForm(ctxFor(lang, columns), { receipt, balances: [{ accountNumber: '10001234', balanceCents: 1200 }], duplicate: false }), `receipt-${lang}-${columns}`);
        expect(slip.text.join('\n')).toContain(lang === 'en' ? 'OFFICIAL RECEIPT' : 'RECIBO OFICIAL');
        expect(slip.items.some((i) => i.type === 'qr')).toBe(true);
      });
    }
  }

  it('duplicate with a barcode, 32 columns, English', async () => {
    const slip = await printAndShoot(32, receiptForm(ctxFor('en', 32, 'barcode'), { receipt, balances: [], duplicate: true }), 'receipt-duplicate-barcode-en-32');
    expect(slip.text).toContain('*** DUPLICATE ***');
    expect(slip.items.find((i) => i.type === 'barcode')).toMatchObject({ symbology: 'CODE128', data: 'ST01-000042' });
  });

  it('void slip (es, 48) and drop / paid-out slips (en, 32)', async () => {
    await printAndShoot(48, voidForm(ctxFor('es', 48), { receipt, voidedAt: '2026-11-20T18:02:00.000Z', voidedBy: 'Casey Cashier', approvedBy: 'Sam Supervisor', reason: 'Cobrado dos veces' }), 'void-es-48');
    const movement = { id: '8c2e1f00-0000-4000-8000-000000000001', sessionId: 'S1', amountCents: 50000, reason: null, userId: 'cashier', approvedBy: null, createdAt: '2026-11-20T19:00:00.000Z' };
    await printAndShoot(32, movementForm(ctxFor('en', 32), { movement: { ...movement, kind: 'drop' }, businessDay: '2026-11-20', userName: 'Casey Cashier', approverName: null, counts: { bill_10000: 2, bill_2000: 10, bill_1000: 10 } }), 'drop-en-32');
    await printAndShoot(32, movementForm(ctxFor('en', 32), { movement: { ...movement, kind: 'paid_out', amountCents: 15000, reason: 'Utility deposit refund, acct 10001234', approvedBy: 'supervisor' }, businessDay: '2026-11-20', userName: 'Casey Cashier', approverName: 'Sam Supervisor', counts: null }), 'paid-out-en-32');
  });
});
