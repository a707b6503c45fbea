// A socat pty pair: two linked pseudo-terminals, one end for a driver, the other for an emulated
// device. Used by the serial tests and the demo ("civictill emulate-devices").
import { spawn, type ChildProcess } from 'node:child_process';

export interface PtyPair {
  /** The station's end (what the driver opens). */
  host: string;
  /** The device's end (what the emulator opens). */
  device: string;
  proc: ChildProcess;
  /** Stops socat: both ends disappear, as when a USB device is unplugged. */
  stop(): Promise<void>;
}

export function ptyPair(host: string, device: string): Promise<PtyPair> {
  const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${device}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const stop = (): Promise<void> => new Promise((ok) => {
    if (proc.exitCode !== null || proc.signalCode !== null) { ok(); return; }
    proc.once('exit', () => ok());
    proc.kill('SIGTERM');
  });
  return new Promise((ok, fail) => {
    proc.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      // socat logs this once both ptys exist and their links are in place.
      if (log.includes('starting data transfer loop')) ok({ host, device, proc, stop });
    });
    proc.once('exit', (code) => fail(new Error(`socat exited (${code}): ${log.trim()}`)));
    proc.once('error', (e) => fail(new Error(`cannot run socat (package socat): ${e.message}`)));
  });
}
