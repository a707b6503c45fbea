// The whole counter day in English through the UI, the ledger checked at each step.
import { afterAll, beforeAll, it } from 'vitest';
import { openTill, type Till } from './harness';
import { counterDay } from './counterDay';

let till: Till;
beforeAll(async () => { till = await openTill({ devices: true }); });
afterAll(async () => { await till?.close(); });

it('runs a whole counter day in English', async () => {
  await counterDay(till, 'en');
}, 120_000);
