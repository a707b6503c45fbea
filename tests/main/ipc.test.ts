// The Electron IPC path (src/main/ipc.ts, wired to ipcMain.handle in src/main/index.ts) is as robust as
// browser mode: any input from the window, for any operation, as any role, is answered — never a
// rejection into Electron — and the signed-in token never leaves the main process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type { z } from 'zod';
import { api, type OpName } from '../../src/shared/api';
import { answerIpc, type IpcTokens } from '../../src/main/ipc';
import { makeStation, PINS, type TestStation } from '../helpers/station';
import { hostileValue, inputArb } from '../helpers/contractArbitrary';

let t: TestStation;
const tokens: IpcTokens = new Map();
const WINDOWS = { cashier: 1, supervisor: 2, admin: 3, nobody: 4 } as const;
beforeAll(async () => {
  t = await makeStation({ accounts: 20 });
  for (const who of ['cashier', 'supervisor', 'admin'] as const) {
    const r = await answerIpc(t.station, 'auth.signIn', { userId: who, pin: PINS[who] }, tokens, WINDOWS[who]) as { ok: boolean; value: { token: string } };
    expect(r.ok).toBe(true);
    expect(r.value.token).toBe(''); // the window never holds it
  }
});
afterAll(() => t.cleanup());

type Answer = { ok: boolean; error?: { code: string; message: string } };

it('signs in per window and keeps the token in the main process', async () => {
  expect(tokens.get(WINDOWS.cashier)).toMatch(/.{16,}/);
  const me = await answerIpc(t.station, 'auth.whoAmI', {}, tokens, WINDOWS.cashier) as { ok: true; value: { id: string } };
  expect(me.value.id).toBe('cashier');
  expect((await answerIpc(t.station, 'auth.whoAmI', {}, tokens, WINDOWS.nobody) as Answer).error?.code).toBe('NOT_SIGNED_IN');
});

it('answers an unknown operation and values that are not input at all', async () => {
  for (const name of ['no.such', '__proto__', 'constructor', 'toString', '']) {
    expect((await answerIpc(t.station, name, {}, tokens, WINDOWS.admin) as Answer).error?.code).toBe('INVALID_INPUT');
  }
  for (const input of [null, undefined, [], 'x', 42, new Date(0), new Map([[1, 2]]), new Uint8Array(8), { __proto__: null }]) {
    const r = await answerIpc(t.station, 'receipt.post', input, tokens, WINDOWS.cashier) as Answer;
    expect(r.ok).toBe(false);
    expect(r.error?.code).not.toBe('INTERNAL');
  }
});

it('an input that throws while it is read is answered (INTERNAL, logged), not a rejection', async () => {
  const evil = { get id(): string { throw new Error('boom'); } };
  const r = await answerIpc(t.station, 'drawer.noSale', evil, tokens, WINDOWS.cashier) as Answer;
  expect(r.ok).toBe(false);
  expect(r.error?.message).not.toMatch(/at .*\.ts/);
});

it('answers fast-check inputs for every operation as every role, never INTERNAL', async () => {
  for (const name of Object.keys(api) as OpName[]) {
    if (name === 'auth.signOut') continue;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.values(WINDOWS)), fc.oneof(inputArb(api[name].input as z.ZodType), hostileValue), async (win, input) => {
      const r = await answerIpc(t.station, name, input, tokens, win) as Answer;
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.error?.code, `${name}: ${r.error?.message}`).not.toBe('INTERNAL');
    }), { numRuns: 8 });
  }
}, 120_000);
