// The arrangement agreement on paper: queued in the transaction that makes the arrangement, printed
// after its down-payment receipt in the language chosen with the customer (not the receipt language),
// decoded at the ESC/POS emulator over TCP, rendered to PNG and read back; a reprint says COPY; and the
// letter-size PDF, rendered with pdftoppm and read back too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import { arrangementForm } from '../../../src/hardware/forms/arrangement';
import { slipText } from '../../../src/hardware/emulators/escpos/paper';
import type { ArrangementView } from '../../../src/shared/contract/arrangements';
import { uuid } from '../../helpers/station';
import { inkRows, inkShare, readPng } from '../../helpers/png';
import { launch, RECEIPT_ARTIFACTS, slipPng } from '../../hardware/screenshot';
import { ctxFor } from '../../hardware/fixtures';
import { draft, eligibleAccounts, SUPERVISOR } from '../station/arrangements/helpers';
import { jobRows, rig, until, type Rig } from './printerRig';

let r: Rig;
let browser: Browser;
let es: ArrangementView;
let en: ArrangementView;

beforeAll(async () => {
  browser = await launch();
  r = await rig();
  // Receipts print in English at this station; each agreement in the customer's language.
  await r.t.ok('printing.updateSettings', { receiptLanguage: 'en' }, 'admin');
  const [a1, a2] = eligibleAccounts(r.t).map((a) => a.accountNumber);
  es = (await r.t.ok('arrangement.create', draft(a1!, 48_000, { downPaymentCents: 8_000, instalmentCount: 4, firstDue: '2026-12-31', lang: 'es', payerName: 'María José Hernández' }))).arrangement;
  en = (await r.t.ok('arrangement.create', { ...draft(a2!, 30_000, { downPaymentCents: 1_500, instalmentCount: 3, frequency: 'biweekly', firstDue: '2026-12-04' }), approval: SUPERVISOR, overrideReason: 'medical hardship, letter on file' })).arrangement;
  await until(() => jobRows(r.t).filter((j) => j.form === 'arrangement').length === 2 && jobRows(r.t).every((j) => j.state === 'printed'), 'the agreements to print', 15_000);
}, 60_000);
afterAll(async () => { await browser.close(); await r.close(); });

const slipWith = (text: string) => r.emu.slips().filter((s) => s.cut && s.text.join('\n').includes(text));

describe('the arrangement agreement', () => {
  it('prints after its down-payment receipt, in Spanish for a Spanish-speaking customer, with schedule, terms and signature lines', async () => {
    const jobs = jobRows(r.t);
    const receiptJob = jobs.findIndex((j) => j.form === 'receipt');
    const agreementJob = jobs.findIndex((j) => j.form === 'arrangement' && j.ref === es.id);
    expect(receiptJob).toBeGreaterThanOrEqual(0);
    expect(agreementJob).toBeGreaterThan(receiptJob);
    const [slip] = slipWith('CONVENIO DE PAGO');
    expect(slip).toBeDefined();
    const text = slipText(slip!);
    expect(text).toContain(es.number);
    expect(text).toContain('María José Hernández');
    expect(text).toMatch(/MONTO CONVENIDO\s+\$480\.00/);
    expect(text).toMatch(/Pago inicial \(Recibo núm\. ST01-000001\)\s+\$80\.00/);
    expect(text).toMatch(/4 cuotas, mensuales\s+\$400\.00/);
    expect(slip!.text).toEqual(expect.arrayContaining([
      expect.stringMatching(/^ {2}0 2026-11-20 pago inicial \(pagado\)\s+\$80\.00$/),
      expect.stringMatching(/^ {2}1 2026-12-31\s+\$100\.00$/),
      expect.stringMatching(/^ {2}2 2027-01-31\s+\$100\.00$/),
      expect.stringMatching(/^ {2}3 2027-02-28\s+\$100\.00$/),
      expect.stringMatching(/^ {2}4 2027-03-31\s+\$100\.00$/),
    ]));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Una cuota que no se pague completa 10 días después de su vencimiento incumple este convenio.');
    expect(flat).toContain('Me comprometo a pagar cada cuota completa');
    expect(text).toMatch(/Cliente _{10,}/);
    expect(text).toMatch(/Cajero\/a _{10,}/);
    expect(slip!.items.some((i) => i.type === 'qr')).toBe(true);
    expect(r.emu.events.filter((e) => e.type === 'line' && e.wrapped)).toEqual([]);
    // The receipt itself stayed in the receipt language.
    expect(slipWith('OFFICIAL RECEIPT').length).toBeGreaterThanOrEqual(1);
    const shot = await slipPng(browser, slip!, 48, 'arrangement-es-48');
    expect(shot.overflowing).toBe(0);
    const png = readPng(shot.path);
    expect(png.width).toBeGreaterThan(300);
    expect(png.height).toBeGreaterThan(png.width * 2);
    expect(inkRows(png)).toBeGreaterThan(40);
    expect(inkShare(png)).toBeGreaterThan(0.02);
  });

  it('in English, records the supervisor who allowed it beyond the policy, and why', async () => {
    const [slip] = slipWith(en.number).filter((s) => s.text.includes('PAYMENT ARRANGEMENT'));
    const text = slipText(slip!);
    expect(text).toMatch(/3 instalments, every two weeks\s+\$285\.00/);
    expect(text.replace(/\s+/g, ' ')).toContain('Beyond the policy, approved by a supervisor: down payment');
    expect(text).toMatch(/Approved by\s+Sam Supervisor/);
    expect(text).toContain('medical hardship, letter on file');
    expect(text).toMatch(/Customer _{10,}/);
    await slipPng(browser, slip!, 48, 'arrangement-en-48');
  });

  it('a reprint is a new copy that says COPY, in the agreement’s language', async () => {
    const v = await r.t.ok('arrangement.reprint', { id: uuid(), arrangementId: es.id });
    expect(v.id).toBe(es.id);
    await until(() => jobRows(r.t).filter((j) => j.form === 'arrangement' && j.ref === es.id).every((j) => j.state === 'printed') && jobRows(r.t).filter((j) => j.ref === es.id).length === 2, 'the copy');
    expect(jobRows(r.t).filter((j) => j.ref === es.id).map((j) => j.copy)).toEqual([0, 1]);
    const copies = slipWith('CONVENIO DE PAGO').filter((s) => s.text.join('\n').includes(es.number));
    expect(copies).toHaveLength(2);
    expect(copies[0]!.text).not.toContain('*** COPIA ***');
    expect(copies[1]!.text).toContain('*** COPIA ***');
    expect(r.t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM journal WHERE kind = 'arrangement.reprinted'")!.n).toBe(1);
    await slipPng(browser, copies[1]!, 48, 'arrangement-copy-es-48');
  });

  it('fits 58 mm paper (32 columns) too', async () => {
    const emu = new EscPosEmulator({ columns: 32 });
    await emu.listen();
    const p = createPrinter({ id: 'p58', kind: 'printer', address: emu.address, options: { columns: 32, pollMs: 60000, jobPollMs: 20 } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
    try {
      await p.print(arrangementForm(ctxFor('es', 32), { arrangement: await r.t.ok('arrangement.get', { arrangementId: es.id }), duplicate: false }));
      const [slip] = emu.slips();
      expect(emu.events.filter((e) => e.type === 'line' && e.wrapped)).toEqual([]);
      expect(slip!.text).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}1 2026-12-31\s+\$100\.00$/)]));
      expect((await slipPng(browser, slip!, 32, 'arrangement-es-32')).overflowing).toBe(0);
    } finally {
      await p.close();
      await emu.close();
    }
  });

  it('as a letter-size PDF for the file, in its own language or another asked for', async () => {
    mkdirSync(RECEIPT_ARTIFACTS, { recursive: true });
    for (const [name, input, words] of [
      ['arrangement-es', { arrangementId: es.id }, ['CONVENIO DE PAGO', 'María José Hernández', '2027-03-31', 'Me comprometo']],
      ['arrangement-en', { arrangementId: en.id }, ['PAYMENT ARRANGEMENT', 'Sam Supervisor', 'I agree to pay']],
      ['arrangement-es-in-en', { arrangementId: es.id, lang: 'en' as const }, ['PAYMENT ARRANGEMENT', 'AMOUNT ARRANGED']],
    ] as const) {
      const pdf = await r.t.ok('arrangement.pdf', input);
      expect(pdf.filename).toMatch(/^payment-arrangement-ST01-PA\d{5}\.pdf$/);
      expect(pdf.pages).toBe(1);
      const file = join(RECEIPT_ARTIFACTS, `${name}.pdf`);
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      for (const w of words) expect(text).toContain(w);
      expect(text).not.toContain('COPY');
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, join(RECEIPT_ARTIFACTS, `${name}-pdf`)]);
      const png = readPng(join(RECEIPT_ARTIFACTS, `${name}-pdf.png`));
      expect([png.width, png.height]).toEqual([680, 880]);
      expect(inkRows(png)).toBeGreaterThan(25);
    }
  });
});
