// The serial ports an admin can pick from. On Linux SerialPort.list() runs `udevadm` (package udev);
// where it is missing (minimal installs, containers) we say so and scan /dev ourselves instead.
import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { loadSerialPort } from './loadSerialPort';

export type { SerialPortView as SerialPortInfo } from '../../shared/devices';
import type { SerialPortView as SerialPortInfo } from '../../shared/devices';

export interface PortList {
  ports: SerialPortInfo[];
  /** Why the list may be incomplete, in words for IT. */
  warning?: string;
}

const TTY = /^tty(S|USB|ACM|AMA|WCH|XRUSB|MFD|O)\d+$|^rfcomm\d+$/;

/** Whether a program is on PATH (spawn would fail with ENOENT otherwise). */
export function onPath(program: string, path = process.env.PATH ?? ''): boolean {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    try { accessSync(join(dir, program), constants.X_OK); return true; } catch { /* next */ }
  }
  return false;
}

function scanDev(dev = '/dev'): SerialPortInfo[] {
  const out: SerialPortInfo[] = [];
  let names: string[] = [];
  try { names = readdirSync(dev); } catch { return out; }
  for (const n of names.filter((x) => TTY.test(x)).sort()) out.push({ path: join(dev, n), source: 'scan' });
  return out;
}

function byIdLinks(dir = '/dev/serial/by-id'): Map<string, string> {
  const links = new Map<string, string>();
  let names: string[] = [];
  try { names = readdirSync(dir); } catch { return links; }
  for (const n of names) {
    try { links.set(realpathSync(join(dir, n)), join(dir, n)); } catch { /* dangling */ }
  }
  return links;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); ok(v); }, (e: unknown) => { clearTimeout(t); fail(e instanceof Error ? e : new Error(String(e))); });
  });
}

/**
 * Lists serial ports, never rejecting: udev details when available, a /dev scan otherwise, plus the
 * configured paths that exist (socat ptys, symlinks) so the admin sees what the station will open.
 */
export async function listPorts(opts: { configured?: string[]; timeoutMs?: number } = {}): Promise<PortList> {
  const found = new Map<string, SerialPortInfo>();
  let warning: string | undefined;
  const useUdev = process.platform !== 'linux' || onPath('udevadm');
  if (useUdev) {
    try {
      const SerialPort = await loadSerialPort();
      for (const p of await withTimeout(SerialPort.list(), opts.timeoutMs ?? 3000)) {
        found.set(p.path, {
          path: p.path, source: 'udev',
          ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
          ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
          ...(p.vendorId ? { vendorId: p.vendorId } : {}),
          ...(p.productId ? { productId: p.productId } : {}),
        });
      }
    } catch (e) {
      warning = `Listing ports through the system failed (${(e as Error).message}); showing the ports found in /dev.`;
    }
  } else {
    warning = 'udevadm is not installed (package udev): showing the ports found in /dev, without maker or serial number.';
  }
  if (process.platform === 'linux') {
    for (const p of scanDev()) if (!found.has(p.path)) found.set(p.path, p);
    for (const [real, link] of byIdLinks()) { const p = found.get(real); if (p) p.byId = link; }
  }
  for (const path of opts.configured ?? []) {
    if (found.has(path)) continue;
    try { accessSync(path, constants.R_OK | constants.W_OK); found.set(path, { path, source: 'configured' }); } catch { /* not there now */ }
  }
  return { ports: [...found.values()], ...(warning ? { warning } : {}) };
}
