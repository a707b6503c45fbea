// "civictill emulate-printer": the ESC/POS printer emulator on a loopback TCP port, with its cash drawer,
// for the demo and for trying a station without the hardware. Optionally points the station's printer
// and drawer settings at it; prints each slip as it is cut (text on the terminal, HTML in a folder) and
// takes commands to make the printer misbehave: paper-out, cover-open, offline, and back. With a slip
// station (TM-H6000 class) the person at the terminal plays the cashier's hands: `insert` puts the stub
// or the check in when the till asks, and what the printer printed on it is shown when it is released.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { EscPosEmulator, type EmulatorStatus } from '../../hardware/emulators/escpos/emulator';
import type { EscPosEvent } from '../../hardware/emulators/escpos/events';
import { slipHtml } from '../../hardware/emulators/escpos/html';
import { slipText } from '../../hardware/emulators/escpos/paper';
import type { DeviceSetting } from '../../shared/devices';
import type { UserView } from '../../shared/views';
import type { Station } from '../station/station';
import { saveSlipSettings } from '../station/slips/settings';
import { loadDeviceSettings, saveDeviceSettings } from './deviceSettings';

const COMMANDS: Record<string, Partial<EmulatorStatus>> = {
  'paper-out': { paperEnd: true }, 'paper-in': { paperEnd: false, paperNearEnd: false }, 'paper-low': { paperNearEnd: true },
  'cover-open': { coverOpen: true }, 'cover-close': { coverOpen: false }, offline: { online: false }, online: { online: true },
  open: { drawerOpen: true }, shut: { drawerOpen: false },
};

export interface PrinterEmulatorRun { emulator: EscPosEmulator; address: string; handle(command: string): string; close(): Promise<void> }

export async function startPrinterEmulator(opts: { port?: number; columns?: 32 | 48; dir?: string; slip?: boolean; output: Writable }): Promise<PrinterEmulatorRun> {
  const emulator = new EscPosEmulator({ columns: opts.columns ?? 48, drawerOpenLevel: 'high', ...(opts.slip ? { slipStation: true, slipColumns: 40, removeOnRelease: true } : {}) });
  await emulator.listen(opts.port ?? 0);
  let slipNo = 0;
  const onEvent = (e: EscPosEvent) => {
    if (e.type === 'drawer') opts.output.write(`drawer kick: pin ${e.pin}, ${e.onMs} ms (${e.via}) — "shut" closes it\n`);
    if (e.type !== 'cut') return;
    const slip = emulator.slips().filter((s) => s.cut)[slipNo++];
    if (!slip) return;
    opts.output.write(`----- slip ${slipNo} -----\n${slipText(slip)}\n----- cut -----\n`);
    if (opts.dir) {
      mkdirSync(opts.dir, { recursive: true });
      const file = join(opts.dir, `slip-${String(slipNo).padStart(4, '0')}.html`);
      void slipHtml(slip, emulator.columns, `slip ${slipNo}`).then((html) => writeFileSync(file, html));
    }
  };
  emulator.on('event', onEvent);
  // The form printed and released: what is on it, and (removeOnRelease) the cashier takes it out.
  const onRelease = (form: { side: string; text: string[] } | null) => {
    if (form) opts.output.write(`----- form on the slip station (${form.side}) -----\n${form.text.join('\n')}\n----- released and taken out -----\n`);
  };
  emulator.on('release', onRelease);
  const slipWords = opts.slip ? ' | insert | remove' : '';
  const handle = (command: string): string => {
    const word = command.trim();
    if (word === 'insert' || word === 'remove') {
      if (!opts.slip) return 'this printer has no slip station: start it with --slip';
      if (word === 'insert') emulator.insertForm(); else emulator.removeForm();
      return word === 'insert' ? 'form inserted' : 'form removed';
    }
    const patch = COMMANDS[word];
    if (!patch) return `commands: ${Object.keys(COMMANDS).join(' | ')}${slipWords} | status | quit`;
    emulator.setStatus(patch);
    return `printer: ${JSON.stringify(emulator.status)}`;
  };
  return {
    emulator, address: emulator.address,
    handle: (c) => (c.trim() === 'status' ? `printer: ${JSON.stringify(emulator.status)}` : handle(c)),
    async close() { emulator.off('event', onEvent); emulator.off('release', onRelease); await emulator.close(); },
  };
}

/**
 * The station's printer and drawer settings pointed at the emulator (the other devices kept), and the
 * slip station set as the emulator has one or not (the till asks for each stub and check only with one).
 */
export function usePrinterEmulator(station: Station, address: string, columns: 32 | 48, admin: UserView, slip = false): DeviceSetting[] {
  const mine: DeviceSetting[] = [
    { id: 'printer1', kind: 'printer', address, options: { columns }, enabled: true },
    { id: 'drawer1', kind: 'drawer', address: 'printer:printer1', options: { pin: 2, onMs: 100, offMs: 200, openLevel: 'high' }, enabled: true },
  ];
  const others = loadDeviceSettings(station).filter((d) => !mine.some((m) => m.id === d.id || m.kind === d.kind));
  // The printer first: the drawer is made through it.
  const list = [mine[0]!, ...others, mine[1]!];
  saveDeviceSettings(station, list, admin);
  saveSlipSettings(station, admin, { slipStation: slip });
  return list;
}

export async function runPrinterEmulatorCommand(run: PrinterEmulatorRun, input: Readable, output: Writable): Promise<void> {
  output.write(`Emulated receipt printer and drawer on ${run.address}\n${run.handle('help')}\n`);
  const rl = createInterface({ input, terminal: false });
  for await (const line of rl) {
    if (line.trim() === 'quit') break;
    if (line.trim()) output.write(`${run.handle(line)}\n`);
  }
  rl.close();
}
