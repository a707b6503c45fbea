// A job the printer never confirmed may already be on paper: retried, it prints as
// "COPY — REPRINT OF AN UNCONFIRMED PRINT" (in the slip's language), never as a second original,
// and the job list and the journal say so (issue 17, defect 6). Against the emulator over TCP.
import { afterEach, expect, it } from 'vitest';
import { PrintQueue } from '../../../src/main/devices/printQueue';
import { slipText } from '../../../src/hardware/emulators/escpos/paper';
import { uuid } from '../../helpers/station';
import { jobRows, rig, until, type Rig } from './printerRig';

let r: Rig;
afterEach(async () => { await r.close(); });

const cashPayment = () => r.t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1200 }], tenders: [{ kind: 'cash', amountCents: 2000 }] });
const printedSlips = () => r.emu.slips().filter((s) => s.cut);
const flat = (s: string) => s.replace(/\s+/g, ' ');
const retried = () => r.t.station.st.sqlAll<{ payload: string }>("SELECT payload FROM journal WHERE kind = 'print.retried' ORDER BY seq").map((j) => JSON.parse(j.payload) as Record<string, unknown>);

/** The job is sent, the printer holds it half done, and its power goes: sent, never confirmed. */
async function loseMidJob(): Promise<void> {
  r.emu.failAfterLines(5, { coverOpen: true });
  await cashPayment();
  await until(() => r.jobEvents.some((e) => e.waitingReason === 'coverOpen'), 'the wait');
  await r.emu.powerOff();
  await until(() => jobRows(r.t)[0]!.state === 'failed', 'the job to fail');
  r.emu.setStatus({ coverOpen: false });
  await r.emu.plugIn();
  await r.printer.refresh();
}

it.each([
  ['en', 'COPY - REPRINT OF AN UNCONFIRMED PRINT'],
  ['es', 'COPIA - REIMPRESIÓN DE UNA IMPRESIÓN NO CONFIRMADA'],
] as const)('%s: the retry of a job lost mid-job prints as a copy, and the log says so', async (lang, banner) => {
  r = await rig();
  await r.t.ok('printing.updateSettings', { receiptLanguage: lang }, 'admin');
  await loseMidJob();
  const job = (await r.t.ok('print.jobs', { states: ['failed'] }))[0]!;
  expect(job.unconfirmed).toBe(true);
  await r.t.ok('print.retry', { jobId: job.id });
  await until(() => jobRows(r.t)[0]!.state === 'printed', 'the retried job');
  const [copy] = printedSlips();
  expect(flat(slipText(copy!))).toContain(`*** ${banner} ***`);
  // At the top of the copy (the lines of the lost attempt that came out are above it, on the same paper).
  expect(copy!.text.findIndex((l) => l.startsWith('***'))).toBeLessThan(copy!.text.findLastIndex((l) => /OFFICIAL RECEIPT|RECIBO OFICIAL/.test(l)));
  expect((await r.t.ok('print.jobs', {}))[0]).toMatchObject({ state: 'printed', unconfirmed: true, copy: 0 });
  expect(retried()).toEqual([expect.objectContaining({ jobId: job.id, unconfirmed: true, printsAs: 'unconfirmedCopy', userId: 'cashier' })]);
});

it('a job interrupted by a crash retries as a copy too; a job that only waited for paper prints as the original', async () => {
  r = await rig();
  r.emu.setStatus({ paperEnd: true });
  await cashPayment();
  await until(() => jobRows(r.t)[0]!.waiting === 'paperOut', 'the wait');
  r.emu.setStatus({ paperEnd: false });
  await r.printer.refresh();
  await until(() => jobRows(r.t)[0]!.state === 'printed', 'the first receipt, once paper is in');
  expect(flat(slipText(printedSlips()[0]!))).not.toContain('UNCONFIRMED');
  expect((await r.t.ok('print.jobs', {}))[0]!.unconfirmed).toBe(false);

  r.emu.setStatus({ online: false });
  await cashPayment();
  await until(() => jobRows(r.t)[1]!.waiting === 'offline', 'the second receipt to wait');
  r.printing.queue.usePrinter(null);
  r.t.station.st.sqlRun("UPDATE print_jobs SET state = 'printing' WHERE state = 'queued'"); // the station stopped mid-print
  const queue = new PrintQueue(r.t.station); // what start-up does
  const failed = queue.list(['failed'], 5)[0]!;
  expect(failed).toMatchObject({ unconfirmed: true, lastErrorMessage: { code: 'printJob.interrupted', params: {} } });
  r.emu.setStatus({ online: true });
  queue.usePrinter(r.printer);
  queue.retry(failed.id, 'supervisor');
  await until(() => jobRows(r.t)[1]!.state === 'printed', 'the retried job');
  await queue.idle();
  expect(flat(slipText(printedSlips()[1]!))).toContain('*** COPY - REPRINT OF AN UNCONFIRMED PRINT ***');
  expect(retried().at(-1)).toMatchObject({ jobId: failed.id, unconfirmed: true, userId: 'supervisor' });
});
