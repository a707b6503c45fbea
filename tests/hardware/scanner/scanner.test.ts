// The serial stub scanner against an emulated scanner on a socat pty pair (real bytes through the tty
// layer): whole scans, scans in pieces, a scan cut short, noise; and on a station, a scan published to
// the till and read by stubs.scan exactly as a keyboard-wedge scan is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerialScanner, type ScanFault } from '../../../src/hardware/scanner/scanner';
import { ScannerEmulator } from '../../../src/hardware/scanner/emulator';
import type { DeviceEvent } from '../../../src/hardware/device';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../../src/shared/stubs';
import { attachDevices } from '../../../src/main/devices/devices';
import { ptyPair, tempDir, type PtyPair } from '../../helpers/pty';
import { EventQueue } from '../../helpers/events';
import { makeStation, type TestStation } from '../../helpers/station';

const stub = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: '100000-64', amountCents: 4250, dueDate: '2026-12-15', billNumber: '2026110101', revenueCodeValue: '01' });

describe('serial stub scanner over a socat pty', () => {
  const tmp = tempDir();
  let pty: PtyPair;
  let scanner: SerialScanner;
  let emu: ScannerEmulator;
  const events = new EventQueue<DeviceEvent>();

  beforeAll(async () => {
    pty = await ptyPair(join(tmp.dir, 'host'), join(tmp.dir, 'dev'));
    scanner = new SerialScanner({ id: 'scanner1', kind: 'scanner', address: `serial:${pty.host}?baud=9600`, options: { staleMs: 200 } });
    scanner.onEvent((e) => events.push(e));
    await scanner.open();
    emu = new ScannerEmulator(pty.device);
    await emu.open();
  });
  afterAll(async () => { await emu?.close(); await scanner?.close(); await pty?.stop(); tmp.cleanup(); });

  it('a scan arrives whole, as its text', async () => {
    expect(scanner.status()).toMatchObject({ state: 'ready' });
    await emu.scan(stub);
    expect(await events.next()).toMatchObject({ deviceId: 'scanner1', kind: 'scanner', type: 'scan', payload: { text: stub } });
  });

  it('a scan in pieces (a slow line) is still one scan; CR LF and STX/ETX framing are taken too', async () => {
    await emu.scanInPieces(stub, 4, 40);
    expect(await events.next()).toMatchObject({ type: 'scan', payload: { text: stub } });
    await emu.sendBytes(Buffer.from(`\x02${stub}\x03`, 'latin1'));
    expect(await events.next()).toMatchObject({ type: 'scan', payload: { text: stub } });
    await emu.sendBytes(Buffer.from(`${stub}\r\n`, 'latin1'));
    expect(await events.next()).toMatchObject({ type: 'scan', payload: { text: stub } });
  });

  it('a scan cut short (no terminator) and noise are faults, never scans', async () => {
    await emu.cutShort(stub.slice(0, 20));
    const cut = await events.next();
    expect(cut).toMatchObject({ type: 'scanFault', payload: { fault: 'cutShort', text: stub.slice(0, 20) } });
    await emu.sendBytes(Buffer.of(0x81, 0xfe, 0x07, 0x1b, 0x33, 0x0d));
    const noise = await events.next();
    expect(noise.type).toBe('scanFault');
    expect((noise.payload as ScanFault).fault).toBe('noise');
    // And the next scan is whole again.
    await emu.scan(stub);
    expect(await events.next()).toMatchObject({ type: 'scan', payload: { text: stub } });
  });

  it('its test waits for a scan and says what came', async () => {
    const outcome = scanner.runTest();
    await new Promise((r) => setTimeout(r, 50));
    await emu.scan('RVT1|100000-64|X');
    expect(await outcome).toMatchObject({ text: 'Scanned: RVT1|100000-64|X', message: { code: 'test.scanned', params: { text: 'RVT1|100000-64|X' } } });
  });
});

describe('a serial scanner on a station', () => {
  const tmp = tempDir();
  let pty: PtyPair;
  let t: TestStation;
  let emu: ScannerEmulator;
  beforeAll(async () => {
    pty = await ptyPair(join(tmp.dir, 'host'), join(tmp.dir, 'dev'));
    t = await makeStation();
    const d = attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 200, jitter: 0 } });
    await t.ok('devices.updateSettings', { devices: [{ id: 'scanner1', kind: 'scanner', address: `serial:${pty.host}?baud=9600` }] }, 'admin');
    await d.started;
    for (let i = 0; i < 100 && (await t.ok('devices.list', {})).find((x) => x.id === 'scanner1')?.state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 25));
    emu = new ScannerEmulator(pty.device);
    await emu.open();
  });
  afterAll(async () => { await emu?.close(); t?.cleanup(); await pty?.stop(); tmp.cleanup(); });

  it('publishes each scan to the till, which reads it with the station like a wedge scan', async () => {
    const seen = new EventQueue<{ kind: string; payload: unknown }>();
    t.station.events.on('*', (e: { kind: string; payload: unknown }) => { if (e.kind.startsWith('device.scan')) seen.push(e); });
    const [a] = await t.ok('accounts.search', { query: '1000', limit: 1 });
    const raw = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: a!.accountNumber, amountCents: 4250, dueDate: '2026-12-15', billNumber: '2026110101', revenueCodeValue: '01' });
    await emu.scan(raw);
    const e = await seen.next();
    expect(e).toMatchObject({ kind: 'device.scan', payload: { deviceId: 'scanner1', text: raw } });
    const scan = await t.ok('stubs.scan', { raw: (e.payload as { text: string }).text });
    expect(scan.account.accountNumber).toBe(a!.accountNumber);
    await emu.cutShort(raw.slice(0, 10));
    expect(await seen.next()).toMatchObject({ kind: 'device.scanFault', payload: { fault: 'cutShort' } });
  });
});
