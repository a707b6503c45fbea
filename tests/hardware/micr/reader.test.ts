// The check reader driver against an emulated reader on a socat pty pair: real bytes through the tty layer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MicrReader } from '../../../src/hardware/micr/reader';
import { MicrEmulator, micrLine } from '../../../src/hardware/micr/emulator';
import { SYMBOL_SETS } from '../../../src/hardware/micr/symbols';
import type { DeviceEvent, DeviceStatus } from '../../../src/hardware/device';
import type { MicrRead } from '../../../src/shared/micr';
import { ptyPair, tempDir, type PtyPair } from '../../helpers/pty';
import { EventQueue, until } from '../../helpers/events';

const ROUTING = '121000358';

describe('MICR reader over a socat pty', () => {
  const tmp = tempDir();
  let pty: PtyPair;
  let reader: MicrReader;
  let emu: MicrEmulator;
  const checks = new EventQueue<MicrRead>();
  const statuses: DeviceStatus[] = [];

  beforeAll(async () => {
    pty = await ptyPair(join(tmp.dir, 'host'), join(tmp.dir, 'dev'));
    reader = new MicrReader({ id: 'micr1', kind: 'micr', address: `serial:${pty.host}?baud=9600`, options: { staleMs: 250 } });
    reader.onStatus((s) => statuses.push(s));
    reader.onEvent((e: DeviceEvent) => { if (e.type === 'check') checks.push(e.payload as MicrRead); });
    await reader.open();
    emu = new MicrEmulator(pty.device);
    await emu.open();
  });
  afterAll(async () => {
    await emu?.close();
    await reader?.close();
    await pty?.stop();
    tmp.cleanup();
  });

  it('opens and says so', () => {
    expect(reader.status()).toMatchObject({ id: 'micr1', kind: 'micr', state: 'ready' });
    expect(reader.status().detail).toContain('9600 8N1');
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'ready']);
  });

  it('a personal check, then a business check in Unicode symbols', async () => {
    await emu.sendLine(micrLine({ routing: ROUTING, account: '12345678', checkNumber: '1042' }));
    const a = await checks.next();
    expect(a).toEqual({ ok: true, raw: 'T121000358T 12345678U 1042', warnings: [], check: { layout: 'personal', routing: ROUTING, account: '12345678', accountRaw: '12345678', checkNumber: '1042' } });
    await emu.sendLine(micrLine({ routing: '021000021', account: '98765432101', checkNumber: '7', layout: 'business' }, SYMBOL_SETS.unicode));
    const b = await checks.next();
    expect(b.ok && b.check).toMatchObject({ layout: 'business', routing: '021000021', account: '98765432101', checkNumber: '7', auxOnUs: '000007' });
    expect(reader.latest()?.read).toEqual(b);
  });

  it('unreadable digits: a structured error naming the field, the raw line kept', async () => {
    await emu.sendLine('T1210?0358T 12345678U 1042');
    const r = await checks.next();
    expect(r).toMatchObject({ ok: false, raw: 'T1210?0358T 12345678U 1042', errors: [{ field: 'routing', fault: 'unreadable', positions: [4] }], partial: { account: '12345678', checkNumber: '1042' } });
  });

  it('a line split across three reads arrives as one check', async () => {
    const frame = emu.frame(micrLine({ routing: ROUTING, account: '5550001234', checkNumber: '315' }));
    const before = reader.stats.reads;
    for (const part of [frame.subarray(0, 7), frame.subarray(7, 19), frame.subarray(19)]) {
      const n = reader.stats.reads;
      await emu.sendBytes(part);
      await until(() => reader.stats.reads > n, 'the reader to take in the piece');
    }
    expect(reader.stats.reads - before).toBeGreaterThanOrEqual(3);
    const r = await checks.next();
    expect(r.ok && r.check).toMatchObject({ routing: ROUTING, account: '5550001234', checkNumber: '315' });
    expect(checks.pending).toEqual([]);
  });

  it('noise around and between lines', async () => {
    await emu.sendBytes(Buffer.from([0x00, 0xff, 0x80, 0x00]));
    await emu.sendLine(micrLine({ routing: ROUTING, account: '11112222', checkNumber: '1' }));
    await emu.sendBytes(Buffer.from('\x15\x7f\x1b#\r\n\r\n'));
    await emu.sendLine(micrLine({ routing: ROUTING, account: '33334444', checkNumber: '2' }));
    const a = await checks.next();
    expect(a.ok && a.check.account).toBe('11112222');
    const noise = await checks.next();
    expect(noise).toMatchObject({ ok: false, errors: [{ field: 'line', fault: 'noise' }] });
    const b = await checks.next();
    expect(b.ok && b.check.account).toBe('33334444');
  });

  it('a reader at the wrong baud rate yields errors, never a check; the right rate reads again', async () => {
    const line = micrLine({ routing: ROUTING, account: '12345678', checkNumber: '1042' });
    for (const [wire, host] of [[2400, 9600], [19200, 9600], [9600, 2400]] as const) {
      emu.setBauds(wire, host);
      const seen = checks.all.length;
      await emu.sendLine(line);
      await emu.sendLine(line);
      // Garbage without an end of line is flushed after staleMs of silence; at least one failed read.
      const r = await checks.next();
      expect(r.ok, `${wire}→${host}: ${JSON.stringify(r)}`).toBe(false);
      await until(() => !reader['assembler'].pending, 'the garbage to be flushed');
      expect(checks.all.slice(seen).every((x) => !x.ok)).toBe(true);
      checks.drain();
    }
    emu.setBauds(9600, 9600);
    await emu.sendLine(line);
    const ok = await checks.next((x) => x.ok);
    expect(ok.ok && ok.check.checkNumber).toBe('1042');
  });

  it('test action: reads the next check fed through', async () => {
    const result = reader.test();
    await emu.sendLine(micrLine({ routing: ROUTING, account: '12345678', checkNumber: '99' }));
    expect(await result).toBe('Read personal check: routing 121000358, account 12345678, check number 99.');
    await checks.next();
  });

  it('the port going away turns the reader offline', async () => {
    await pty.stop();
    await until(() => reader.status().state === 'offline', 'offline');
    expect(reader.status().detail).toMatch(/^Lost /);
  });
});
