// `civictill start`: find the Electron binary without downloading anything (requiring the electron
// package would fetch it), and build the main/preload bundles the app runs from.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The installed Electron executable, or null when only the npm package (no binary) is present. */
export function electronBinary(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const bin = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(pkg, 'dist', rel);
  return existsSync(bin) ? bin : null;
}

/** Builds dist/main/index.js and dist/preload/index.cjs with vite (vite.electron.config.ts), every start: a few seconds. */
export function buildElectron(root: string): void {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const target of ['main', 'preload'] as const) {
    const r = spawnSync(process.execPath, [vite, 'build', '-c', 'vite.electron.config.ts', '--mode', target, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`building the Electron ${target} bundle failed`);
  }
}
