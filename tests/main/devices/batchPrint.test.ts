// A batch on paper, against the ESC/POS emulator over TCP: no drawer kick and no receipt for its items
// unless one is asked for, no Z report at its close; the batch report printed (decoded at the emulator)
// and as a letter-size PDF in Spanish, with the control figures, each item, the difference and who
// entered and approved it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slipText } from '../../../src/hardware/emulators/escpos/paper';
import { RECEIPT_ARTIFACTS } from '../../hardware/screenshot';
import { ROUTING, uuid } from '../../helpers/station';
import { jobRows, rig, until, type Rig } from './printerRig';

let r: Rig;
beforeAll(async () => { r = await rig(); });
afterAll(async () => { await r?.close(); });

it('prints only what is asked, never kicks the drawer, and prints the batch report', async () => {
  const { t } = r;
  const kicks = () => r.emu.events.filter((e) => e.type === 'drawer').length;
  const before = kicks();
  const b = await t.ok('batch.open', { id: uuid(), source: 'drop_box', controlCount: 3, controlCents: 15000 });
  const item = (cents: number, printReceipt: boolean, no: string) => t.ok('batch.addItem', {
    id: uuid(), batchId: b.id, lines: [{ revenueCode: 'WATER', accountNumber: r.account, amountCents: cents }], printReceipt,
    tender: { kind: 'check', amountCents: cents, routing: ROUTING, account: '44001234', checkNumber: no }, dateReceived: '2026-11-20',
  });
  const quiet = await item(5000, false, '11');
  const asked = await item(7000, true, '12');
  await until(() => jobRows(t).some((j) => j.form === 'receipt' && j.state === 'printed'), 'the receipt asked for', 10000);
  expect(jobRows(t).filter((j) => j.form === 'receipt').map((j) => j.ref)).toEqual([asked.receiptId]);
  expect(jobRows(t).some((j) => j.ref === quiet.receiptId)).toBe(false);
  await t.ok('batch.close', { id: uuid(), batchId: b.id, approval: { userId: 'supervisor', pin: '2222' }, reason: 'one envelope held no check' });
  const job = await t.ok('batch.print', { batchId: b.id });
  expect(job.form).toBe('batch_report');
  await until(() => jobRows(t).some((j) => j.form === 'batch_report' && j.state === 'printed'), 'the batch report to print', 10000);
  expect(jobRows(t).some((j) => j.form === 'z_report')).toBe(false);
  expect(kicks()).toBe(before);
  const report = r.emu.slips().filter((s) => s.cut).find((s) => s.text.some((l) => l.includes('BATCH REPORT')))!;
  const text = slipText(report);
  mkdirSync(RECEIPT_ARTIFACTS, { recursive: true });
  writeFileSync(join(RECEIPT_ARTIFACTS, 'batch-report-en-48.txt'), text);
  expect(text).toContain('ST01-B00001');
  expect(text).toMatch(/Control 3 items\s+\$150\.00/);
  expect(text).toMatch(/Entered 2 items\s+\$120\.00/);
  expect(text).toMatch(/Difference -1 items\s+-\$30\.00/);
  expect(text).toContain(quiet.receiptNumber);
  expect(text).toContain(asked.receiptNumber);
  expect(text).toContain('Sam Supervisor');
  expect(text).toContain('one envelope held no check');

  const pdf = await t.ok('batch.pdf', { batchId: b.id, lang: 'es' });
  const file = join(RECEIPT_ARTIFACTS, 'batch-report-es.pdf');
  writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  const es = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(es).toContain('INFORME DEL LOTE');
  expect(es).toContain('Aprobado por');
  expect(es).toContain(asked.receiptNumber);
});
