// A cash drawer on its own serial port, against an emulated drawer on a socat pty pair: the opening
// sequence on the wire, the open/closed switch read back on the status query, a drawer that stops
// answering; and on a station, a cash payment opens it after the commit and the log says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerialDrawer } from '../../../src/hardware/drawer/serialDrawer';
import { SerialDrawerEmulator } from '../../../src/hardware/drawer/emulator';
import { createDrawer } from '../../../src/hardware/drawer/factory';
import { attachPrinting } from '../../../src/main/devices/printing';
import { attachDevices } from '../../../src/main/devices/devices';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { ptyPair, tempDir, type PtyPair } from '../../helpers/pty';
import { until } from '../../helpers/events';
import { makeStation, uuid, type TestStation } from '../../helpers/station';

describe('serial cash drawer over a socat pty', () => {
  const tmp = tempDir();
  let pty: PtyPair;
  let drawer: SerialDrawer;
  let emu: SerialDrawerEmulator;

  beforeAll(async () => {
    pty = await ptyPair(join(tmp.dir, 'host'), join(tmp.dir, 'dev'));
    emu = new SerialDrawerEmulator(pty.device);
    await emu.start();
    drawer = createDrawer({ id: 'drawer1', kind: 'drawer', address: `serial:${pty.host}?baud=9600`, options: { pollMs: 100 } }, { device: () => undefined, byKind: () => [] }) as SerialDrawer;
    await drawer.open();
  });
  afterAll(async () => { await drawer?.close(); await emu?.stop(); await pty?.stop(); tmp.cleanup(); });

  it('reads the switch on opening: shut', async () => {
    expect(drawer).toBeInstanceOf(SerialDrawer);
    expect(drawer.status()).toMatchObject({ state: 'ready', flags: { open: false } });
    expect(drawer.isOpen()).toBe(false);
  });

  it('opens on its opening sequence (BEL) and reports open, then shut once pushed back', async () => {
    const before = emu.received.length;
    const r = await drawer.kick();
    expect(r).toMatchObject({ via: 'serial', pin: null });
    await until(() => emu.open, 'the drawer to open');
    expect(emu.received.slice(before)).toContain(0x07);
    await until(() => drawer.isOpen() === true, 'the switch read open');
    emu.setOpen(false);
    await until(() => drawer.isOpen() === false, 'the switch read shut');
    // Only the opening sequence and status queries went down the line.
    expect(new Set(emu.received)).toEqual(new Set([0x05, 0x07]));
  });

  it('a drawer that stops answering is reported as a problem, not as shut', async () => {
    await emu.stop();
    await until(() => drawer.status().state === 'error' || drawer.status().state === 'offline', 'the drawer to be reported', 5000);
    expect(drawer.isOpen()).toBeNull();
    await emu.start();
    await until(() => drawer.status().state === 'ready', 'the drawer back', 5000);
  });

  it('settings that make no sense are refused by name', () => {
    expect(() => new SerialDrawer({ id: 'd', kind: 'drawer', address: 'serial:/dev/ttyS9', options: { open: 'zz' } })).toThrow(/open/);
    expect(() => new SerialDrawer({ id: 'd', kind: 'drawer', address: 'serial:/dev/ttyS9', options: { sensor: 'maybe' } })).toThrow(/sensor/);
  });
});

describe('a serial drawer on a station', () => {
  const tmp = tempDir();
  let pty: PtyPair;
  let t: TestStation;
  let emu: SerialDrawerEmulator;
  beforeAll(async () => {
    pty = await ptyPair(join(tmp.dir, 'host'), join(tmp.dir, 'dev'));
    emu = new SerialDrawerEmulator(pty.device);
    await emu.start();
    t = await makeStation();
    attachPrinting(t.station, { firstRetryMs: 20, maxRetryMs: 200 });
    const d = attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 200, jitter: 0 } });
    await t.ok('devices.updateSettings', { devices: [{ id: 'drawer1', kind: 'drawer', address: `serial:${pty.host}?baud=9600`, options: { pollMs: 100 } }] }, 'admin');
    await d.started;
    await until(() => d.manager.status('drawer1')?.state === 'ready', 'the drawer ready', 5000);
  });
  afterAll(async () => { t?.cleanup(); await emu?.stop(); await pty?.stop(); tmp.cleanup(); });

  it('a cash payment opens it after the commit; the opening and the shutting are in the drawer log', async () => {
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    emu.setOpen(false);
    const rec = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 1000 }] });
    await until(() => emu.open, 'the drawer to open');
    await until(() => (t.station.st.sqlAll("SELECT 1 FROM drawer_log WHERE event = 'opened'")).length === 1, 'the opening logged', 5000);
    expect((await t.ok('drawer.state', {})).open).toBe(true);
    emu.setOpen(false);
    await until(() => (t.station.st.sqlAll("SELECT 1 FROM drawer_log WHERE event = 'closed'")).length === 1, 'the shutting logged', 5000);
    const log = await t.ok('drawer.log', {}, 'supervisor');
    expect(log.find((e) => e.event === 'kicked')).toMatchObject({ ref: rec.id, detail: expect.stringContaining('sent 07') });
  });
});
