// Mail batch and lockbox file through the UI, in Spanish.
import { afterAll, beforeAll, it } from 'vitest';
import { openTill, type Till } from './harness';
import { batchesInTheUi } from './batches';

let till: Till;
beforeAll(async () => { till = await openTill({ devices: true }); });
afterAll(async () => { await till?.close(); });

it('keys a mail batch against the tape, corrects it, closes and deposits it, and imports a lockbox file', async () => {
  await batchesInTheUi(till, 'es');
}, 180_000);
