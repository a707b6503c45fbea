// The device manager with real drivers on socat ptys: a reader missing at start comes up through
// reconnect with backoff, goes offline when unplugged and comes back; devices that are not configured
// or have no driver are reported missing while the rest work.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DeviceManager, DeviceManagerError } from '../../src/hardware/manager';
import { MicrReader } from '../../src/hardware/micr/reader';
import { MicrEmulator, micrLine } from '../../src/hardware/micr/emulator';
import type { DeviceEvent, DeviceStatus } from '../../src/hardware/device';
import type { MicrRead } from '../../src/shared/micr';
import { ptyPair, tempDir, type PtyPair } from '../helpers/pty';
import { EventQueue } from '../helpers/events';

describe('device manager', () => {
  const tmp = tempDir();
  const host = join(tmp.dir, 'micr-host'), dev = join(tmp.dir, 'micr-dev');
  const manager = new DeviceManager({ micr: (c) => new MicrReader(c) }, { backoff: { initialMs: 40, maxMs: 320, factor: 2, jitter: 0 } });
  const statuses = new EventQueue<DeviceStatus>();
  const events = new EventQueue<DeviceEvent>();
  manager.onStatus(statuses.push);
  manager.onEvent(events.push);
  let pty: PtyPair | undefined;

  afterAll(async () => {
    await manager.close();
    await pty?.stop();
    tmp.cleanup();
  });

  it('reports every configured device at once: missing reader retrying, not configured, no driver', async () => {
    await manager.configure([
      { id: 'micr1', kind: 'micr', address: `serial:${host}` },
      { id: 'display1', kind: 'display', address: 'none' },
      { id: 'printer1', kind: 'printer', address: 'tcp://127.0.0.1:9' },
    ]);
    const byId = Object.fromEntries(manager.list().map((s) => [s.id, s]));
    expect(byId.micr1).toMatchObject({ state: 'missing' });
    expect(byId.micr1!.detail).toMatch(/^No port at .*micr-host — retrying in 40 ms$/);
    expect(byId.display1).toMatchObject({ state: 'missing', detail: 'Not configured' });
    expect(byId.printer1).toMatchObject({ state: 'missing', detail: 'No driver for printer devices in this build' });
    // The same as codes for the UI to word; the retry wait is a parameter (whole seconds, at least 1).
    expect(byId.micr1!.message).toEqual({ code: 'link.notFound', params: { address: host, retryS: 1 } });
    expect(byId.display1!.message).toEqual({ code: 'device.notConfigured', params: {} });
    expect(byId.printer1!.message).toEqual({ code: 'device.noDriver', params: {} });
    await expect(manager.test('micr1')).rejects.toBeInstanceOf(DeviceManagerError);
    await expect(manager.test('nope')).rejects.toMatchObject({ reason: 'unknown' });
  });

  it('backs off exponentially up to the ceiling while the reader is missing', async () => {
    const delays: number[] = [];
    while (delays.length < 5) {
      const s = await statuses.next((x) => x.id === 'micr1' && /retrying in/.test(x.detail));
      delays.push(Number(/retrying in (\d+) ms/.exec(s.detail)![1]));
    }
    expect(delays.slice(0, 1)).toEqual([40]);
    expect(delays.slice(1)).toEqual([80, 160, 320, 320]);
  });

  it('the reader plugged in later comes up through reconnect, and its reads flow through the manager', async () => {
    pty = await ptyPair(host, dev);
    const ready = await statuses.next((x) => x.id === 'micr1' && x.state === 'ready');
    expect(ready.detail).toContain('micr-host at 9600 8N1');
    expect(ready.message).toEqual({ code: 'device.readyAt', params: { address: host } });
    expect(manager.status('micr1')!.state).toBe('ready');
    const emu = new MicrEmulator(dev);
    await emu.open();
    await emu.sendLine(micrLine({ routing: '121000358', account: '12345678', checkNumber: '501' }));
    const e = await events.next((x) => x.type === 'check');
    expect(e).toMatchObject({ deviceId: 'micr1', kind: 'micr' });
    expect((e.payload as MicrRead).ok).toBe(true);
    await emu.close();
  });

  it('unplugged: offline and retrying; plugged back: ready again with the backoff reset', async () => {
    statuses.drain();
    await pty!.stop();
    const off = await statuses.next((x) => x.id === 'micr1' && x.state === 'offline');
    expect(off.detail).toMatch(/retrying in 40 ms$/);
    pty = await ptyPair(host, dev);
    await statuses.next((x) => x.id === 'micr1' && x.state === 'ready');
    const seen = statuses.all.filter((x) => x.id === 'micr1').map((x) => x.state);
    expect(seen).toContain('connecting');
    expect(manager.status('micr1')!.state).toBe('ready');
  });

  it('reconfiguring closes removed devices and keeps unchanged ones open', async () => {
    const before = manager.device('micr1');
    await manager.configure([{ id: 'micr1', kind: 'micr', address: `serial:${host}` }]);
    expect(manager.device('micr1')).toBe(before);
    expect(manager.list().map((s) => s.id)).toEqual(['micr1']);
    await manager.configure([{ id: 'micr1', kind: 'micr', address: `serial:${host}`, options: { symbols: 'upos' } }]);
    expect(manager.device('micr1')).not.toBe(before);
    expect(manager.status('micr1')!.state).toBe('ready');
    await manager.configure([{ id: 'micr1', kind: 'micr', address: `serial:${host}`, options: { symbols: 'x,y' } }]);
    expect(manager.status('micr1')).toMatchObject({ state: 'missing' });
    expect(manager.status('micr1')!.detail).toMatch(/^Settings problem: Unknown symbol set/);
  });
});
