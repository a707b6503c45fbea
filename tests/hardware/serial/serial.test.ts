// Serial settings, port listing (with and without udevadm), backoff and the wrong-baud model.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DeviceSettingsError, framing, parseSerialAddress } from '../../../src/hardware/serial/settings';
import { listPorts, onPath } from '../../../src/hardware/serial/listPorts';
import { Backoff, backoffDelay } from '../../../src/hardware/serial/reconnect';
import { resampleBaud } from '../../../src/hardware/serial/uart';
import { SerialLink } from '../../../src/hardware/serial/link';
import { ptyPair, tempDir } from '../../helpers/pty';

describe('serial settings', () => {
  it('address query and options, options winning', () => {
    expect(parseSerialAddress('serial:/dev/ttyUSB0')).toEqual({ path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false });
    const s = parseSerialAddress('serial:/dev/ttyS1?baud=1200&dataBits=7&parity=even&stopBits=2&rtscts=on', { baudRate: 19200 });
    expect(s).toMatchObject({ path: '/dev/ttyS1', baudRate: 19200, dataBits: 7, parity: 'even', stopBits: 2, rtscts: true });
    expect(framing(s)).toBe('19200 7E2');
    expect(parseSerialAddress('/dev/ttyACM0', { xon: true })).toMatchObject({ path: '/dev/ttyACM0', xon: true });
    expect(parseSerialAddress('serial:COM3?baud=4800')).toMatchObject({ path: 'COM3', baudRate: 4800 });
  });
  it.each([
    ['tcp://10.0.0.5:9100', {}, 'address'],
    ['serial:/dev/ttyS0?baud=9601', {}, 'baudRate'],
    ['serial:/dev/ttyS0', { baudRate: 'fast' }, 'baudRate'],
    ['serial:/dev/ttyS0?dataBits=9', {}, 'dataBits'],
    ['serial:/dev/ttyS0?parity=weird', {}, 'parity'],
    ['serial:/dev/ttyS0?stopBits=3', {}, 'stopBits'],
    ['serial:/dev/ttyS0?rtscts=maybe', {}, 'rtscts'],
  ])('refuses %s %j (%s)', (address, options, setting) => {
    try {
      parseSerialAddress(address, options);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DeviceSettingsError);
      expect((e as DeviceSettingsError).setting).toBe(setting);
    }
  });
});

describe('listPorts', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('lists configured ptys that exist, and never rejects', async () => {
    const pty = await ptyPair(join(tmp.dir, 'a'), join(tmp.dir, 'b'));
    try {
      const r = await listPorts({ configured: [join(tmp.dir, 'a'), join(tmp.dir, 'missing')] });
      expect(r.ports).toContainEqual({ path: join(tmp.dir, 'a'), source: 'configured' });
      expect(r.ports.some((p) => p.path === join(tmp.dir, 'missing'))).toBe(false);
    } finally { await pty.stop(); }
  });

  it('without udevadm on PATH: says so and scans /dev instead', async () => {
    const path = process.env.PATH;
    process.env.PATH = tmp.dir; // an empty folder: udevadm cannot be found
    try {
      expect(onPath('udevadm')).toBe(false);
      const r = await listPorts();
      expect(r.warning).toMatch(/udevadm is not installed \(package udev\)/);
      expect(r.ports.every((p) => p.source === 'scan' && p.path.startsWith('/dev/'))).toBe(true);
    } finally { process.env.PATH = path; }
  });
});

describe('backoff', () => {
  it('grows by the factor up to the ceiling, jitter only shortens, reset starts over', () => {
    const o = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0 };
    expect([0, 1, 2, 3, 6, 7, 20].map((a) => backoffDelay(a, o))).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(2, { ...o, jitter: 0.5 }, () => 1)).toBe(1000);
    const b = new Backoff(o);
    expect([b.next(), b.next(), b.next()]).toEqual([500, 1000, 2000]);
    b.reset();
    expect(b.next()).toBe(500);
  });
});

describe('wrong-baud model', () => {
  it('same rate: the bytes come through; other rates: garbage', () => {
    const line = Buffer.from('T121000358T 12345678U 1234\r');
    expect(Buffer.from(resampleBaud(line, 9600, 9600))).toEqual(line);
    expect(Buffer.from(resampleBaud(line, 9600, 2400)).equals(line)).toBe(false);
    expect(Buffer.from(resampleBaud(line, 2400, 9600)).includes(line)).toBe(false);
  });
});

describe('serial link', () => {
  it('opening a port that is not there says so', async () => {
    const link = new SerialLink(parseSerialAddress('serial:/dev/ttyCIVICTILL-NONE'));
    await expect(link.open()).rejects.toMatchObject({ name: 'SerialOpenError', notFound: true });
  });
});
