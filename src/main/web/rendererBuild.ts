// The built renderer (dist/renderer) that browser mode and Electron load: rebuilt with vite when any
// of its sources is newer than the build, so `npm start` and the tests work from a clean clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src/renderer', 'src/shared', 'vite.config.ts'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)));
  return m;
}

export function rendererDir(root: string): string {
  return join(root, 'dist', 'renderer');
}

/** True when dist/renderer is missing or older than a source it is built from. */
export function rendererStale(root: string): boolean {
  const index = join(rendererDir(root), 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newest(join(root, s)) > built);
}

export function buildRenderer(root: string): void {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new Error('vite is not installed: run npm install first');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building the renderer failed (vite exit ${r.status ?? r.signal})`);
}

/** Builds the renderer when it is missing or stale; says whether it did. */
export function ensureRenderer(root: string): boolean {
  if (!rendererStale(root)) return false;
  buildRenderer(root);
  return true;
}
