// socat pty pairs for the serial tests (real bytes through the kernel's tty layer, not a mock port),
// and temporary folders for their links.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { ptyPair, type PtyPair } from '../../src/hardware/serial/socat';

export function tempDir(prefix = 'civictill-pty-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
