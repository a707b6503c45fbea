// The printer driver against the emulator over a real loopback TCP socket: what arrives is decoded,
// and the assertions are on the decoded paper.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { slipText } from '../../../src/hardware/emulators/escpos/paper';
import { receiptForm } from '../../../src/hardware/forms/receipt';
import { createPrinter } from '../../../src/hardware/printer/factory';
import { PrinterNotReady } from '../../../src/hardware/printer/errors';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import type { FaultReason } from '../../../src/hardware/printer/status';
import { ctxFor, sampleReceipt } from '../fixtures';

let emu: EscPosEmulator;
let printer: ReceiptPrinter;

const FAST = { jobPollMs: 20, pollMs: 60000, confirmMs: 3000, statusTimeoutMs: 1500 };

beforeEach(async () => {
  emu = new EscPosEmulator({ columns: 48 });
  await emu.listen();
  printer = createPrinter({ id: 'p1', kind: 'printer', address: emu.address, options: { columns: 48, ...FAST } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
});
afterEach(async () => { await printer.close(); await emu.close(); });

describe('printing a receipt over TCP', () => {
  it('arrives as the receipt: every line, the QR of the receipt number, the code page and the cut', async () => {
    await printer.open();
    expect(printer.status().state).toBe('ready');
    await printer.print(receiptForm(ctxFor('en', 48), { receipt: sampleReceipt(), balances: [{ accountNumber: '10001234', balanceCents: 1200 }], duplicate: false }));
    const [slip, ...more] = emu.slips();
    expect(more).toHaveLength(0);
    expect(slip!.cut).toBe(true);
    const text = slipText(slip!);
    expect(text).toContain('CITY OF RIVERTON');
    expect(text).toContain('100 Main Street, Riverton');
    expect(slip!.text).toContain('Receipt no.                          ST01-000042');
    expect(slip!.text).toContain('Business day                          2026-11-20');
    expect(slip!.text).toContain('Date/time                       2026-11-20 09:30');
    expect(slip!.text).toContain('Cashier                            Casey Cashier');
    expect(slip!.text).toContain('Payer                                 José Núñez');
    expect(slip!.text).toContain('WATER Water bill payment                  $43.21');
    expect(slip!.text).toContain('  Account 10001234');
    expect(slip!.text).toContain('  GL 401-3410-34340');
    expect(slip!.text).toContain('Check no. 1001 acct ****6789              $50.00');
    expect(slip!.text).toContain('CHANGE                                    $56.79');
    expect(slip!.text).toContain('  Account 10001234' + ' '.repeat(24) + '$12.00');
    expect(text).not.toContain('DUPLICATE');
    expect(text).not.toContain('123456789'); // the check's account number is masked
    const qr = slip!.items.find((i) => i.type === 'qr');
    expect(qr).toMatchObject({ type: 'qr', data: 'ST01-000042' });
    expect(emu.events).toContainEqual({ type: 'codepage', n: 2, name: 'PC850' });
    // Title printed big and bold, totals bold, nothing ran past the paper's edge.
    const lines = emu.events.flatMap((e) => (e.type === 'line' ? [e] : []));
    const title = lines.find((l) => l.text === 'OFFICIAL RECEIPT')!;
    expect(title.runs[0]).toMatchObject({ bold: true, width: 2, height: 2 });
    expect(title.align).toBe('center');
    expect(lines.find((l) => l.text.startsWith('TOTAL'))!.runs[0]!.bold).toBe(true);
    expect(lines.filter((l) => l.wrapped)).toEqual([]);
  });

  it('prints two jobs as two slips: the layout buffer is cleared between jobs', async () => {
    const ctx = ctxFor('en', 48);
    await printer.print(receiptForm(ctx, { receipt: sampleReceipt(), balances: [], duplicate: false }));
    await printer.print(receiptForm(ctx, { receipt: sampleReceipt({ receiptNumber: 'ST01-000043' }), balances: [], duplicate: true }));
    const slips = emu.slips();
    expect(slips).toHaveLength(2);
    expect(slips[0]!.text.filter((l) => l.includes('ST01-000042'))).toHaveLength(2); // facts line + under the QR
    expect(slipText(slips[1]!)).toContain('*** DUPLICATE ***');
    expect(slipText(slips[1]!)).not.toContain('ST01-000042');
  });

  it('reads the printer status with DLE EOT: cover, paper, near end, errors', async () => {
    await printer.open();
    const cases: [Parameters<EscPosEmulator['setStatus']>[0], Partial<Record<string, boolean>>, string, string][] = [
      [{ coverOpen: true }, { coverOpen: true, offline: true }, 'Printer cover open', 'printer.coverOpen'],
      [{ paperEnd: true }, { paperOut: true, offline: true }, 'Printer out of paper', 'printer.paperOut'],
      [{ error: 'autocutter' }, { error: true }, 'Printer error: check the cutter and paper path', 'printer.error'],
      [{ online: false }, { offline: true }, 'Printer offline', 'printer.offline'],
    ];
    for (const [patch, flags, words, code] of cases) {
      emu.setStatus({ online: true, coverOpen: false, paperEnd: false, error: 'none', ...patch });
      await printer.refresh();
      expect(printer.status()).toMatchObject({ state: 'error', detail: words, flags, message: { code, params: {} } });
    }
    emu.setStatus({ online: true, coverOpen: false, paperEnd: false, error: 'none', paperNearEnd: true });
    await printer.refresh();
    expect(printer.status()).toMatchObject({ state: 'ready', detail: 'Ready — paper low', flags: { paperNearEnd: true, paperOut: false }, message: { code: 'printer.paperLow' } });
    expect(emu.realTime.filter((e) => e.type === 'status').map((e) => e.n)).toEqual(expect.arrayContaining([1, 2, 3, 4]));
  });

  it('sends nothing to a printer that cannot print, and says why', async () => {
    emu.setStatus({ paperEnd: true });
    const err = await printer.print(receiptForm(ctxFor('en', 48), { receipt: sampleReceipt(), balances: [], duplicate: false })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterNotReady);
    expect((err as PrinterNotReady).reason).toBe('paperOut');
    expect(emu.pendingBytes).toBe(0);
    expect(emu.slips()).toHaveLength(0);
  });

  it('waits through a cover opened mid-receipt and finishes it once when closed', async () => {
    emu.failAfterLines(8, { coverOpen: true });
    const waiting: FaultReason[] = [];
    let resumed = 0;
    let done = false;
    const job = printer.print(receiptForm(ctxFor('en', 48), { receipt: sampleReceipt(), balances: [], duplicate: false }), {
      onWaiting: (r) => waiting.push(r), onResumed: () => { resumed++; },
    }).then(() => { done = true; });
    await emu.waitFor(() => emu.status.coverOpen, 3000, 'the cover to open');
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (waiting.length) { clearInterval(t); resolve(); } }, 10); });
    expect(done).toBe(false);
    expect(emu.slips()[0]!.cut).toBe(false); // half a receipt, not cut off
    expect(printer.status()).toMatchObject({ state: 'error', detail: 'Printer cover open' });
    emu.setStatus({ coverOpen: false });
    await job;
    expect(waiting).toEqual(['coverOpen']);
    expect(resumed).toBe(1);
    const slips = emu.slips();
    expect(slips).toHaveLength(1);
    expect(slips[0]!.cut).toBe(true);
    expect(slips[0]!.text.filter((l) => l.startsWith('Receipt no.'))).toHaveLength(1);
    expect(slips[0]!.text).toContain('CHANGE                                    $56.79');
  });

  it('says "not reachable" when nothing listens, and prints once the printer is back', async () => {
    await emu.unplug();
    const err = await printer.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterNotReady);
    expect(printer.status().state).toBe('offline');
    expect(printer.status().detail).toMatch(/not reachable/i);
    // The refused connection as a code, with where, for the UI to word.
    expect(printer.status().message).toEqual({ code: 'link.unreachable', params: { address: printer.address.replace('tcp://', '') } });
    await emu.plugIn();
    await printer.print(receiptForm(ctxFor('en', 48), { receipt: sampleReceipt(), balances: [], duplicate: false }));
    expect(emu.slips()).toHaveLength(1);
    expect(printer.status().state).toBe('ready');
  });
});
