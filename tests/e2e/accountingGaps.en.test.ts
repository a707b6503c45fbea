// Issue 15 at the till, in English: see accountingGaps.ts.
import { afterAll, beforeAll, it } from 'vitest';
import { openTill, type Till } from './harness';
import { accountingGaps } from './accountingGaps';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

it('cash rounding, a split drawer and an edited draft deposit, in English', async () => { await accountingGaps(till, 'en'); }, 120_000);
