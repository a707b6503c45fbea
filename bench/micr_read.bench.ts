// Check reader latency: the emulated reader writes a MICR line on a socat pty, until the driver
// publishes the parsed check (ms), and display update: show() until the VFD emulator has the screen.
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { MicrReader } from '../src/hardware/micr/reader';
import { MicrEmulator, micrLine } from '../src/hardware/micr/emulator';
import { CustomerDisplay } from '../src/hardware/display/customerDisplay';
import { DisplayEmulator } from '../src/hardware/display/emulator';
import type { MicrRead } from '../src/shared/micr';
import { ptyPair, tempDir } from '../tests/helpers/pty';

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const tmp = tempDir('civictill-bench-');
const N = 300;

const pty = await ptyPair(join(tmp.dir, 'mh'), join(tmp.dir, 'md'));
const reader = new MicrReader({ id: 'micr1', kind: 'micr', address: `serial:${pty.host}?baud=9600` });
await reader.open();
const emu = new MicrEmulator(pty.device);
await emu.open();
const line = micrLine({ routing: '121000358', account: '12345678', checkNumber: '1042' });
const reads: number[] = [];
for (let i = 0; i < N; i++) {
  const got = new Promise<MicrRead>((ok) => { const off = reader.onEvent((e) => { off(); ok(e.payload as MicrRead); }); });
  const t0 = performance.now();
  await emu.sendLine(line);
  const r = await got;
  reads.push(performance.now() - t0);
  if (!r.ok) throw new Error('bad read in bench');
}
console.log(`micr_read_p50: ${Math.round(pct(reads, 50) * 100) / 100} ms`);
console.log(`micr_read_p95: ${Math.round(pct(reads, 95) * 100) / 100} ms`);
await emu.close(); await reader.close(); await pty.stop();

const pty2 = await ptyPair(join(tmp.dir, 'dh'), join(tmp.dir, 'dd'));
const vfd = new DisplayEmulator(pty2.device);
await vfd.open();
const display = new CustomerDisplay({ id: 'display1', kind: 'display', address: `serial:${pty2.host}?baud=9600` });
await display.open();
const shows: number[] = [];
for (let i = 0; i < N; i++) {
  const total = 100 + i;
  const t0 = performance.now();
  const [, l2] = await display.show({ screen: 'total', totalCents: total });
  await vfd.until((l) => l[1] === l2);
  shows.push(performance.now() - t0);
}
console.log(`display_show_p50: ${Math.round(pct(shows, 50) * 100) / 100} ms`);
console.log(`display_show_p95: ${Math.round(pct(shows, 95) * 100) / 100} ms`);
await display.close(); await vfd.close(); await pty2.stop();
tmp.cleanup();
