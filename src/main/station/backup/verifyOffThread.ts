// Runs the verify worker. Bundles (the CLI's, Electron's) ship it as backupVerifyWorker.(m)js beside
// themselves; from the sources (tests, `tsx`), it is the .ts file, compiled by tsx inside the worker.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface VerifyAnswer { ok: boolean; summary: string }

function startWorker(workerData: { path: string; imagesDir: string | null }): Worker {
  const here = import.meta.url;
  for (const name of ['backupVerifyWorker.mjs', 'backupVerifyWorker.js']) {
    const url = new URL(`./${name}`, here);
    if (existsSync(fileURLToPath(url))) return new Worker(url, { workerData });
  }
  const source = new URL('./verifyWorker.ts', here).href;
  // tsx's ESM entry (its CommonJS one cannot be imported from a worker's eval).
  const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** imagesDir: the backup's image folder, where every image the copy names must be, hashing to its name. */
export function verifyOffThread(path: string, opts: { imagesDir?: string; timeoutMs?: number } = {}): Promise<VerifyAnswer> {
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  return new Promise((resolve) => {
    let worker: Worker;
    try { worker = startWorker({ path, imagesDir: opts.imagesDir ?? null }); } catch (e) { resolve({ ok: false, summary: `verify could not start: ${(e as Error).message}` }); return; }
    let done = false;
    const finish = (a: VerifyAnswer) => { if (done) return; done = true; clearTimeout(timer); void worker.terminate(); resolve(a); };
    const timer = setTimeout(() => finish({ ok: false, summary: `verify did not finish within ${timeoutMs / 60_000} minutes` }), timeoutMs);
    worker.once('message', (m: VerifyAnswer) => finish(m));
    worker.once('error', (e) => finish({ ok: false, summary: `verify stopped: ${e.message}` }));
    worker.once('exit', (code) => finish({ ok: false, summary: `verify ended (exit ${code}) without an answer` }));
  });
}
