// The drawer through the printer's kick-out connector: pulses on the wire, the sensor read back.
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { createDrawer } from '../../../src/hardware/drawer/factory';
import type { PrinterDrawer } from '../../../src/hardware/drawer/drawer';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';

let emu: EscPosEmulator;
let printer: ReceiptPrinter;

async function setup(openLevel: 'high' | 'low', drawerOptions: Record<string, string | number> = {}): Promise<PrinterDrawer> {
  emu = new EscPosEmulator({ drawerOpenLevel: openLevel });
  await emu.listen();
  printer = createPrinter({ id: 'p1', kind: 'printer', address: emu.address, options: { pollMs: 60000, fastPollMs: 20 } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
  const ctx = { device: (id: string) => (id === 'p1' ? printer : undefined), byKind: () => [printer] };
  const drawer = createDrawer({ id: 'd1', kind: 'drawer', address: 'printer:p1', options: { openLevel, ...drawerOptions } }, ctx) as PrinterDrawer;
  await printer.open();
  await drawer.open();
  return drawer;
}
afterEach(async () => { await printer.close(); await emu.close(); });

describe('cash drawer', () => {
  it('kicks pin 5 with the configured pulse and reads it open, then shut', async () => {
    const drawer = await setup('high', { pin: 5, onMs: 60, offMs: 120 });
    expect(drawer.isOpen()).toBe(false);
    const r = await drawer.kick();
    expect(r).toMatchObject({ via: 'ESC p', pin: 5, onMs: 60 });
    await emu.waitFor(() => emu.status.drawerOpen, 2000, 'the drawer to spring open');
    expect(emu.events.filter((e) => e.type === 'drawer')).toEqual([{ type: 'drawer', pin: 5, onMs: 60, offMs: 120, via: 'ESC p' }]);
    // Watched closely while open: the sensor shows it without being asked.
    await new Promise<void>((resolve) => { const off = drawer.onStatus((s) => { if (s.flags?.open) { off(); resolve(); } }); });
    expect(drawer.status()).toMatchObject({ state: 'ready', detail: 'Open', flags: { open: true } });
    emu.shutDrawer();
    await new Promise<void>((resolve) => { const off = drawer.onStatus((s) => { if (s.flags?.open === false) { off(); resolve(); } }); });
    expect(drawer.isOpen()).toBe(false);
  });

  it('reads the sensor with the opposite polarity when the drawer pulls pin 3 low when open', async () => {
    const drawer = await setup('low');
    expect(await drawer.readSensor()).toBe(false);
    emu.setStatus({ drawerOpen: true });
    expect(await drawer.readSensor()).toBe(true);
  });

  it('still opens while the printer is out of paper, with the real-time pulse', async () => {
    const drawer = await setup('high');
    emu.setStatus({ paperEnd: true });
    const r = await drawer.kick();
    expect(r.via).toBe('DLE DC4');
    await emu.waitFor(() => emu.status.drawerOpen, 2000, 'the drawer to open');
    expect(emu.realTime.filter((e) => e.type === 'drawer')).toEqual([{ type: 'drawer', pin: 2, onMs: 100, offMs: 100, via: 'DLE DC4' }]);
    expect(emu.pendingBytes).toBe(0);
  });

  it('says it has no sensor when configured so', async () => {
    const drawer = await setup('high', { openLevel: 'none' });
    expect(drawer.isOpen()).toBeNull();
    expect(drawer.status().detail).toBe('Ready (no sensor)');
    expect(drawer.status().message).toEqual({ code: 'drawer.noSensor', params: {} });
    expect(await drawer.test()).toBe('Drawer kicked on pin 2 (100 ms, ESC p)');
    expect((await drawer.runTest()).message).toEqual({ code: 'test.drawerKicked', params: { pin: 2, onMs: 100 } });
  });
});
