#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx civictill …` works from a checkout without a build step.
// `civictill hub …` goes to the hub's own CLI: the hub is a separate service (src/hub → src/shared only).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
register();
const entry = process.argv[2] === 'hub' ? '../src/hub/cli.ts' : '../src/main/cli.ts';
await import(fileURLToPath(new URL(entry, import.meta.url)));
