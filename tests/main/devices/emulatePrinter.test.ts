// The whole chain as the demo runs it: device settings → device manager → print queue and drawer
// service → the printer emulator on TCP, which shows each slip as it is cut.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { attachDevices } from '../../../src/main/devices/devices';
import { startPrinterEmulator, usePrinterEmulator, type PrinterEmulatorRun } from '../../../src/main/devices/emulatePrinter';
import { attachPrinting } from '../../../src/main/devices/printing';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { until } from './printerRig';

let t: TestStation;
let run: PrinterEmulatorRun;
afterEach(async () => { t.cleanup(); await run.close(); });

describe('emulate-printer with the device manager', () => {
  it('prints the receipt and kicks the drawer through the devices set up in the settings', async () => {
    t = await makeStation();
    let out = '';
    const output = new PassThrough();
    output.on('data', (d: Buffer) => { out += d.toString(); });
    run = await startPrinterEmulator({ port: 0, columns: 32, output });
    usePrinterEmulator(t.station, run.address, 32, { id: 'admin', name: 'Alex Admin', role: 'admin' });
    attachPrinting(t.station);
    await attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 200 } }).started;
    const devices = await t.ok('devices.list', {});
    expect(devices.filter((d) => d.kind === 'printer' || d.kind === 'drawer').map((d) => [d.id, d.state])).toEqual([['printer1', 'ready'], ['drawer1', 'ready']]);

    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1250 }], tenders: [{ kind: 'cash', amountCents: 2000 }] });
    await until(() => out.includes('----- cut -----'), 'the slip on the terminal');
    expect(out).toContain('drawer kick: pin 2, 100 ms (ESC p)');
    expect(out).toContain(`Receipt no.          ${r.receiptNumber}`);
    expect(out).toMatch(/CHANGE\s+\$7\.50/);

    expect(run.handle('paper-out')).toContain('"paperEnd":true');
    const waiting = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 100 }], tenders: [{ kind: 'card', amountCents: 100, brand: 'visa', last4: '1111', authCode: 'OK1' }] });
    await until(() => t.station.st.sqlGet<{ waiting: string | null }>('SELECT waiting FROM print_jobs WHERE ref = ?', waiting.id)?.waiting === 'paperOut', 'the job to wait');
    run.handle('paper-in');
    await until(() => out.includes(waiting.receiptNumber), 'the waiting receipt', 20000);
  });
});
