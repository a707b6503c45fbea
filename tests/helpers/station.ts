// A real station on a real SQLite file in a temp folder, seeded with the demo city.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CallResult, InputOf, OpName, ResultOf } from '../../src/shared/api';
import { dispatch } from '../../src/main/dispatch';
import { seedDemo } from '../../src/main/station/demo';
import { Station, type Clock } from '../../src/main/station/station';

export const PINS = { cashier: '1111', supervisor: '2222', admin: '3333' } as const;

export class SettableClock implements Clock {
  constructor(public t: Date = new Date('2026-11-20T17:30:00Z')) {}
  now(): Date { return new Date(this.t); }
  advance(ms: number): void { this.t = new Date(this.t.getTime() + ms); }
}

export interface TestStation {
  station: Station;
  dir: string;
  path: string;
  clock: SettableClock;
  tokens: Record<'cashier' | 'supervisor' | 'admin', string>;
  /** Calls an operation as a user, through the same dispatcher the transports use. */
  call<N extends OpName>(name: N, input: InputOf<N>, as?: 'cashier' | 'supervisor' | 'admin' | null): Promise<CallResult<N>>;
  /** Same, but throws on an error result. */
  ok<N extends OpName>(name: N, input: InputOf<N>, as?: 'cashier' | 'supervisor' | 'admin'): Promise<ResultOf<N>>;
  cleanup(): void;
}

export async function makeStation(opts: { accounts?: number; clock?: SettableClock; timeZone?: string } = {}): Promise<TestStation> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-'));
  const path = join(dir, 'station.db');
  const clock = opts.clock ?? new SettableClock();
  const station = await Station.open(path, clock);
  station.updateConfig({ timeZone: opts.timeZone ?? 'America/Los_Angeles' });
  seedDemo(station, { accounts: opts.accounts ?? 200, pins: PINS, pinCost: { N: 1024 } });
  return signedIn(station, dir, path, clock);
}

/** Signs the three demo users in on an open station and wraps it for tests. */
export async function signedIn(station: Station, dir: string, path: string, clock: SettableClock): Promise<TestStation> {
  const tokens = {} as TestStation['tokens'];
  for (const who of ['cashier', 'supervisor', 'admin'] as const) {
    const r = await dispatch(station, 'auth.signIn', { userId: who, pin: PINS[who] });
    if (!r.ok) throw new Error(r.error.message);
    tokens[who] = r.value.token;
  }
  const call = <N extends OpName>(name: N, input: InputOf<N>, as: 'cashier' | 'supervisor' | 'admin' | null = 'cashier') =>
    dispatch(station, name, input, as ? tokens[as] : undefined);
  return {
    station, dir, path, clock, tokens, call,
    async ok(name, input, as = 'cashier') {
      const r = await call(name, input, as);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message} (${r.error.field ?? ''})`);
      return r.value;
    },
    cleanup() { station.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

export const uuid = (): string => randomUUID();

/** A valid ABA routing number for tests (checksum 3-7-1 holds). */
export const ROUTING = '121000358';
