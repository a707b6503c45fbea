#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx civictill …` works from a checkout without a build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
register();
const cli = fileURLToPath(new URL('../src/main/cli.ts', import.meta.url));
await import(cli);
