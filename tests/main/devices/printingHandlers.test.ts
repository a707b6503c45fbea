// The printing operations through the dispatcher: roles, validation, preview, settings, no printer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachPrinting } from '../../../src/main/devices/printing';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import type { PrintJobView } from '../../../src/shared/printing';

let t: TestStation;
const events: PrintJobView[] = [];
beforeEach(async () => {
  t = await makeStation();
  attachPrinting(t.station);
  events.length = 0;
  t.station.events.on('print.job', (v: PrintJobView) => events.push(v));
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
});
afterEach(() => t.cleanup());

describe('printing operations', () => {
  it('with no printer set up, the receipt is kept and the cashier is told why it waits', async () => {
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    const [job] = await t.ok('print.jobs', {});
    expect(job).toMatchObject({ form: 'receipt', label: `Receipt ${r.receiptNumber}`, state: 'queued', copy: 0, waiting: 'No receipt printer is set up at this station', waitingReason: 'noPrinter' });
    expect(events[events.length - 1]).toMatchObject({ id: job!.id, waitingReason: 'noPrinter' });
  });

  it('a job that waited past the give-up time stops retrying instead of printing hours later', async () => {
    const first = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    t.clock.advance(31 * 60_000);
    const second = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 600 }], tenders: [{ kind: 'cash', amountCents: 600 }] });
    await attachPrinting(t.station).queue.idle();
    const jobs = await t.ok('print.jobs', {});
    expect(jobs.map((j) => [j.label, j.state])).toEqual([[`Receipt ${second.receiptNumber}`, 'queued'], [`Receipt ${first.receiptNumber}`, 'failed']]);
    expect(jobs[1]!.lastError).toBe('No receipt printer is set up at this station for 30 minutes — print it from the job list if still wanted');
    expect(jobs[1]!.lastErrorMessage).toEqual({ code: 'printJob.noPrinter', params: { minutes: 30 } });
    // A person asks for it: it is queued again, with a fresh give-up time.
    expect((await t.ok('print.retry', { jobId: jobs[1]!.id })).state).toBe('queued');
  });

  it('previews a receipt as printed, in either language and width', async () => {
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'BPRM', feeInputs: { quantity: 400 } }], tenders: [{ kind: 'cash', amountCents: 20000 }] });
    const en = await t.ok('print.preview', { receiptNumber: r.receiptNumber, columns: 32 });
    expect(en.columns).toBe(32);
    expect(en.lines.every((l) => l.length <= 32)).toBe(true);
    expect(en.lines).toContain(`[QR ${r.receiptNumber}]`);
    const es = await t.ok('print.preview', { receiptNumber: r.receiptNumber, lang: 'es' });
    expect(es.lines.join('\n')).toContain('Permiso de construcción');
    expect(es.lines.some((l) => l.startsWith('CAMBIO'))).toBe(true);
  });

  it('settings: anyone reads them, only an admin changes them, within bounds', async () => {
    expect(await t.ok('printing.settings', {})).toMatchObject({ receiptLanguage: 'station', receiptCode: 'qr', blockSaleWhileDrawerOpen: false });
    const denied = await t.call('printing.updateSettings', { blockSaleWhileDrawerOpen: true }, 'supervisor');
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    const bad = await t.call('printing.updateSettings', { drawerOpenWarnSeconds: 1 }, 'admin');
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'INVALID_INPUT', field: 'drawerOpenWarnSeconds' });
    const saved = await t.ok('printing.updateSettings', { receiptLanguage: 'es', receiptCode: 'barcode', blockSaleWhileDrawerOpen: true }, 'admin');
    expect(saved).toMatchObject({ receiptLanguage: 'es', receiptCode: 'barcode', blockSaleWhileDrawerOpen: true, drawerOpenWarnSeconds: 30 });
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    const preview = await t.ok('print.preview', { receiptNumber: r.receiptNumber });
    expect(preview.lines).toContain(`[BARCODE ${r.receiptNumber}]`);
    expect(preview.lines.join('\n')).toContain('RECIBO OFICIAL'.split('').join(' ')); // big title, double width
  });

  it('the X report is a supervisor\'s; retry and cancel refuse what is unknown or finished', async () => {
    const x = await t.call('print.xReport', {});
    expect(x.ok ? null : x.error.code).toBe('FORBIDDEN');
    const job = await t.ok('print.xReport', {}, 'supervisor');
    expect(job).toMatchObject({ form: 'x_report', copy: 0, waitingReason: null });
    const missing = await t.call('print.retry', { jobId: uuid() });
    expect(missing.ok ? null : missing.error.code).toBe('PRINT_JOB_NOT_FOUND');
    await t.ok('print.cancel', { jobId: job.id, reason: 'not needed' });
    const again = await t.call('print.cancel', { jobId: job.id, reason: 'not needed' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'PRINT_JOB_FINAL', message: 'That print job has already printed or been cancelled. To print it again, use reprint: the copy will say DUPLICATE.' });
    const log = await t.call('drawer.log', { limit: 10 });
    expect(log.ok ? null : log.error.code).toBe('FORBIDDEN');
    expect(await t.ok('drawer.state', {})).toEqual({ configured: false, open: null, openSince: null, leftOpen: false, blocksSale: false });
  });
});
