// Once per test run: the end-to-end tests load the built renderer, so build it when it is missing
// or older than its sources (a clean clone builds here, never by hand).
import { fileURLToPath } from 'node:url';
import { ensureRenderer } from '../src/main/web/rendererBuild';

export default function setup(): void {
  ensureRenderer(fileURLToPath(new URL('..', import.meta.url)));
}
