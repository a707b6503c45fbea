// Issue 15 at the till, in Spanish: see accountingGaps.ts.
import { afterAll, beforeAll, it } from 'vitest';
import { openTill, type Till } from './harness';
import { accountingGaps } from './accountingGaps';

let till: Till;
beforeAll(async () => { till = await openTill(); });
afterAll(async () => { await till?.close(); });

it('cash rounding, a split drawer and an edited draft deposit, in Spanish', async () => { await accountingGaps(till, 'es'); }, 120_000);
