// A serial cable in software: socat joins two pseudo-terminals; one end for the driver, one for the device.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair { host: string; device: string; close(): Promise<void> }

export async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-pty-'));
  const host = join(dir, 'host'), device = join(dir, 'device');
  const proc: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${device}`], { stdio: 'ignore' });
  const started = Date.now();
  while (!(existsSync(host) && existsSync(device))) {
    if (proc.exitCode !== null) throw new Error(`socat exited with ${proc.exitCode}`);
    if (Date.now() - started > 5000) { proc.kill(); throw new Error('socat did not create the pty pair'); }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    host, device,
    close: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null) { rmSync(dir, { recursive: true, force: true }); resolve(); return; }
      proc.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve(); });
      proc.kill('SIGTERM');
    }),
  };
}
