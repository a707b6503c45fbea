// The image check scanner driver against the emulator, over a socat pty and over TCP: the bytes of
// each command, both images arriving whole (the same bytes the emulator rendered, a TIFF Group 4 at
// 200 dpi), an unreadable MICR digit, a jam and a double feed, and the endorser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import UTIF from 'utif';
import { MagTekImageScanner } from '../../../src/hardware/checkScanner/magtek';
import { ImageScannerEmulator } from '../../../src/hardware/checkScanner/emulator';
import type { ScanFaultEvent, ScannedCheck } from '../../../src/hardware/checkScanner/scanner';
import type { DeviceEvent } from '../../../src/hardware/device';
import { ptyPair, type PtyPair } from '../ptyPair';

const CHECK = { routing: '021000021', account: '123456789', checkNumber: '1042', amountCents: 12_345 };

function nextEvent(d: MagTekImageScanner, type: string): Promise<DeviceEvent> {
  return new Promise((ok, fail) => {
    const t = setTimeout(() => { stop(); fail(new Error(`no ${type} event`)); }, 5000);
    const stop = d.onEvent((e) => { if (e.type === type) { clearTimeout(t); stop(); ok(e); } });
  });
}

const transports: [string, () => Promise<{ emu: ImageScannerEmulator; address: string; done(): Promise<void> }>][] = [
  ['pty', async () => {
    const pty: PtyPair = await ptyPair();
    const emu = await ImageScannerEmulator.serial(pty.device);
    return { emu, address: `serial:${pty.host}?baud=115200`, done: async () => { await emu.close(); await pty.close(); } };
  }],
  ['tcp', async () => {
    const emu = await ImageScannerEmulator.tcp();
    return { emu, address: emu.address(), done: () => emu.close() };
  }],
];

describe.each(transports)('MagTek image scanner over %s', (_name, setup) => {
  let emu: ImageScannerEmulator;
  let done: () => Promise<void>;
  let d: MagTekImageScanner;
  beforeAll(async () => {
    const s = await setup();
    emu = s.emu; done = s.done;
    d = new MagTekImageScanner({ id: 'scan1', kind: 'micr', address: s.address, options: { driver: 'magtek-image', endorser: true, timeoutMs: 3000 } });
    await d.open();
    for (let i = 0; i < 100 && !emu.connected; i++) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => { await d.close(); await done(); });

  it('reads the MICR line and fetches both images with IS then TI, byte for byte', async () => {
    emu.received.length = 0;
    const got = nextEvent(d, 'scannedCheck');
    const rendered = await emu.feed(CHECK);
    const s = (await got).payload as ScannedCheck;
    expect(emu.received.map((b) => b.toString('latin1'))).toEqual(['IS S0\r', 'TI S0\r', 'IS S1\r', 'TI S1\r']);
    expect(s.read.ok && s.read.check).toMatchObject({ routing: '021000021', account: '123456789', checkNumber: '1042' });
    expect(s.front.equals(rendered.front)).toBe(true);
    expect(s.back!.equals(rendered.back)).toBe(true);
    const ifd = UTIF.decode(s.front)[0]!;
    expect([ifd.t259?.[0], ifd.t256?.[0], ifd.t257?.[0], ifd.t282?.[0], ifd.t296?.[0], ifd.t258?.[0]]).toEqual([4, 1200, 550, 200, 2, 1]);
  });

  it('passes on an unreadable digit as a failed read the till can name', async () => {
    const got = nextEvent(d, 'scannedCheck');
    await emu.feed({ ...CHECK, unreadable: [3] });
    const s = (await got).payload as ScannedCheck;
    expect(s.read.ok).toBe(false);
    if (!s.read.ok) expect(s.read.errors[0]).toMatchObject({ field: 'routing', fault: 'unreadable' });
  });

  it('reports a jam and a double feed, with no images asked for', async () => {
    for (const [code, fault] of [['J', 'jam'], ['D', 'doubleFeed'], ['N', 'noMicr']] as const) {
      emu.received.length = 0;
      const got = nextEvent(d, 'scanFault');
      await emu.fault(code);
      expect(((await got).payload as ScanFaultEvent).fault).toBe(fault);
      expect(emu.received).toEqual([]);
    }
  });

  it('endorses with ESC E, the lines and ETX; NAK with no check in its path', async () => {
    emu.received.length = 0;
    await d.endorse(['FOR DEPOSIT ONLY', 'CITY OF RIVERTON 1234']);
    expect(emu.received[0]!.equals(Buffer.from('\x1bEFOR DEPOSIT ONLY\rCITY OF RIVERTON 1234\r\x03', 'latin1'))).toBe(true);
    emu.checkInEndorser = false;
    await expect(d.endorse(['X'])).rejects.toMatchObject({ reason: 'noCheck' });
    emu.checkInEndorser = true;
  });
});
