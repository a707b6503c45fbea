// Bill stubs, slip validation and check endorsement through the UI, in English.
import { afterAll, beforeAll, it } from 'vitest';
import { openTill, type Till } from './harness';
import { stubsAtTheCounter } from './stubs';

let till: Till;
beforeAll(async () => { till = await openTill({ devices: true, slipStation: true }); });
afterAll(async () => { await till?.close(); });

it('scans, validates and endorses at the counter in English', async () => {
  await stubsAtTheCounter(till, 'en');
}, 180_000);
