// The whole chain as the demo runs it: device settings → device manager → print queue and drawer
// service → the printer emulator on TCP, which shows each slip as it is cut.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { attachDevices } from '../../../src/main/devices/devices';
import { startPrinterEmulator, usePrinterEmulator, type PrinterEmulatorRun } from '../../../src/main/devices/emulatePrinter';
import { attachPrinting } from '../../../src/main/devices/printing';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../../src/shared/stubs';
import { makeStation, ROUTING, uuid, type TestStation } from '../../helpers/station';
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

  it('with --slip: the till asks for the stub and the check, `insert` puts each in, and the terminal shows what was printed on it', async () => {
    t = await makeStation();
    let out = '';
    const output = new PassThrough();
    output.on('data', (d: Buffer) => { out += d.toString(); });
    run = await startPrinterEmulator({ port: 0, columns: 48, slip: true, output });
    usePrinterEmulator(t.station, run.address, 48, { id: 'admin', name: 'Alex Admin', role: 'admin' }, true);
    expect((await t.ok('slips.settings', {})).slipStation).toBe(true);
    attachPrinting(t.station);
    await attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 200 } }).started;
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    const account = t.station.st.sqlGet<{ a: string }>("SELECT account_number AS a FROM accounts WHERE status = 'active' LIMIT 1")!.a;
    const raw = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: account, amountCents: 4250, dueDate: '2099-12-15', billNumber: '2099110001', revenueCodeValue: '01' });
    const scan = await t.ok('stubs.scan', { raw });
    const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: scan.revenueCode.code, accountNumber: account, amountCents: 4250, stub: { raw } }], tenders: [{ kind: 'check', amountCents: 4250, routing: ROUTING, account: '12345678', checkNumber: '1042' }] });
    const waitingForForm = () => t.station.st.sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM print_jobs WHERE waiting = 'slipInsert'")!.n > 0;
    for (const [what, text] of [['the stub', account], ['the check', 'FOR DEPOSIT ONLY']] as const) {
      await until(waitingForForm, `the till asking for ${what}`, 20000);
      expect(run.handle('insert')).toBe('form inserted');
      await until(() => out.includes(text), `${what} printed`, 20000);
      await until(() => !waitingForForm(), `${what} done`, 20000);
    }
    expect(out).toMatch(/----- form on the slip station \(face\) -----\n[^]*PAID[^]*----- released and taken out -----/);
    expect(out).toContain(r.receiptNumber);
    expect(out).toContain('----- form on the slip station (back) -----\nFOR DEPOSIT ONLY');
    // The next stub's validation, after a check was endorsed on its back: on the face again.
    const raw2 = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: account, amountCents: 1800, dueDate: '2099-12-15', billNumber: '2099110002', revenueCodeValue: '01' });
    const r2 = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: scan.revenueCode.code, accountNumber: account, amountCents: 1800, stub: { raw: raw2 } }], tenders: [{ kind: 'cash', amountCents: 1800 }] });
    await until(waitingForForm, 'the till asking for the second stub', 20000);
    const from = out.length;
    run.handle('insert');
    await until(() => out.slice(from).includes('released and taken out'), 'the second stub printed', 20000);
    expect(out.slice(from)).toMatch(new RegExp(`----- form on the slip station \\(face\\) -----\\n\\*\\*\\* PAID[^]*${r2.receiptNumber}`));
  }, 60_000);

  it('without a slip station, says how to get one, and turns the setting off', async () => {
    t = await makeStation();
    run = await startPrinterEmulator({ port: 0, columns: 48, output: new PassThrough() });
    await t.ok('slips.updateSettings', { slipStation: true }, 'admin');
    usePrinterEmulator(t.station, run.address, 48, { id: 'admin', name: 'Alex Admin', role: 'admin' });
    expect((await t.ok('slips.settings', {})).slipStation).toBe(false);
    expect(run.handle('insert')).toBe('this printer has no slip station: start it with --slip');
    expect(run.handle('help')).not.toContain('insert');
  });
});
