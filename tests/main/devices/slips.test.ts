// Stubs scanned in and slips printed, on a real station with its print queue and the ESC/POS emulator
// (with a slip station) over TCP: a stub line posts with its stub, the payment is committed first, then
// the receipt, the validation and the endorsement print in turn; no form, Skip, a form pulled out and a
// printer offline leave the job in the queue with its state and a line in the slip log.
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../../src/shared/stubs';
import { ROUTING, uuid } from '../../helpers/station';
import { rig, until, type Rig } from './printerRig';

let r: Rig;
afterEach(async () => { await r?.close(); });

const [ocr] = BUILT_IN_STUB_FORMATS;
const stubFor = (account: string, amountCents: number, dueDate = '2026-11-30', bill = '2026110007') =>
  encodeStub(ocr!, { accountNumber: account, amountCents, dueDate, billNumber: bill, revenueCodeValue: '01' });

async function slipRig(o: { slipStation?: boolean } = {}) {
  r = await rig({ emulator: { slipStation: true, slipColumns: 40, removeOnRelease: true } });
  (r.printer.opts as { slipPollMs: number }).slipPollMs = 20;
  (r.printer.opts as { slipRemoveMs: number }).slipRemoveMs = 500;
  await r.t.ok('slips.updateSettings', { slipStation: o.slipStation ?? true, insertTimeoutSeconds: 5 }, 'admin');
}

async function payByCheck(raw: string, amountCents: number) {
  const scan = await r.t.ok('stubs.scan', { raw });
  return r.t.ok('receipt.post', {
    id: uuid(),
    lines: [{ revenueCode: scan.revenueCode.code, accountNumber: scan.account.accountNumber, amountCents, stub: { raw } }],
    tenders: [{ kind: 'check', amountCents, routing: ROUTING, account: '12345678', checkNumber: '1042' }],
  });
}
const log = (receiptNumber: string) => r.t.ok('slips.forReceipt', { receiptNumber });

describe('a scanned stub', () => {
  it('reads as its account, amount due, due date and revenue code; the same stub paid today is named', async () => {
    await slipRig();
    const raw = stubFor(r.account, 4250);
    const scan = await r.t.ok('stubs.scan', { raw });
    expect(scan).toMatchObject({ stub: { accountNumber: r.account, amountCents: 4250, dueDate: '2026-11-30', billNumber: '2026110007', revenueCode: 'WATER' }, late: null, paidToday: [] });
    const rec = await payByCheck(raw, 4250);
    expect((await r.t.ok('stubs.scan', { raw })).paidToday).toEqual([rec.receiptNumber]);
    expect(r.t.station.st.sqlAll('SELECT line_no, account_number, bill_number, due_date, amount_due_cents FROM receipt_stubs')).toEqual([
      { line_no: 1, account_number: r.account, bill_number: '2026110007', due_date: '2026-11-30', amount_due_cents: 4250 }]);
  });

  it('past its due date offers the late penalty of the fee schedule', async () => {
    await slipRig();
    // Due 2026-09-15, paid 2026-11-20: two whole months and more → 3 months at 1 % of $200.00 = $6.00.
    const scan = await r.t.ok('stubs.scan', { raw: stubFor(r.account, 20000, '2026-09-15') });
    expect(scan.late).toEqual({ revenueCode: 'LATE', amountCents: 600, baseCents: 20000, monthsPastDue: 3, dueDate: '2026-09-15' });
  });

  it('a wrong check digit, an unknown account or a stub that makes no sense is refused, nothing posted', async () => {
    await slipRig();
    const raw = stubFor(r.account, 4250);
    const bad = raw.slice(0, 35) + String((Number(raw[35]) + 1) % 10);
    expect(await r.t.call('stubs.scan', { raw: bad })).toMatchObject({ ok: false, error: { code: 'STUB_CHECK_DIGIT', field: 'raw' } });
    expect(await r.t.call('stubs.scan', { raw: stubFor('999999-99', 4250) })).toMatchObject({ ok: false, error: { code: 'STUB_UNKNOWN_ACCOUNT', field: 'raw.account' } });
    expect(await r.t.call('stubs.scan', { raw: 'hello-world-123' })).toMatchObject({ ok: false, error: { code: 'STUB_NO_FORMAT' } });
    const posted = await r.t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: r.account, amountCents: 100, stub: { raw: bad } }], tenders: [{ kind: 'cash', amountCents: 100 }] });
    expect(posted).toMatchObject({ ok: false, error: { code: 'STUB_CHECK_DIGIT', field: 'lines.0.stub' } });
    expect(r.t.station.st.sqlGet('SELECT COUNT(*) AS n FROM receipts')).toEqual({ n: 0 });
  });
});

describe('validation and endorsement on the slip station', () => {
  it('after the payment: the receipt, then the stub validated, then the check endorsed, each waiting for its form', async () => {
    await slipRig();
    const rec = await payByCheck(stubFor(r.account, 4250), 4250);
    // Committed before any device is touched.
    expect(r.t.station.st.sqlGet('SELECT COUNT(*) AS n FROM receipts')).toEqual({ n: 1 });
    await until(() => r.jobEvents.some((j) => j.form === 'validation' && j.waitingReason === 'slipInsert'), 'the validation to wait for its form');
    const waitingJob = r.jobEvents.find((j) => j.form === 'validation' && j.waitingReason === 'slipInsert')!;
    expect(waitingJob.slip).toMatchObject({ kind: 'validation', accountNumber: r.account, amountCents: 4250 });
    expect(r.emu.slips()[0]!.text.join('\n')).toContain('OFFICIAL RECEIPT');
    r.emu.insertForm();
    await until(() => r.jobEvents.some((j) => j.form === 'endorsement' && j.waitingReason === 'slipInsert'), 'the endorsement to wait for the check');
    r.emu.insertForm();
    await until(() => r.emu.forms[1]?.released === true && r.emu.paper === 'roll', 'both forms printed');
    const [v, e] = r.emu.forms;
    expect(v).toMatchObject({ paper: 'validation', side: 'face', text: ['*** PAID *** CITY OF RIVERTON', `2026-11-20 09:30 ${rec.receiptNumber}`, `ACCT ${r.account} BILL 2026110007`, 'WATER $42.50 STN ST01'] });
    expect(e).toMatchObject({ paper: 'slip', side: 'back', text: ['FOR DEPOSIT ONLY', 'PAY TO THE ORDER OF First Riverton Bank', 'City of Riverton ACCT ******2345', `RCPT ${rec.receiptNumber} $42.50`] });
    const { slips, log: entries } = await log(rec.receiptNumber);
    expect(slips.map((s) => [s.job.form, s.job.state])).toEqual([['validation', 'printed'], ['endorsement', 'printed']]);
    expect(entries.map((x) => `${x.form}:${x.event}`)).toEqual(['validation:queued', 'endorsement:queued', 'validation:waiting_form', 'validation:inserted', 'validation:printed',
      'endorsement:waiting_form', 'endorsement:inserted', 'endorsement:printed']);

    // Endorsed again: a new copy, logged, marked as a copy on the check.
    await r.t.ok('slips.again', { receiptNumber: rec.receiptNumber, form: 'endorsement', number: 1 });
    await until(() => r.jobEvents.some((j) => j.form === 'endorsement' && j.copy === 1 && j.waitingReason === 'slipInsert'), 'the copy to wait');
    r.emu.insertForm();
    await until(() => r.emu.forms[2]?.released === true, 'the copy printed');
    expect(r.emu.forms[2]!.text.at(-1)).toBe('*** COPY ***');
    expect((await log(rec.receiptNumber)).log.some((x) => x.event === 'requested_again' && x.form === 'endorsement')).toBe(true);
  });

  it('Skip, no form in time, and the form pulled out: the job keeps its state, the slip log says why, the payment stands', async () => {
    await slipRig();
    await r.t.ok('slips.updateSettings', { insertTimeoutSeconds: 5 }, 'admin');
    const rec = await payByCheck(stubFor(r.account, 4250), 4250);
    await until(() => r.jobEvents.some((j) => j.form === 'validation' && j.waitingReason === 'slipInsert'), 'the validation to wait');
    const v = r.jobEvents.find((j) => j.form === 'validation')!;
    const skipped = await r.t.ok('slips.skip', { jobId: v.id, reason: 'customer kept the stub' });
    expect(skipped.state).toBe('cancelled');
    // The endorsement comes next; the check is pulled out after one line.
    await until(() => r.jobEvents.some((j) => j.form === 'endorsement' && j.waitingReason === 'slipInsert'), 'the endorsement to wait');
    r.emu.removeFormAfterLines(1);
    r.emu.insertForm();
    await until(() => r.jobEvents.some((j) => j.form === 'endorsement' && j.state === 'failed'), 'the endorsement to stop');
    const failed = r.jobEvents.filter((j) => j.form === 'endorsement' && j.state === 'failed').at(-1)!;
    expect(failed.lastErrorMessage).toEqual({ code: 'printJob.slipRemoved', params: { seconds: 5 } });
    // Retried by a person, then nobody inserts the check: a timeout.
    await r.t.ok('slips.updateSettings', { insertTimeoutSeconds: 5 }, 'admin');
    (r.printer.opts as { slipPollMs: number }).slipPollMs = 20;
    await r.t.ok('print.retry', { jobId: failed.id });
    await until(() => r.jobEvents.filter((j) => j.form === 'endorsement' && j.state === 'failed').length === 2, 'the timeout', 15000);
    const events = (await log(rec.receiptNumber)).log.map((x) => `${x.form}:${x.event}${x.detail && x.event === 'skipped' ? `(${x.detail})` : ''}`);
    expect(events).toEqual(expect.arrayContaining(['validation:skipped(customer kept the stub)', 'endorsement:removed', 'endorsement:timeout']));
    expect((await r.t.ok('receipt.get', { receiptNumber: rec.receiptNumber })).voided).toBeNull();
  }, 30_000);

  it('a printer offline: the validation waits in the queue with the reason; it prints once the printer is back', async () => {
    await slipRig();
    r.emu.setStatus({ coverOpen: true });
    await payByCheck(stubFor(r.account, 4250), 4250);
    await until(() => r.jobEvents.some((j) => j.form === 'receipt' && j.waitingReason === 'coverOpen'), 'the receipt to wait');
    r.emu.setStatus({ coverOpen: false });
    await until(() => r.jobEvents.some((j) => j.form === 'validation' && j.waitingReason === 'slipInsert'), 'the validation to wait for the stub');
    r.emu.insertForm();
    await until(() => r.emu.forms.length === 1, 'the validation printed');
  });

  it('a printer without a slip station (the setting): nothing is queued for it, the till never asks for a form', async () => {
    await slipRig({ slipStation: false });
    const rec = await payByCheck(stubFor(r.account, 4250), 4250);
    await until(() => r.jobEvents.some((j) => j.form === 'receipt' && j.state === 'printed'), 'the receipt');
    expect((await log(rec.receiptNumber)).slips).toEqual([]);
    expect(await r.t.call('slips.again', { receiptNumber: rec.receiptNumber, form: 'validation', number: 1 })).toMatchObject({ ok: false, error: { code: 'NO_SLIP_STATION' } });
  });
});
