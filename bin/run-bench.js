#!/usr/bin/env node
// Runs every bench/*.ts script in order; each prints `name: value unit` lines.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
const dir = fileURLToPath(new URL('../bench/', import.meta.url));
const only = process.argv.slice(2);
let failed = 0;
for (const f of readdirSync(dir).filter((n) => n.endsWith('.bench.ts')).sort()) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  const r = spawnSync(process.execPath, ['--import', 'tsx', dir + f], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.error(`bench ${f} failed (exit ${r.status})`); }
}
process.exit(failed ? 1 : 0);
