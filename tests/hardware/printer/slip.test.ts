// The slip station, byte for byte against the emulator over loopback TCP: paper selection (ESC c 0),
// sensors (ESC c 3 / 4), the wait for the form on DLE EOT 5, the lines, GS ( H, the release (ESC q) and
// the roll selected again; and the faults: no form in time, the form pulled out mid-print, no slip station.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../../../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../../../src/hardware/printer/printer';
import { SlipInterrupted, type SlipDoc } from '../../../src/hardware/printer/slip';

let emu: EscPosEmulator;
let printer: ReceiptPrinter;

const FAST = { jobPollMs: 20, pollMs: 60000, confirmMs: 3000, statusTimeoutMs: 1500, slipPollMs: 20, slipRemoveMs: 2000 };

async function rig(o: { slipStation?: boolean } = {}) {
  emu = new EscPosEmulator({ columns: 48, slipStation: o.slipStation ?? true, slipColumns: 40, keepRaw: true });
  await emu.listen();
  printer = createPrinter({ id: 'p1', kind: 'printer', address: emu.address, options: { columns: 48, ...FAST } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
}
beforeEach(async () => { await rig(); });
afterEach(async () => { await printer.close(); await emu.close(); });

/** What the printer received less the real-time status requests (DLE EOT n), which repeat while it polls. */
function commands(raw: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x10 && raw[i + 1] === 0x04) { i += 2; continue; }
    out.push(raw[i]!);
  }
  return out;
}
const bytes = (...parts: (number[] | string)[]): number[] => parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p));
const statusPolls = (raw: number[], n: number): number => raw.filter((b, i) => b === 0x10 && raw[i + 1] === 0x04 && raw[i + 2] === n).length;

const validation: SlipDoc = { paper: 'validation', side: 'face', lines: ['*** PAID *** CITY OF RIVERTON', '2026-11-20 09:30 ST01-000042'], columns: 40, topFeed: 1 };

describe('validation on the slip station', () => {
  it('selects the validation slot, waits for the form on its sensors, prints, releases, and selects the roll once it is out', async () => {
    let waiting = false, inserted = false, released = false;
    const done = printer.printSlip(validation, 5000, { onWaitingForm: () => { waiting = true; }, onInserted: () => { inserted = true; }, onReleased: () => { released = true; } });
    await emu.waitFor(() => waiting, 3000, 'the driver to wait for the form');
    // Nothing printed until a form is in; the driver keeps asking DLE EOT 5.
    expect(commands(emu.raw)).toEqual(bytes([0x1b, 0x63, 0x30, 0x08], [0x1b, 0x63, 0x33, 0x60], [0x1b, 0x63, 0x34, 0x60]));
    const pollsBefore = statusPolls(emu.raw, 5);
    await new Promise((r) => setTimeout(r, 100));
    expect(statusPolls(emu.raw, 5)).toBeGreaterThan(pollsBefore);
    expect(inserted).toBe(false);

    emu.insertForm();
    await emu.waitFor(() => released, 3000, 'the release');
    const id = emu.events.flatMap((e) => (e.type === 'processId' ? [e.id] : []))[0]!;
    expect(commands(emu.raw)).toEqual(bytes(
      [0x1b, 0x63, 0x30, 0x08], [0x1b, 0x63, 0x33, 0x60], [0x1b, 0x63, 0x34, 0x60],
      [0x1b, 0x64, 0x01], '*** PAID *** CITY OF RIVERTON', [0x0a], '2026-11-20 09:30 ST01-000042', [0x0a],
      [0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30], id,
      [0x1b, 0x71],
    ));
    expect(emu.paper).toBe('validation');
    emu.removeForm();
    await done;
    await emu.waitFor(() => emu.paper === 'roll', 2000, 'the roll selected again');
    expect(commands(emu.raw).slice(-4)).toEqual([0x1b, 0x63, 0x30, 0x02]);
    const [form, ...more] = emu.forms;
    expect(more).toEqual([]);
    expect(form).toMatchObject({ paper: 'validation', side: 'face', released: true, removedMidPrint: false, text: validation.lines });
    expect(emu.slips()).toEqual([]); // nothing on the roll
  });

  it('an endorsement goes on the back of the slip (GS ( G, m = 68)', async () => {
    emu.insertForm(); // the cashier has put the check in, face down, before the printer asks
    await printer.printSlip({ paper: 'slip', side: 'back', lines: ['FOR DEPOSIT ONLY', 'RCPT ST01-000042 $40.00'], columns: 40, topFeed: 0 }, 5000, { onReleased: () => emu.removeForm() });
    const c = commands(emu.raw);
    expect(c.slice(0, 4)).toEqual([0x1b, 0x63, 0x30, 0x04]);
    expect(c.slice(12, 19)).toEqual([0x1d, 0x28, 0x47, 0x02, 0x00, 0x30, 0x44]);
    expect(emu.forms[0]).toMatchObject({ paper: 'slip', side: 'back', text: ['FOR DEPOSIT ONLY', 'RCPT ST01-000042 $40.00'] });
  });

  it('no form within the time: the job stops as a timeout and the roll is selected again', async () => {
    const err = await printer.printSlip(validation, 300).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlipInterrupted);
    expect((err as SlipInterrupted).reason).toBe('timeout');
    await emu.waitFor(() => emu.paper === 'roll', 2000, 'the roll selected again');
    expect(emu.forms).toEqual([]);
  });

  it('the form pulled out mid-print: the rest is cleared from the printer (DLE DC4 8), nothing lands on the next form', async () => {
    emu.removeFormAfterLines(1);
    emu.insertForm();
    const lines = ['LINE ONE', 'LINE TWO', 'LINE THREE', 'LINE FOUR'];
    const err = await printer.printSlip({ ...validation, lines, topFeed: 0 }, 2000).catch((e: unknown) => e);
    expect((err as SlipInterrupted).reason).toBe('removed');
    expect(emu.forms[0]).toMatchObject({ text: ['LINE ONE'], removedMidPrint: true });
    await emu.waitFor(() => emu.paper === 'roll', 2000, 'the roll selected again');
    expect(emu.realTime.some((e) => e.type === 'clearBuffers')).toBe(true);
    // The next form gets only its own job.
    emu.insertForm();
    await printer.printSlip({ ...validation, lines: ['NEXT'] }, 2000, { onReleased: () => emu.removeForm() });
    expect(emu.forms[1]!.text).toEqual(['NEXT']);
  });

  it('a printer offline is not sent the slip at all (the queue retries it)', async () => {
    emu.setStatus({ coverOpen: true });
    const err = await printer.printSlip(validation, 1000).catch((e: unknown) => e);
    expect((err as Error).name).toBe('PrinterNotReady');
    expect(commands(emu.raw)).toEqual([]);
  });
});

describe('a printer without a slip station', () => {
  it('does not answer DLE EOT 5: the slip stops, the roll is untouched', async () => {
    await printer.close(); await emu.close();
    await rig({ slipStation: false });
    const err = await printer.printSlip(validation, 1000).catch((e: unknown) => e);
    expect((err as Error).name).toBe('PrinterNotReady');
    expect(emu.slips()).toEqual([]);
  });
});
