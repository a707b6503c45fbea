// The crash tests' child processes: a TypeScript fixture bundled once (each restart is then a plain
// `node` start, not a compile), run, read line by line, and ended by SIGKILL as a power cut would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Where bundles go: under node_modules, so their external dependencies resolve from there. */
export const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));

/** Bundles `source` to `<outDir>/<name>.mjs` (dependencies stay external) and returns its path. */
export async function bundleChild(source: string, name: string, outDir = CACHE_DIR): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.mjs`);
  await build({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', outfile, packages: 'external', logLevel: 'silent' });
  return outfile;
}

export interface ChildRun {
  readonly process: ChildProcess;
  /** SIGKILL after `delayMs` (once, however often it is asked). */
  kill(delayMs?: number): void;
  /** What the child wrote on stderr, and any line the test chose to keep as an error. */
  err: string;
}

/**
 * Runs `child` with `args`, handing each stdout line to `onLine`; resolves when the child dies by SIGKILL,
 * rejects (with its stderr) when it ends any other way — a child that finishes was never crashed.
 */
export function runUntilKilled(child: string, args: string[], onLine: (line: string, run: ChildRun) => void, stdin = false): { run: ChildRun; exited: Promise<void> } {
  const p = spawn(process.execPath, [child, ...args], { stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let killed = false;
  const run: ChildRun = {
    process: p,
    kill: (delayMs = 0) => { if (!killed) { killed = true; setTimeout(() => p.kill('SIGKILL'), delayMs); } },
    err: '',
  };
  let buf = '';
  p.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      onLine(line, run);
    }
  });
  p.stderr!.on('data', (d: Buffer) => { run.err += d.toString(); });
  const exited = new Promise<void>((resolve, reject) => {
    p.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended without being killed: ${run.err}`))));
  });
  return { run, exited };
}
