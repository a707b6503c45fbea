// `civictill demo`: a demo city in a new database.
import { randomInt } from 'node:crypto';
import type { Role } from '../../shared/domain';
import { createUser } from './auth';
import { DEMO_REVENUE_CODES, demoAccounts } from './demoData';
import { bulkUpsertAccounts, upsertRevenueCodes } from './directory';
import type { Station } from './station';

export interface DemoOptions {
  accounts?: number;
  /** Fixed PINs (tests, e2e); otherwise random PINs are made and returned once. */
  pins?: Partial<Record<Role, string>>;
  pinCost?: { N?: number };
}

export const DEMO_USERS: { id: string; name: string; role: Role }[] = [
  { id: 'cashier', name: 'Casey Cashier', role: 'cashier' },
  { id: 'supervisor', name: 'Sam Supervisor', role: 'supervisor' },
  { id: 'admin', name: 'Alex Admin', role: 'admin' },
];

export const DEMO_CITY = {
  cityName: 'City of Riverton',
  cityAddress: '100 Main Street, Riverton',
  depositBank: { name: 'First Riverton Bank', routing: '121000358', account: '4400012345' },
};

export function seedDemo(station: Station, opts: DemoOptions = {}): { pins: Record<string, string>; accounts: number } {
  const at = station.nowIso();
  let accounts = 0;
  station.commit(() => {
    // The demo city is the demo's own: written down here, never a default of a real station.
    station.updateConfig(DEMO_CITY);
    upsertRevenueCodes(station, DEMO_REVENUE_CODES, at);
    accounts = bulkUpsertAccounts(station, demoAccounts(opts.accounts ?? 10_000), at);
    station.record('directory.seeded', 'demo', { accounts, revenueCodes: DEMO_REVENUE_CODES.length }, at, { sync: false });
  });
  const pins: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const pin = opts.pins?.[u.role] ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
    createUser(station, { ...u, pin }, opts.pinCost);
    pins[u.id] = pin;
  }
  return { pins, accounts };
}
