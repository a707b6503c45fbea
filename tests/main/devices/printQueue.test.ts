// The durable print queue against the printer emulator over TCP: the payment commits first, its
// receipt is queued in the same transaction, and printer faults make it wait — never lose it, never
// print it twice. Assertions are on the emulator's decoded paper and on the database.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PrintQueue } from '../../../src/main/devices/printQueue';
import { verifyLedger } from '../../../src/main/station/verify';
import { slipText } from '../../../src/hardware/emulators/escpos/paper';
import { uuid } from '../../helpers/station';
import { formatCents } from '../../../src/shared/money';
import { jobRows, rig, until, type Rig } from './printerRig';

let r: Rig;
afterEach(async () => { await r.close(); });

async function cashPayment(amountCents = 4321, tendered = 5000) {
  return r.t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: r.account, amountCents }], tenders: [{ kind: 'cash', amountCents: tendered }] });
}

const printedSlips = () => r.emu.slips().filter((s) => s.cut);
const slipsWith = (text: string) => printedSlips().filter((s) => s.text.some((l) => l.includes(text)));

describe('print queue', () => {
  it('queues the receipt in the posting transaction and prints it after the commit', async () => {
    r = await rig();
    const seen: number[] = [];
    // A listener after the queue's: inside the same transaction the job row is already there.
    r.t.station.txListeners.push((st, rec) => { if (rec.kind === 'receipt.posted') seen.push(st.sqlGet<{ n: number }>('SELECT COUNT(*) n FROM print_jobs WHERE ref = ?', rec.ref)!.n); });
    const receipt = await cashPayment();
    expect(seen).toEqual([1]);
    await until(() => jobRows(r.t)[0]?.state === 'printed', 'the receipt to print');
    const [slip] = printedSlips();
    expect(slip!.text).toContain(`Receipt no.${' '.repeat(26)}${receipt.receiptNumber}`);
    expect(slip!.text.some((l) => l.startsWith('CHANGE') && l.endsWith('$6.79'))).toBe(true);
    expect(slip!.items.find((i) => i.type === 'qr')).toMatchObject({ data: receipt.receiptNumber });
    // The balance left on the utility account after this payment.
    const balance = (await r.t.ok('accounts.get', { accountNumber: r.account })).balanceCents;
    expect(slip!.text.some((l) => l.includes(`Account ${r.account}`) && l.endsWith(formatCents(balance)))).toBe(true);
    expect(r.jobEvents.map((e) => e.state)).toEqual(['printing', 'printed']);
  });

  it('a posting that fails queues nothing and prints nothing', async () => {
    r = await rig();
    const bad = await r.t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: r.account, amountCents: 1000 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    expect(bad.ok).toBe(false);
    expect(jobRows(r.t)).toEqual([]);
    expect(r.emu.bytesReceived).toBeGreaterThan(0); // status polls only
    expect(r.emu.slips()).toEqual([]);
  });

  for (const fault of [
    { name: 'offline', patch: { online: false }, clear: { online: true }, words: 'Printer offline', code: 'offline' },
    { name: 'out of paper', patch: { paperEnd: true }, clear: { paperEnd: false }, words: 'Printer out of paper', code: 'paperOut' },
    { name: 'cover open', patch: { coverOpen: true }, clear: { coverOpen: false }, words: 'Printer cover open', code: 'coverOpen' },
  ] as const) {
    it(`printer ${fault.name} before the receipt: the payment stays, the job waits, the cashier is told, it prints once when fixed`, async () => {
      r = await rig();
      r.emu.setStatus(fault.patch);
      const receipt = await cashPayment();
      // The payment is committed: another connection sees it.
      const other = new Database(r.t.path, { readonly: true });
      expect(other.prepare('SELECT receipt_number FROM receipts WHERE id = ?').get(receipt.id)).toEqual({ receipt_number: receipt.receiptNumber });
      other.close();
      await until(() => r.jobEvents.some((e) => e.waiting === fault.words), 'the cashier to be told');
      const waitingEvent = r.jobEvents.find((e) => e.waiting === fault.words)!;
      expect(waitingEvent).toMatchObject({ form: 'receipt', label: `Receipt ${receipt.receiptNumber}`, state: 'queued' });
      expect(waitingEvent.labelMessage).toEqual({ code: 'job.receipt', params: { number: receipt.receiptNumber } });
      await until(() => jobRows(r.t)[0]!.attempts >= 3, 'a few retries');
      // Told once, not on every retry.
      expect(r.jobEvents.filter((e) => e.waitingReason === fault.code).map((e) => e.state)).toEqual(['queued']);
      expect(jobRows(r.t)[0]).toMatchObject({ waiting: fault.code });
      expect((await r.t.ok('print.jobs', {}))[0]!.lastErrorMessage).toEqual({ code: `printer.${fault.code}`, params: {} });
      expect(['queued', 'printing']).toContain(jobRows(r.t)[0]!.state); // between tries, or asking again
      expect(r.emu.slips()).toEqual([]);
      r.emu.setStatus(fault.clear);
      await until(() => jobRows(r.t)[0]!.state === 'printed', 'the receipt to print');
      await r.printing.queue.idle();
      expect(slipsWith(receipt.receiptNumber)).toHaveLength(1);
      expect(slipText(slipsWith(receipt.receiptNumber)[0]!)).not.toContain('DUPLICATE');
      expect(r.jobEvents[r.jobEvents.length - 1]).toMatchObject({ state: 'printed', waiting: null });
      expect(verifyLedger(r.t.station).ok).toBe(true);
    });
  }

  for (const fault of [
    { name: 'runs out of paper', patch: { paperEnd: true }, clear: { paperEnd: false }, words: 'Printer out of paper' },
    { name: 'has its cover opened', patch: { coverOpen: true }, clear: { coverOpen: false }, words: 'Printer cover open' },
  ] as const) {
    it(`printer ${fault.name} in the middle of the receipt: it finishes the same receipt once, nothing reprinted`, async () => {
      r = await rig();
      r.emu.failAfterLines(12, fault.patch);
      const receipt = await cashPayment();
      await until(() => r.jobEvents.some((e) => e.state === 'printing' && e.waiting === fault.words), 'the cashier to be told');
      expect(r.emu.slips()[0]!.cut).toBe(false);
      expect(r.emu.pendingBytes).toBeGreaterThan(0);
      r.emu.setStatus(fault.clear);
      await until(() => jobRows(r.t)[0]!.state === 'printed', 'the receipt to finish');
      await r.printing.queue.idle();
      const slips = printedSlips();
      expect(slips).toHaveLength(1);
      expect(slips[0]!.text.filter((l) => l.startsWith('Receipt no.'))).toHaveLength(1);
      expect(slips[0]!.text.some((l) => l.startsWith('CHANGE'))).toBe(true);
      expect(jobRows(r.t)[0]).toMatchObject({ attempts: 1, waiting: null });
      expect(slipsWith(receipt.receiptNumber)).toHaveLength(1);
    });
  }

  it('printer unplugged: jobs wait in order and print once each when it is back', async () => {
    r = await rig();
    await r.emu.unplug();
    const a = await cashPayment(1000, 1000);
    const b = await cashPayment(2000, 2000);
    await until(() => r.jobEvents.some((e) => e.waiting?.startsWith('Printer not reachable') === true), 'the cashier to be told');
    expect(jobRows(r.t).map((j) => j.state)).toEqual(['queued', 'queued']);
    await r.emu.plugIn();
    await until(() => jobRows(r.t).every((j) => j.state === 'printed'), 'both receipts');
    const numbers = printedSlips().map((s) => s.text.find((l) => l.startsWith('Receipt no.'))!.slice(-11));
    expect(numbers).toEqual([a.receiptNumber, b.receiptNumber]);
  });

  it('connection lost while the printer held the job: it fails for a person to decide, and prints only when they retry', async () => {
    r = await rig();
    r.emu.failAfterLines(5, { coverOpen: true });
    await cashPayment();
    await until(() => r.jobEvents.some((e) => e.waiting === 'Printer cover open'), 'the wait');
    await r.emu.powerOff(); // the half receipt in its buffer is gone
    await until(() => jobRows(r.t)[0]!.state === 'failed', 'the job to fail');
    expect(jobRows(r.t)[0]!.last_error).toMatch(/check whether it printed/i);
    expect((await r.t.ok('print.jobs', {}))[0]!.lastErrorMessage).toEqual({ code: 'printJob.uncertain', params: {} });
    r.emu.setStatus({ coverOpen: false });
    await r.emu.plugIn();
    await r.printer.refresh();
    await r.printing.queue.idle();
    expect(printedSlips()).toHaveLength(0); // not retried by itself
    const job = (await r.t.ok('print.jobs', { states: ['failed'] }))[0]!;
    const again = await r.t.ok('print.retry', { jobId: job.id });
    expect(again.state).not.toBe('failed');
    await until(() => jobRows(r.t)[0]!.state === 'printed', 'the retried job');
    expect(printedSlips()).toHaveLength(1);
  });

  it('a cancelled job never prints, even when the printer comes back', async () => {
    r = await rig();
    r.emu.setStatus({ paperEnd: true });
    const receipt = await cashPayment();
    await until(() => jobRows(r.t)[0]!.waiting === 'paperOut', 'the wait');
    const job = (await r.t.ok('print.jobs', {}))[0]!;
    const cancelled = await r.t.ok('print.cancel', { jobId: job.id, reason: 'customer left' });
    expect(cancelled.state).toBe('cancelled');
    r.emu.setStatus({ paperEnd: false });
    await r.printer.refresh();
    await r.printing.queue.idle();
    expect(slipsWith(receipt.receiptNumber)).toHaveLength(0);
    const again = await r.t.call('print.retry', { jobId: job.id });
    expect(again.ok ? null : again.error.code).toBe('PRINT_JOB_FINAL');
    expect(() => r.t.station.st.sqlRun("UPDATE print_jobs SET state = 'queued' WHERE id = ?", job.id)).toThrow(/final/);
  });

  it('cancelling a job the printer holds half-printed wipes it from the printer: the rest never comes out', async () => {
    r = await rig();
    r.emu.failAfterLines(6, { coverOpen: true });
    const receipt = await cashPayment();
    await until(() => r.jobEvents.some((e) => e.state === 'printing' && e.waitingReason === 'coverOpen'), 'the wait');
    const job = (await r.t.ok('print.jobs', { states: ['printing'] }))[0]!;
    expect(job.waiting).toBe('Printer cover open');
    await r.t.ok('print.cancel', { jobId: job.id, reason: 'paper jammed, customer has a copy by email' });
    await until(() => r.emu.realTime.some((e) => e.type === 'clearBuffers'), 'the printer told to drop it');
    r.emu.setStatus({ coverOpen: false });
    await r.printing.queue.idle();
    expect(jobRows(r.t)[0]).toMatchObject({ state: 'cancelled' });
    // What had come out is marked and cut off; the rest of the receipt never prints.
    await until(() => printedSlips().length === 1, 'the partial slip cut off');
    const [partial] = printedSlips();
    expect(partial!.text).toContain('*** NOT VALID - CANCELLED ***');
    expect(partial!.text.some((l) => l.startsWith('TOTAL') || l.startsWith('CHANGE'))).toBe(false);
    // The next receipt prints normally after it.
    const next = await cashPayment(1000, 1000);
    await until(() => jobRows(r.t)[1]?.state === 'printed', 'the next receipt');
    expect(slipsWith(next.receiptNumber)).toHaveLength(1);
    expect(slipsWith(next.receiptNumber)[0]!.text.some((l) => l.includes(receipt.receiptNumber))).toBe(false);
    expect(jobRows(r.t)[0]).toMatchObject({ state: 'cancelled' });
  });

  it('a reprint is a new copy that says DUPLICATE; the original prints once', async () => {
    r = await rig();
    const receipt = await cashPayment();
    await until(() => jobRows(r.t)[0]?.state === 'printed', 'the original');
    await r.t.ok('receipt.reprint', { id: uuid(), receiptNumber: receipt.receiptNumber });
    await until(() => jobRows(r.t).length === 2 && jobRows(r.t)[1]!.state === 'printed', 'the copy');
    const slips = slipsWith(receipt.receiptNumber);
    expect(slips).toHaveLength(2);
    expect(slipText(slips[0]!)).not.toContain('DUPLICATE');
    expect(slipText(slips[1]!)).toContain('*** DUPLICATE ***');
    expect(jobRows(r.t).map((j) => [j.form, j.copy])).toEqual([['receipt', 0], ['receipt', 1]]);
  });

  it('a job left "printing" by a crash comes back failed, for a person to check', async () => {
    r = await rig({ openSession: true });
    r.emu.setStatus({ online: false });
    await cashPayment();
    await until(() => jobRows(r.t)[0]!.waiting === 'offline', 'the wait');
    r.printing.queue.usePrinter(null);
    r.t.station.st.sqlRun("UPDATE print_jobs SET state = 'printing'");
    new PrintQueue(r.t.station); // what start-up does
    expect(jobRows(r.t)[0]).toMatchObject({ state: 'failed' });
    expect(jobRows(r.t)[0]!.last_error).toMatch(/Interrupted while printing/);
    expect((await r.t.ok('print.jobs', {}))[0]!.lastErrorMessage).toEqual({ code: 'printJob.interrupted', params: {} });
  });

  it('prints void, drop and paid-out slips from their postings', async () => {
    r = await rig();
    const receipt = await cashPayment();
    await r.t.ok('receipt.void', { id: uuid(), receiptNumber: receipt.receiptNumber, reason: 'keyed twice', approval: { userId: 'supervisor', pin: '2222' } });
    await r.t.ok('drawer.drop', { id: uuid(), amountCents: 10000, counts: { bill_2000: 5 } });
    await r.t.ok('drawer.paidOut', { id: uuid(), amountCents: 1500, reason: 'deposit refund 1001', approval: { userId: 'supervisor', pin: '2222' } });
    await until(() => jobRows(r.t).length === 4 && jobRows(r.t).every((j) => j.state === 'printed'), 'four slips');
    const [, voidSlip, drop, paidOut] = printedSlips();
    expect(voidSlip!.text).toContain('VOID');
    expect(voidSlip!.text).toContain(`Original receipt${' '.repeat(21)}${receipt.receiptNumber}`);
    expect(slipText(voidSlip!)).toContain('Reason: keyed twice');
    expect(voidSlip!.text.some((l) => l.startsWith('Approved by') && l.endsWith('Sam Supervisor'))).toBe(true);
    expect(drop!.text).toContain('DROP TO SAFE');
    expect(drop!.text.some((l) => l.startsWith('    5 x $20') && l.endsWith('$100.00'))).toBe(true);
    expect(paidOut!.text).toContain('PAID OUT');
    expect(slipText(paidOut!)).toContain('Reason: deposit refund 1001');
    expect(paidOut!.text.some((l) => l.startsWith('AMOUNT') && l.endsWith('$15.00'))).toBe(true);
  });
});
