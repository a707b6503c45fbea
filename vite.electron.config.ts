// Builds the Electron main process (ESM, dist/main/index.js) and the sandboxed preload (one CommonJS
// file, dist/preload/index.cjs). Dependencies stay external: electron-builder packs node_modules and
// rebuilds the native ones (better-sqlite3, serialport) for Electron at packaging time.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const external = [
  'electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies).flatMap((d) => [d, new RegExp(`^${d}/`)]),
];
// `--mode preload` builds the preload; any other mode the main process.
export default defineConfig(({ mode }) => {
  const target = mode === 'preload' ? 'preload' : 'main';
  return {
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node22',
    emptyOutDir: true,
    outDir: fileURLToPath(new URL(`./dist/${target}`, import.meta.url)),
    minify: false,
    rollupOptions: {
      // The main process also ships the backup's verify worker, beside index.js (src/main/station/backup/verifyOffThread.ts).
      input: target === 'preload' ? fileURLToPath(new URL('./src/preload/index.ts', import.meta.url)) : {
        index: fileURLToPath(new URL('./src/main/index.ts', import.meta.url)),
        backupVerifyWorker: fileURLToPath(new URL('./src/main/station/backup/verifyWorker.ts', import.meta.url)),
      },
      external,
      output: target === 'preload'
        ? { format: 'cjs', entryFileNames: 'index.cjs' }
        : { format: 'es', entryFileNames: '[name].js' },
    },
  },
  };
});
