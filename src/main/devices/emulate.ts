// "civictill emulate-devices": a check reader, a ten-key, a customer display and a stub scanner emulated
// on socat pty pairs, for the demo and for trying a station without the hardware. Optionally writes the
// station's device settings to use them; then reads commands (check, business, unreadable, noise, keys …,
// line …, stub, pastdue, baddigit, cutshort, scan …).
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { ptyPair, type PtyPair } from '../../hardware/serial/socat';
import { MicrEmulator, micrLine } from '../../hardware/micr/emulator';
import { DisplayEmulator } from '../../hardware/display/emulator';
import { ScannerEmulator } from '../../hardware/scanner/emulator';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../shared/stubs';
import { demoAccounts } from '../station/demoData';
import { SerialLink } from '../../hardware/serial/link';
import { parseSerialAddress } from '../../hardware/serial/settings';
import type { DeviceSetting } from '../../shared/devices';
import type { UserView } from '../../shared/views';
import type { Station } from '../station/station';
import { loadDeviceSettings, saveDeviceSettings } from './deviceSettings';

const ROUTINGS = ['121000358', '021000021', '011000015', '026009593', '122000247', '111000025'];

export interface SerialEmulators {
  hosts: { micr: string; tenkey: string; display: string; scanner: string };
  micr: MicrEmulator;
  keys: SerialLink;
  vfd: DisplayEmulator;
  scanner: ScannerEmulator;
  /** Runs one command; resolves to what was done, in words. */
  handle(command: string): Promise<string>;
  close(): Promise<void>;
}

export async function startSerialEmulators(dir: string): Promise<SerialEmulators> {
  mkdirSync(dir, { recursive: true });
  const pairs: PtyPair[] = [];
  const pair = async (n: string): Promise<PtyPair> => { const p = await ptyPair(join(dir, `${n}-host`), join(dir, `${n}-dev`)); pairs.push(p); return p; };
  const [m, k, d, s] = [await pair('micr'), await pair('tenkey'), await pair('display'), await pair('scanner')];
  const micr = new MicrEmulator(m.device);
  const keys = new SerialLink(parseSerialAddress(`serial:${k.device}`));
  const vfd = new DisplayEmulator(d.device);
  const scanner = new ScannerEmulator(s.device);
  await Promise.all([micr.open(), keys.open(), vfd.open(), scanner.open()]);
  // Stubs for the demo city's first accounts (the demo data is seeded the same every time).
  const accounts = [...demoAccounts(20)].map((a) => a.accountNumber);
  const stubFor = (account: string, amountCents: number, dueDate: string) =>
    encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: account, amountCents, dueDate, billNumber: String(2026000000 + n), revenueCodeValue: '01' });
  const soon = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const late = new Date(Date.now() - 70 * 86_400_000).toISOString().slice(0, 10);
  let n = 1000;
  const pick = <T>(xs: T[]): T => xs[n % xs.length]!;
  const handle = async (command: string): Promise<string> => {
    const [word = ''] = command.trim().split(/\s+/);
    const arg = command.trim().slice(word.length).trim();
    n++;
    switch (word) {
      case 'check': case 'business': {
        const line = micrLine({ routing: pick(ROUTINGS), account: String(4_000_000_000 + n * 7919), checkNumber: String(n), layout: word === 'business' ? 'business' : 'personal' });
        await micr.sendLine(line);
        return `sent ${line}`;
      }
      case 'unreadable': {
        const line = `T${pick(ROUTINGS)}T 40012?4567U ${n}`;
        await micr.sendLine(line);
        return `sent ${line}`;
      }
      case 'noise': await micr.sendBytes(Buffer.from([0x80, 0xf8, 0x00, 0xe0, 0x98, 0x0d])); return 'sent noise';
      case 'line': await micr.sendLine(arg); return `sent ${arg}`;
      case 'keys': await keys.write(Buffer.from(arg.replace(/\\r/g, '\r'), 'latin1')); return `typed ${JSON.stringify(arg)}`;
      case 'enter': await keys.write(Buffer.from('\r')); return 'typed Enter';
      case 'screen': return vfd.lines().map((l) => `|${l}|`).join('\n');
      case 'stub': case 'pastdue': {
        const [acct = pick(accounts), cents = '4250'] = arg.split(/\s+/).filter(Boolean);
        const code = stubFor(acct, Number(cents), word === 'pastdue' ? late : soon);
        await scanner.scan(code);
        return `scanned ${code}`;
      }
      case 'baddigit': {
        const code = stubFor(pick(accounts), 4250, soon);
        const bad = code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);
        await scanner.scan(bad);
        return `scanned ${bad}`;
      }
      case 'cutshort': await scanner.cutShort(stubFor(pick(accounts), 4250, soon).slice(0, 18)); return 'scanned half a stub';
      case 'scan': await scanner.scan(arg); return `scanned ${arg}`;
      default: return 'commands: check | business | unreadable | noise | line <MICR line> | keys <text> | enter | screen | stub [account] [cents] | pastdue [account] [cents] | baddigit | cutshort | scan <text> | quit';
    }
  };
  return {
    hosts: { micr: m.host, tenkey: k.host, display: d.host, scanner: s.host }, micr, keys, vfd, scanner, handle,
    async close() {
      await Promise.all([micr.close(), keys.close(), vfd.close(), scanner.close()]);
      for (const p of pairs) await p.stop();
    },
  };
}

/** The station's first active admin: device settings are an admin's change. */
export function firstAdmin(station: Station): UserView | undefined {
  return station.st.sqlGet<UserView>("SELECT id, name, role FROM users WHERE role = 'admin' AND active = 1 ORDER BY created_at, id LIMIT 1");
}

/** The station's device list with the reader, keypad and display pointed at the emulators. */
export function useEmulators(station: Station, hosts: SerialEmulators['hosts'], admin: UserView): DeviceSetting[] {
  const mine: DeviceSetting[] = [
    { id: 'micr1', kind: 'micr', address: `serial:${hosts.micr}`, enabled: true },
    { id: 'tenkey1', kind: 'tenkey', address: `serial:${hosts.tenkey}`, enabled: true },
    { id: 'display1', kind: 'display', address: `serial:${hosts.display}`, options: { welcome: station.config.cityName }, enabled: true },
    { id: 'scanner1', kind: 'scanner', address: `serial:${hosts.scanner}`, enabled: true },
  ];
  const others = loadDeviceSettings(station).filter((d) => !mine.some((m) => m.id === d.id || m.kind === d.kind));
  const list = [...others, ...mine];
  saveDeviceSettings(station, list, admin);
  return list;
}

/** The interactive command: prints the display as it changes, runs commands from input until "quit". */
export async function runEmulateCommand(emu: SerialEmulators, input: Readable, output: Writable): Promise<void> {
  const off = emu.vfd.onChange((l) => output.write(`display |${l[0]}|${l[1]}|\n`));
  output.write(`Emulated devices:\n  check reader  serial:${emu.hosts.micr}\n  ten-key       serial:${emu.hosts.tenkey}\n  display       serial:${emu.hosts.display}\n  stub scanner  serial:${emu.hosts.scanner}\n`);
  output.write(`${await emu.handle('help')}\n`);
  const rl = createInterface({ input, terminal: false });
  for await (const line of rl) {
    if (line.trim() === 'quit') break;
    if (!line.trim()) continue;
    try { output.write(`${await emu.handle(line)}\n`); } catch (e) { output.write(`failed: ${(e as Error).message}\n`); }
  }
  off();
  rl.close();
}
