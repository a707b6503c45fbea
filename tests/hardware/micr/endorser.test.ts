// Endorsement on a check reader's endorser (a driver option), against the emulated reader on a socat
// pty: a check payment's endorsement goes to the reader (ESC E, the lines, ETX; ACK), no slip station
// needed; a reader with no check in its endorser answers NAK, and the job stops with the reason, logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MicrEmulator } from '../../../src/hardware/micr/emulator';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { attachPrinting } from '../../../src/main/devices/printing';
import { attachDevices } from '../../../src/main/devices/devices';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import type { PrintJobView } from '../../../src/shared/printing';
import { ptyPair, tempDir, type PtyPair } from '../../helpers/pty';
import { until } from '../../helpers/events';
import { makeStation, ROUTING, uuid, type TestStation } from '../../helpers/station';

describe('endorsing on the check reader', () => {
  const tmp = tempDir();
  let pty: PtyPair;
  let t: TestStation;
  let emu: MicrEmulator;
  let printer: EscPosEmulator;
  const jobs: PrintJobView[] = [];
  beforeAll(async () => {
    pty = await ptyPair(join(tmp.dir, 'host'), join(tmp.dir, 'dev'));
    emu = new MicrEmulator(pty.device);
    await emu.open();
    // The receipt printer (no slip station): receipts print first, the endorsement goes to the reader.
    printer = new EscPosEmulator({ columns: 48 });
    await printer.listen();
    t = await makeStation();
    t.station.events.on('print.job', (j: PrintJobView) => jobs.push(j));
    attachPrinting(t.station, { firstRetryMs: 20, maxRetryMs: 200 });
    const d = attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 200, jitter: 0 } });
    await t.ok('devices.updateSettings', { devices: [{ id: 'micr1', kind: 'micr', address: `serial:${pty.host}?baud=9600`, options: { endorser: true } },
      { id: 'printer1', kind: 'printer', address: printer.address, options: { columns: 48, jobPollMs: 20 } }] }, 'admin');
    await d.started;
    await until(() => d.manager.status('micr1')?.state === 'ready', 'the reader ready', 5000);
    await t.ok('slips.updateSettings', { slipStation: false, endorseOn: 'checkReader' }, 'admin');
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  });
  afterAll(async () => { t?.cleanup(); await emu?.close(); await printer?.close(); await pty?.stop(); tmp.cleanup(); });

  const payByCheck = (checkNumber: string) => t.ok('receipt.post', {
    id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 2500 }],
    tenders: [{ kind: 'check', amountCents: 2500, routing: ROUTING, account: '12345678', checkNumber }],
  });

  it('a check payment is endorsed on the reader, with the city, its bank account masked, the receipt and the amount', async () => {
    const rec = await payByCheck('501');
    await until(() => emu.endorsed.length === 1, 'the endorsement');
    expect(emu.endorsed[0]).toEqual(['FOR DEPOSIT ONLY', 'PAY TO THE ORDER OF First Riverton Bank', 'City of Riverton ACCT ******2345', `RCPT ${rec.receiptNumber} $25.00`]);
    await until(() => jobs.some((j) => j.form === 'endorsement' && j.state === 'printed'), 'the job printed');
    const { log } = await t.ok('slips.forReceipt', { receiptNumber: rec.receiptNumber });
    expect(log.map((e) => e.event)).toEqual(['queued', 'printed']);
  });

  it('no check in the endorser: the job stops with the reason and is logged; endorsed again, it prints as a copy', async () => {
    emu.checkInEndorser = false;
    const rec = await payByCheck('502');
    await until(() => jobs.some((j) => j.form === 'endorsement' && j.state === 'failed'), 'the job to stop');
    expect(jobs.find((j) => j.state === 'failed')!.lastErrorMessage).toEqual({ code: 'printJob.endorserNoCheck', params: {} });
    emu.checkInEndorser = true;
    await t.ok('slips.again', { receiptNumber: rec.receiptNumber, form: 'endorsement', number: 1 });
    await until(() => emu.endorsed.length === 2, 'the copy');
    expect(emu.endorsed[1]!.at(-1)).toBe('*** COPY ***');
    await until(() => jobs.some((j) => j.form === 'endorsement' && j.copy === 1 && j.state === 'printed'), 'the copy printed');
    const { log } = await t.ok('slips.forReceipt', { receiptNumber: rec.receiptNumber });
    expect(log.map((e) => e.event)).toEqual(['queued', 'failed', 'requested_again', 'printed']);
  });
});
