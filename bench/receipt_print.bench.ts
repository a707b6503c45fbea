// Receipt printing benchmark (issue: devices, printer part). Prints `name: value unit` lines.
//   receipt_print_p50/p95: from the commit of a cash payment (the receipt.posted event, emitted once the
//   transaction is durable) to the last byte of its receipt arriving at the ESC/POS emulator over TCP —
//   through the durable print queue, the drawer kick ahead of it, layout, status check and send.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Station } from '../src/main/station/station';
import { dispatch } from '../src/main/dispatch';
import { searchAccounts } from '../src/main/station/accounts';
import { attachPrinting } from '../src/main/devices/printing';
import { STANDARD_FLOAT } from '../src/shared/denominations';
import { EscPosEmulator } from '../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../src/hardware/printer/factory';
import { createDrawer } from '../src/hardware/drawer/factory';
import type { ReceiptPrinter } from '../src/hardware/printer/printer';
import type { PrinterDrawer } from '../src/hardware/drawer/drawer';
import { pct, seed, signIn } from './kit';

const fmt = (v: number) => v.toFixed(2); // eslint-disable-line no-restricted-syntax -- timings, not money

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-bench-'));
  const emu = new EscPosEmulator({ columns: 48 });
  const station = await Station.open(join(dir, 'bench.db'));
  try {
    seed(station, 1000);
    const printing = attachPrinting(station);
    await emu.listen();
    const printer = createPrinter({ id: 'printer', kind: 'printer', address: emu.address, options: { columns: 48 } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
    const drawer = createDrawer({ id: 'drawer', kind: 'drawer', address: 'printer', options: { openLevel: 'none' } }, { device: () => printer, byKind: () => [printer] }) as PrinterDrawer;
    await printer.open();
    await drawer.open();
    printing.queue.usePrinter(printer);
    printing.drawer.useDrawer(drawer);
    const token = await signIn(station, 'cashier');
    await dispatch(station, 'session.open', { id: randomUUID(), floatCounts: STANDARD_FLOAT }, token);
    const acct = searchAccounts(station, '1000', 1)[0]!.accountNumber;

    let committedAt = 0;
    station.events.on('receipt.posted', () => { committedAt = performance.now(); });
    const N = 200, WARM = 20;
    const times: number[] = [];
    for (let i = 0; i < N + WARM; i++) {
      const printed = new Promise<number>((resolve) => {
        const onEvent = (e: { type: string }) => { if (e.type === 'processId') { emu.off('event', onEvent); resolve(emu.lastByteAt); } };
        emu.on('event', onEvent);
      });
      const r = await dispatch(station, 'receipt.post', {
        id: randomUUID(),
        lines: [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 4000 + i }, { revenueCode: 'MISC', amountCents: 250, description: 'Copy of bill' }],
        tenders: [{ kind: 'cash', amountCents: 5000 }],
      }, token);
      if (!r.ok) throw new Error(r.error.message);
      const lastByte = await printed;
      if (i >= WARM) times.push(lastByte - committedAt);
      await printing.queue.idle();
    }
    const printedJobs = station.st.sqlGet<{ n: number }>("SELECT COUNT(*) n FROM print_jobs WHERE state = 'printed'")!.n;
    if (printedJobs !== N + WARM || emu.slips().filter((s) => s.cut).length !== N + WARM) throw new Error('not every receipt printed exactly once');
    process.stdout.write(`receipt_print_p50: ${fmt(pct(times, 50))} ms\n`);
    process.stdout.write(`receipt_print_p95: ${fmt(pct(times, 95))} ms\n`);
    process.stdout.write(`receipt_print_max: ${fmt(Math.max(...times))} ms\n`);
    await drawer.close();
    await printer.close();
  } finally {
    await emu.close();
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
