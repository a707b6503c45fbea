// The same driver over a serial line: a socat pty pair, the emulator on the far end as a serial port.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { slipText } from '../../../src/hardware/emulators/escpos/paper';
import { receiptForm } from '../../../src/hardware/forms/receipt';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import { ctxFor, sampleReceipt } from '../fixtures';
import { ptyPair, type PtyPair } from '../ptyPair';

let pty: PtyPair;
let far: SerialPort;
let emu: EscPosEmulator;
let printer: ReceiptPrinter;

beforeEach(async () => {
  pty = await ptyPair();
  emu = new EscPosEmulator({ columns: 32 });
  far = new SerialPort({ path: pty.device, baudRate: 19200, autoOpen: false });
  await new Promise<void>((resolve, reject) => far.open((e) => (e ? reject(e) : resolve())));
  emu.attach(far);
  printer = createPrinter({ id: 'p1', kind: 'printer', address: `serial:${pty.host}?baud=19200`, options: { columns: 32, pollMs: 60000, jobPollMs: 20, confirmMs: 3000 } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
});
afterEach(async () => {
  await printer.close();
  await new Promise<void>((resolve) => (far.isOpen ? far.close(() => resolve()) : resolve()));
  await pty.close();
});

describe('printing over a serial line (socat pty pair)', () => {
  it('prints a 58 mm Spanish receipt that decodes line for line, confirmed by the printer', async () => {
    await printer.open();
    expect(printer.status().state).toBe('ready');
    await printer.print(receiptForm(ctxFor('es', 32), { receipt: sampleReceipt(), balances: [{ accountNumber: '10001234', balanceCents: 1200 }], duplicate: true }));
    const [slip] = emu.slips();
    expect(slip!.cut).toBe(true);
    expect(slip!.text).toEqual(expect.arrayContaining([
      'RECIBO OFICIAL',
      '*** DUPLICADO ***',
      'Recibo núm.          ST01-000042',
      'Día hábil' + ' '.repeat(13) + '2026-11-20',
      'Pagador               José Núñez',
      'BPRM Permiso de',
      '  construcción           $150.00',
      'Efectivo                 $200.00',
      'CAMBIO                    $56.79',
      'Gracias',
    ]));
    expect(slip!.text.every((l) => l.length <= 32)).toBe(true);
    expect(emu.events.filter((e) => e.type === 'line' && e.wrapped)).toEqual([]);
    expect(slip!.items.find((i) => i.type === 'qr')).toMatchObject({ data: 'ST01-000042', moduleSize: 4 });
    expect(emu.events.some((e) => e.type === 'processId')).toBe(true);
    expect(slipText(slip!)).not.toContain('123456789');
  });

  it('answers status over the line: paper out stops the job before anything is sent', async () => {
    emu.setStatus({ paperEnd: true });
    await expect(printer.print(receiptForm(ctxFor('en', 32), { receipt: sampleReceipt(), balances: [], duplicate: false }))).rejects.toThrow('Printer out of paper');
    expect(emu.slips()).toHaveLength(0);
    emu.setStatus({ paperEnd: false });
    await printer.print(receiptForm(ctxFor('en', 32), { receipt: sampleReceipt(), balances: [], duplicate: false }));
    expect(emu.slips()).toHaveLength(1);
  });
});
