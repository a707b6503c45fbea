// Card payments at the terminal end to end, in Spanish (see cardTerminal.ts).
import { afterAll, beforeAll, it } from 'vitest';
import { cardDay, openCardTill } from './cardTerminal';
import type { Till } from './harness';

let till: Till;
let rig: Awaited<ReturnType<typeof openCardTill>>['rig'];
beforeAll(async () => { ({ till, rig } = await openCardTill()); });
afterAll(async () => { await rig?.emu.kill().catch(() => undefined); await till?.close(); });

it('takes card payments at the terminal: approved, cash plus card, declined, cancelled, terminal away then keyed', async () => {
  await cardDay(till, rig, 'es');
}, 120_000);
