// node-thermal-printer's known defects (ARCHITECTURE.md), shown on the emulator's decoded output,
// next to the driver's workaround for each.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../../../src/hardware/printer/factory';
import { PortInterface } from '../../../src/hardware/printer/ntpInterface';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';

let emu: EscPosEmulator;
beforeEach(async () => { emu = new EscPosEmulator(); await emu.listen(); });
afterEach(async () => { await emu.close(); });

const noCtx = { device: () => undefined, byKind: () => [] };
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('node-thermal-printer defects and their workarounds', () => {
  it('openCashDrawer() sends ESC p without pulse times: the printer eats the next two bytes', async () => {
    const tp = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: emu.address });
    tp.openCashDrawer();
    tp.println('HELLO');
    await tp.execute();
    await emu.waitFor(() => emu.lines().length > 0, 2000, 'a printed line');
    const kicks = emu.events.filter((e) => e.type === 'drawer');
    // ESC p 0 took "ESC p" of the pin-5 kick as its t1 t2: one pulse of 54 ms on, 224 ms off, and no pin 5.
    expect(kicks).toEqual([{ type: 'drawer', pin: 2, onMs: 0x1b * 2, offMs: 0x70 * 2, via: 'ESC p' }]);
  });

  it('the driver sends a complete ESC p m t1 t2 with the pin and pulse asked for', async () => {
    const printer = createPrinter({ id: 'p', kind: 'printer', address: emu.address }, noCtx) as ReceiptPrinter;
    expect(await printer.kick(5, 120, 240)).toBe('ESC p');
    await emu.waitFor(() => emu.events.some((e) => e.type === 'drawer'), 2000, 'the kick');
    expect(emu.events.filter((e) => e.type === 'drawer')).toEqual([{ type: 'drawer', pin: 5, onMs: 120, offMs: 240, via: 'ESC p' }]);
    await printer.close();
  });

  it('isPrinterConnected() sends nothing: it says yes to a printer with its cover open', async () => {
    emu.setStatus({ coverOpen: true });
    const tp = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: emu.address });
    expect(await tp.isPrinterConnected()).toBe(true);
    await settle();
    expect(emu.bytesReceived).toBe(0);
    // Ours asks with DLE EOT and gets the truth.
    const printer = createPrinter({ id: 'p', kind: 'printer', address: emu.address }, noCtx) as ReceiptPrinter;
    const ours = new PortInterface(printer.port, { pollMs: 20, confirmMs: 1000, completion: 'processId' });
    expect(await ours.isPrinterConnected()).toBe(false);
    expect(emu.realTime.filter((e) => e.type === 'status').length).toBeGreaterThanOrEqual(4);
    emu.setStatus({ coverOpen: false });
    expect(await ours.isPrinterConnected()).toBe(true);
    await printer.close();
  });

  it('execute() keeps the buffer: a second job prints the first one again', async () => {
    const tp = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: emu.address });
    tp.println('FIRST'); tp.cut();
    await tp.execute();
    tp.println('SECOND'); tp.cut();
    await tp.execute();
    await emu.waitFor(() => emu.lines().includes('SECOND'), 2000, 'the second job');
    expect(emu.lines()).toEqual(['FIRST', 'FIRST', 'SECOND']);
  });
});
