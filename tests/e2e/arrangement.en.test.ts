// A payment arrangement at the counter in English, through the UI, with the printer emulator.
import { afterAll, beforeAll, it } from 'vitest';
import { openTill, type Till } from './harness';
import { arrangementAtTheCounter } from './arrangement';

let till: Till;
beforeAll(async () => { till = await openTill({ devices: true }); });
afterAll(async () => { await till?.close(); });

it('sets up an arrangement with its down payment, prints the agreement, takes an instalment later, refuses a second, records an override (en)', async () => {
  await arrangementAtTheCounter(till, 'en');
}, 180_000);
