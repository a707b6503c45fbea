// The demo's emulated serial devices: a station pointed at them reads checks, keys and drives the display;
// and the `civictill emulate-devices` command as IT runs it (real process, real database).
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { attachDevices } from '../../../src/main/devices/devices';
import { firstAdmin, runEmulateCommand, startSerialEmulators, useEmulators } from '../../../src/main/devices/emulate';
import type { CheckReadView, DeviceStatus, KeyView } from '../../../src/shared/devices';
import { makeStation } from '../../helpers/station';
import { tempDir } from '../../helpers/pty';
import { EventQueue } from '../../helpers/events';

const bin = fileURLToPath(new URL('../../../bin/civictill.js', import.meta.url));

describe('emulated serial devices for the demo', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('a station pointed at the emulators reads a check, an unreadable check, keys, and shows its display', async () => {
    const t = await makeStation();
    const emu = await startSerialEmulators(join(tmp.dir, 'a'));
    try {
      // Checks and keys come over two ports and may interleave: one queue each, so waiting for a check
      // never discards a key that arrived first.
      const events = new EventQueue<{ kind: string; payload: unknown }>();
      const keyEvents = new EventQueue<{ kind: string; payload: unknown }>();
      t.station.events.on('*', (e: { kind: string; payload: unknown }) => {
        if (e.kind === 'device.key') keyEvents.push(e); else if (e.kind.startsWith('device.')) events.push(e);
      });
      const list = useEmulators(t.station, emu.hosts, firstAdmin(t.station)!);
      expect(list.map((d) => `${d.id}:${d.address === 'none' ? 'none' : 'serial'}`)).toEqual(['printer1:none', 'drawer1:none', 'micr1:serial', 'tenkey1:serial', 'display1:serial', 'scanner1:serial']);
      const d = attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 200, jitter: 0 } });
      await d.started;
      expect(d.manager.list().filter((s: DeviceStatus) => s.state === 'ready').map((s) => s.id)).toEqual(['micr1', 'tenkey1', 'display1', 'scanner1']);

      const input = new PassThrough();
      const out: string[] = [];
      const output = new PassThrough();
      output.on('data', (c: Buffer) => out.push(c.toString()));
      const done = runEmulateCommand(emu, input, output);
      input.write('check\nunreadable\nkeys 12\\r\n');
      const good = (await events.next((e) => e.kind === 'device.check')).payload as CheckReadView;
      expect(good.read.ok).toBe(true);
      const bad = (await events.next((e) => e.kind === 'device.check')).payload as CheckReadView;
      expect(bad.read).toMatchObject({ ok: false, errors: [{ field: 'account', fault: 'unreadable' }] });
      const keys: string[] = [];
      for (let i = 0; i < 3; i++) keys.push(((await keyEvents.next()).payload as KeyView).key);
      expect(keys).toEqual(['1', '2', 'Enter']);
      // The stub scanner: a scan the station reads as a stub of the demo city.
      input.write('stub\n');
      const scan = (await events.next((e) => e.kind === 'device.scan')).payload as { text: string };
      expect((await t.ok('stubs.scan', { raw: scan.text })).stub.amountCents).toBe(4250);
      await t.ok('devices.display', { screen: 'total', totalCents: 4200 });
      await emu.vfd.until((l) => l[1].endsWith('$42.00'));
      input.write('quit\n');
      await done;
      const text = out.join('');
      expect(text).toContain(`check reader  serial:${emu.hosts.micr}`);
      expect(text).toMatch(/sent T\d{9}T \d+U \d+/);
      expect(text).toContain('display |Amount due          |              $42.00|');
    } finally {
      await emu.close();
      t.cleanup();
    }
  });

  it('civictill emulate-devices --db points the station at the emulators and takes commands', async () => {
    const t = await makeStation();
    t.station.close(); // the CLI opens the database itself
    const dir = join(tmp.dir, 'cli');
    const child = spawn(process.execPath, [bin, 'emulate-devices', '--dir', dir, '--db', t.path], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const exited = new Promise<number | null>((ok) => child.on('exit', ok));
    await new Promise<void>((ok, fail) => {
      const check = (): void => { if (out.includes('commands:')) ok(); };
      child.stdout.on('data', check);
      child.once('exit', () => fail(new Error(`exited early: ${err}`)));
    });
    child.stdin.write('check\nquit\n');
    expect(await exited, err).toBe(0);
    expect(out).toContain('now use these ports');
    expect(out).toMatch(/sent T\d{9}T/);
    const check = new Database(t.path, { readonly: true });
    const rows = check.prepare('SELECT device_id, address FROM device_settings ORDER BY position').all() as { device_id: string; address: string }[];
    check.close();
    rmSync(t.dir, { recursive: true, force: true });
    expect(rows.find((r) => r.device_id === 'micr1')!.address).toBe(`serial:${join(dir, 'micr-host')}`);
  });
});
