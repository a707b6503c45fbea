// The OS spooler path: the job is handed to `lp` as raw bytes. There is no CUPS on the test machine,
// so `lp` here is a two-line stand-in that does what CUPS's socket backend does: pipe the job to the
// printer's TCP port (socat). The bytes decoded at the emulator are the real job.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { receiptForm } from '../../../src/hardware/forms/receipt';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import { ctxFor, sampleReceipt } from '../fixtures';

let emu: EscPosEmulator;
let dir: string;

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

beforeEach(async () => {
  emu = new EscPosEmulator();
  await emu.listen();
  dir = mkdtempSync(join(tmpdir(), 'civictill-lp-'));
});
afterEach(async () => { await emu.close(); rmSync(dir, { recursive: true, force: true }); });

describe('printing through the OS spooler', () => {
  it('hands the raw job to lp -d QUEUE -o raw and the printer decodes it', async () => {
    const lp = script('lp', `echo "$@" > ${dir}/args\nexec socat -u - TCP:127.0.0.1:${emu.port}`);
    const lpstat = script('lpstat', 'echo "printer $2 is idle.  enabled since Fri 20 Nov 2026"');
    const printer = createPrinter({ id: 'p', kind: 'printer', address: 'spooler:Counter1', options: { lpCommand: lp, lpstatCommand: lpstat } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
    await printer.open();
    expect(printer.status().state).toBe('ready');
    await printer.print(receiptForm(ctxFor('en', 48), { receipt: sampleReceipt(), balances: [], duplicate: false }));
    await emu.waitFor(() => emu.slips().some((s) => s.cut), 3000, 'the spooled receipt');
    expect(emu.slips()[0]!.text).toContain('Receipt no.                          ST01-000042');
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('-d Counter1 -o raw -s');
    await printer.close();
  });

  it('reports a disabled queue as offline and does not submit to it', async () => {
    const lp = script('lp', `touch ${dir}/submitted`);
    const lpstat = script('lpstat', 'echo "printer $2 disabled since Fri 20 Nov 2026 -"');
    const printer = createPrinter({ id: 'p', kind: 'printer', address: 'spooler:Counter1', options: { lpCommand: lp, lpstatCommand: lpstat } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
    await printer.refresh();
    expect(printer.status()).toMatchObject({ state: 'error', detail: 'Printer offline' });
    await expect(printer.print(receiptForm(ctxFor('en', 48), { receipt: sampleReceipt(), balances: [], duplicate: false }))).rejects.toThrow('Printer offline');
    expect(existsSync(join(dir, 'submitted'))).toBe(false);
  });
});
