// End of day on paper: the Z report prints at close-out and the deposit slip when the deposit is
// prepared (decoded at the emulator), both also as letter-size PDFs (rendered to PNG to look at).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { slipText } from '../../../src/hardware/emulators/escpos/paper';
import type { Slip } from '../../../src/hardware/emulators/escpos/events';
import { uuid } from '../../helpers/station';
import { ROUTING } from '../../helpers/station';
import { launch, RECEIPT_ARTIFACTS, slipPng } from '../../hardware/screenshot';
import { jobRows, rig, until, type Rig } from './printerRig';
import type { XReport } from '../../../src/shared/endOfDayViews';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import { sessionReportForm } from '../../../src/hardware/forms/sessionReport';
import { ctxFor } from '../../hardware/fixtures';

const SUPERVISOR = { userId: 'supervisor', pin: '2222' } as const;
let r: Rig;
let browser: Browser;
let sessionId: string;
let depositId: string;
let z: Slip;
let slip: Slip;
let xData: XReport;

beforeAll(async () => {
  browser = await launch();
  r = await rig();
  const t = r.t;
  sessionId = (await t.ok('session.current', {}))!.id;
  const acct = r.account;
  const pay = (lines: Parameters<typeof t.ok<'receipt.post'>>[1]['lines'], tenders: Parameters<typeof t.ok<'receipt.post'>>[1]['tenders']) => t.ok('receipt.post', { id: uuid(), lines, tenders });
  await pay([{ revenueCode: 'WATER', accountNumber: acct, amountCents: 8450 }], [{ kind: 'cash', amountCents: 10000 }]);
  const r2 = await pay([{ revenueCode: 'BLIC', feeInputs: { quantity: 3 } }], [{ kind: 'check', amountCents: 7500, routing: ROUTING, account: '123456789', checkNumber: '1042' }]);
  const r3 = await pay([{ revenueCode: 'SEWER', accountNumber: acct, amountCents: 4225 }], [{ kind: 'money_order', amountCents: 4000, reference: 'MO-778' }, { kind: 'cash', amountCents: 225 }]);
  await pay([{ revenueCode: 'UDEP', accountNumber: acct }], [{ kind: 'card', amountCents: 15000, brand: 'visa', last4: '4242', authCode: 'AUTH1' }]);
  const r5 = await pay([{ revenueCode: 'MISC', amountCents: 1000 }], [{ kind: 'cash', amountCents: 1000 }]);
  await t.ok('receipt.void', { id: uuid(), receiptNumber: r5.receiptNumber, reason: 'keyed by mistake', approval: SUPERVISOR });
  await pay([{ revenueCode: 'GARB', accountNumber: acct, amountCents: 21000 }], [{ kind: 'cash', amountCents: 21000 }]);
  await t.ok('drawer.paidIn', { id: uuid(), amountCents: 2000, reason: 'change from safe' });
  await t.ok('drawer.paidOut', { id: uuid(), amountCents: 1200, reason: 'refund of overpaid permit', approval: SUPERVISOR });
  await t.ok('drawer.drop', { id: uuid(), amountCents: 20000, counts: { bill_2000: 10 } });
  xData = await t.ok('report.x', {}, 'supervisor');
  await t.ok('print.xReport', {}, 'supervisor');
  await until(() => jobRows(t).some((j) => j.form === 'x_report' && j.state === 'printed'), 'the X report to print', 10000);
  await t.ok('closeout.start', {});
  await t.ok('closeout.count', {
    id: uuid(),
    cash: { bill_2000: 7, bill_1000: 4, bill_500: 8, bill_100: 24, coin_25: 21, coin_10: 25, coin_5: 40, coin_1: 50 },
    items: [{ receiptNumber: r2.receiptNumber, tenderNo: 1, present: true }, { receiptNumber: r3.receiptNumber, tenderNo: 1, present: true }],
    cards: [{ brand: 'visa', amountCents: 15000, count: 1 }],
  });
  await until(() => jobRows(t).some((j) => j.form === 'z_report' && j.state === 'printed'), 'the Z report to print', 10000);
  const d = await t.ok('deposit.create', { id: uuid(), sessionIds: [sessionId] }, 'supervisor');
  depositId = d.id!;
  await t.ok('deposit.prepare', { depositId, bagNumber: 'SEAL-100234' }, 'supervisor');
  await until(() => jobRows(t).some((j) => j.form === 'deposit_slip' && j.state === 'printed'), 'the deposit slip to print', 10000);
  const slips = r.emu.slips().filter((s) => s.cut);
  z = slips.find((s) => s.text.includes('Z REPORT'))!;
  slip = slips.find((s) => s.text.includes('DEPOSIT SLIP'))!;
  mkdirSync(RECEIPT_ARTIFACTS, { recursive: true });
  writeFileSync(join(RECEIPT_ARTIFACTS, 'z-report-en-48.txt'), slipText(z));
  writeFileSync(join(RECEIPT_ARTIFACTS, 'deposit-slip-en-48.txt'), slipText(slip));
}, 60_000);
afterAll(async () => { await browser.close(); await r.close(); });

const row = (left: string, right: string, width = 48) => left + ' '.repeat(width - left.length - right.length) + right;

describe('end-of-day forms', () => {
  it('the Z report prints by itself at close-out with the figures of the day', async () => {
    expect(z).toBeDefined();
    expect(z.text).toEqual(expect.arrayContaining([
      row('Receipts (5)', '$561.75'),
      row('Cash (3)', '$296.75'),
      '  $312.25 - change $15.50',
      row('Check (1)', '$75.00'),
      row('Money order (1)', '$40.00'),
      row('Card (1)', '$150.00'),
      row('  VISA (1)', '$150.00'),
      row('TOTAL', '$10.00'),
      row('Cash expected in drawer', '$254.75'),
      row('Cash counted', '$254.25'),
      row('Total over/short', '-$0.50'),
      'WITHIN TOLERANCE',
    ]));
    expect(slipText(z)).toContain('  keyed by mistake - Casey Cashier / Sam\n  Supervisor'); // wrapped under the void
    const shot = await slipPng(browser, z, 48, 'z-report-en-48');
    expect(shot.overflowing).toBe(0);
  });

  it('the deposit slip prints when the deposit is prepared: bank, bag, currency and coin, each check', async () => {
    expect(slip).toBeDefined();
    expect(slip.text).toEqual(expect.arrayContaining([
      row('Bag/seal no.', 'SEAL-100234'),
      row(' 1 121000358 ****6789 no. 1042', '$75.00'),
      row('TOTAL CHECKS', '$75.00'),
    ]));
    expect(slipText(slip)).toMatch(/TOTAL DEPOSIT\s+\$/);
    const shot = await slipPng(browser, slip, 48, 'deposit-slip-en-48');
    expect(shot.overflowing).toBe(0);
  });

  it('the X report prints on request mid-session, with the figures so far and no count', async () => {
    const x = r.emu.slips().find((s) => s.cut && s.text.includes('X REPORT'))!;
    expect(x.text).toEqual(expect.arrayContaining(['Mid-session figures - drawer not closed', row('Receipts (5)', '$561.75'), row('Cash expected in drawer', '$254.75')]));
    expect(x.text).not.toContain('COUNT');
    // In Spanish on 58 mm paper, through a second printer.
    const emu = new EscPosEmulator({ columns: 32 });
    await emu.listen();
    const p = createPrinter({ id: 'p58', kind: 'printer', address: emu.address, options: { columns: 32, pollMs: 60000, jobPollMs: 20 } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
    try {
      await p.print(sessionReportForm(ctxFor('es', 32), xData));
      const [es] = emu.slips();
      expect(es!.text).toContain('INFORME X');
      expect(es!.text).toEqual(expect.arrayContaining(['Efectivo esperado en', row('  caja', '$254.75', 32)]));
      expect(emu.events.filter((e) => e.type === 'line' && e.wrapped)).toEqual([]);
      expect((await slipPng(browser, es!, 32, 'x-report-es-32')).overflowing).toBe(0);
    } finally {
      await p.close();
      await emu.close();
    }
  });

  it('printing the Z report again says DUPLICATE', async () => {
    const job = await r.t.ok('print.zReport', { sessionId });
    expect(job.copy).toBe(1);
    await until(() => jobRows(r.t).filter((j) => j.form === 'z_report').every((j) => j.state === 'printed'), 'the copy');
    const copies = r.emu.slips().filter((s) => s.cut && s.text.includes('Z REPORT'));
    expect(copies).toHaveLength(2);
    expect(copies[1]!.text).toContain('*** DUPLICATE ***');
  });

  it('the Z report and the deposit slip as letter-size PDFs (Spanish too)', async () => {
    mkdirSync(RECEIPT_ARTIFACTS, { recursive: true });
    for (const [name, pdf] of [
      ['z-report-en', await r.t.ok('pdf.zReport', { sessionId, lang: 'en' })],
      ['deposit-slip-en', await r.t.ok('pdf.depositSlip', { depositId, lang: 'en' }, 'supervisor')],
      ['deposit-slip-es', await r.t.ok('pdf.depositSlip', { depositId, lang: 'es' }, 'supervisor')],
    ] as const) {
      expect(pdf.mimeType).toBe('application/pdf');
      const bytes = Buffer.from(pdf.base64, 'base64');
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const file = join(RECEIPT_ARTIFACTS, `${name}.pdf`);
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', [file]).toString();
      expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
      expect(info).toMatch(new RegExp(`Pages:\\s+${pdf.pages}`));
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      expect(text).toContain(name.startsWith('z') ? 'Z REPORT' : name.endsWith('es') ? 'BOLETA DE DEPÓSITO' : 'DEPOSIT SLIP');
      if (name.startsWith('deposit')) expect(text).toContain('SEAL-100234');
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', file, join(RECEIPT_ARTIFACTS, `${name}-pdf`)]);
    }
  });
});
