// A real station (SQLite file, demo city) with printing attached to the ESC/POS emulator over TCP.
import { EscPosEmulator, type EmulatorOptions } from '../../../src/hardware/emulators/escpos/emulator';
import { createDrawer } from '../../../src/hardware/drawer/factory';
import type { PrinterDrawer } from '../../../src/hardware/drawer/drawer';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import { attachPrinting, type Printing } from '../../../src/main/devices/printing';
import type { PrintJobView } from '../../../src/shared/printing';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { makeStation, uuid, type TestStation } from '../../helpers/station';

export interface Rig {
  t: TestStation;
  emu: EscPosEmulator;
  printer: ReceiptPrinter;
  drawer: PrinterDrawer;
  printing: Printing;
  /** Every print.job event, in order. */
  jobEvents: PrintJobView[];
  events: { kind: string; payload: unknown }[];
  account: string;
  close(): Promise<void>;
}

export async function rig(opts: { columns?: 32 | 48; emulator?: EmulatorOptions; openSession?: boolean } = {}): Promise<Rig> {
  const t = await makeStation();
  const printing = attachPrinting(t.station, { firstRetryMs: 20, maxRetryMs: 200 });
  const jobEvents: PrintJobView[] = [];
  const events: { kind: string; payload: unknown }[] = [];
  t.station.events.on('print.job', (v: PrintJobView) => jobEvents.push(v));
  t.station.events.on('*', (e: { kind: string; payload: unknown }) => events.push(e));
  const emu = new EscPosEmulator({ columns: opts.columns ?? 48, ...opts.emulator });
  await emu.listen();
  const printer = createPrinter({ id: 'printer', kind: 'printer', address: emu.address, options: { columns: opts.columns ?? 48, pollMs: 100, fastPollMs: 30, jobPollMs: 20, confirmMs: 2500, statusTimeoutMs: 1500 } },
    { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
  const drawer = createDrawer({ id: 'drawer', kind: 'drawer', address: 'printer', options: { pin: 2, onMs: 100, offMs: 200, openLevel: 'high' } },
    { device: () => printer, byKind: () => [printer] }) as PrinterDrawer;
  await printer.open();
  await drawer.open();
  printing.queue.usePrinter(printer);
  printing.drawer.useDrawer(drawer);
  if (opts.openSession !== false) await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  const account = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
  return {
    t, emu, printer, drawer, printing, jobEvents, events, account,
    async close() { await printing.queue.idle(); await drawer.close(); await printer.close(); await emu.close(); t.cleanup(); },
  };
}

/** Waits (polling) until pred holds; the timeout only bounds a failing test. */
export async function until(pred: () => boolean, what: string, ms = 10000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function jobRows(t: TestStation): { form: string; ref: string; copy: number; state: string; waiting: string | null; attempts: number; last_error: string | null }[] {
  return t.station.st.sqlAll('SELECT form, ref, copy, state, waiting, attempts, last_error FROM print_jobs ORDER BY seq');
}
