// What every bench shares: the percentile of its samples, and a demo station signed in to.
import { dispatch } from '../src/main/dispatch';
import { seedDemo } from '../src/main/station/demo';
import type { Station } from '../src/main/station/station';

export const PINS = { cashier: '1111', supervisor: '2222', admin: '3333' };

/** The p-th percentile (nearest rank) of the samples. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Milliseconds since an hrtime.bigint() mark. */
export const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/** A demo city of `accounts` accounts on the station (cheap PINs: a bench times the till, not scrypt). */
export function seed(station: Station, accounts: number): void {
  seedDemo(station, { accounts, pins: PINS, pinCost: { N: 1024 } });
}

/** A signed-in user's session token, or the reason it failed. */
export async function signIn(station: Station, userId: keyof typeof PINS): Promise<string> {
  const r = await dispatch(station, 'auth.signIn', { userId, pin: PINS[userId] });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.token;
}
