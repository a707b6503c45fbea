#!/usr/bin/env node
// `npx civictill …` from a checkout, with no manual build step. Compiling the TypeScript CLI with tsx at
// every launch costs most of a second, so the CLI runs from an esbuild bundle (dist/cli/*.mjs), built on
// the first launch and again whenever a file it was built from (listed in its metafile) has changed,
// the way the renderer is rebuilt when stale. Without esbuild, or if the build fails, it runs through tsx.
// `civictill hub …` goes to the hub's own CLI: the hub is a separate service (src/hub → src/shared only).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const name = process.argv[2] === 'hub' ? 'hub' : 'main';
const entry = join(root, 'src', name, 'cli.ts');
const outDir = join(root, 'dist', 'cli');
const bundle = join(outDir, `${name}.mjs`);
const meta = join(outDir, `${name}.inputs.json`);
// Worker threads the CLI starts, bundled beside it (the backup's verify runs off the till's thread).
const WORKERS = name === 'main' ? [['backupVerifyWorker', join(root, 'src', 'main', 'station', 'backup', 'verifyWorker.ts')]] : [];

const EXTERNAL = [
  'better-sqlite3', 'serialport', '@serialport/*', 'pdfkit', 'node-thermal-printer', 'esbuild', 'tsx', 'tsx/*',
  'pg', '@electric-sql/pglite', 'pino', 'electron', 'vite',
];
// Bundled CommonJS packages call require() (for node: built-ins); ESM output has none, so define one.
// Aliased: the bundle has createRequire imports of its own.
const CJS_REQUIRE = "import { createRequire as __civictillCjsRequire } from 'node:module'; const require = __civictillCjsRequire(import.meta.url);";

/** The bundle is current when it exists and none of the files it was built from changed since. */
function fresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(meta, 'utf8'));
    if (WORKERS.some(([w]) => statSync(join(outDir, `${w}.mjs`)).mtimeMs < built)) return false;
    return inputs.every((f) => statSync(join(root, f)).mtimeMs <= built);
  } catch {
    return false; // missing bundle or list, or an input deleted
  }
}

async function build() {
  const esbuild = await import('esbuild');
  const tmp = `${bundle}.${process.pid}.tmp`;
  const started = new Date();
  const common = { bundle: true, format: 'esm', platform: 'node', target: 'node20', external: EXTERNAL, banner: { js: CJS_REQUIRE }, metafile: true, logLevel: 'silent', absWorkingDir: root };
  // Pure-JS dependencies go into the bundle: resolving and compiling their hundreds of ESM files
  // at every launch cost most of the start-up. Native ones, and ones that read files next to
  // themselves, stay in node_modules.
  const r = await esbuild.build({ ...common, entryPoints: [entry], outfile: tmp });
  // Workers first (each renamed into place whole), so a current main bundle always has its workers.
  for (const [w, src] of WORKERS) {
    const wtmp = join(outDir, `${w}.${process.pid}.tmp`);
    const wr = await esbuild.build({ ...common, entryPoints: [src], outfile: wtmp });
    Object.assign(r.metafile.inputs, wr.metafile.inputs);
    utimesSync(wtmp, started, started);
    renameSync(wtmp, join(outDir, `${w}.mjs`));
  }
  // A bundled package stands in by its package.json (an install rewrites it): statting each of its
  // hundreds of files would cost tens of ms at every launch. This file too: a change to how the
  // bundle is built rebuilds it.
  const files = Object.keys(r.metafile.inputs).map((f) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+\/)/.exec(f)?.[1].concat('package.json') ?? f);
  const inputs = [...new Set(files)].concat('package.json', 'tsconfig.json', 'bin/civictill.js').filter((f) => existsSync(join(root, f)));
  writeFileSync(`${meta}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${meta}.${process.pid}.tmp`, meta);
  utimesSync(tmp, started, started); // dated from the build's start: a source saved mid-build makes it stale
  renameSync(tmp, bundle); // atomic: two launches building at once each install a whole bundle
}

let run = fresh() ? bundle : null;
if (!run) {
  try {
    mkdirSync(outDir, { recursive: true });
    await build();
    run = bundle;
  } catch {
    run = null; // no esbuild, or a read-only checkout: tsx compiles the sources instead
  }
}
if (run) {
  await import(pathToFileURL(run).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
