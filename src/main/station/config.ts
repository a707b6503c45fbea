// Station settings (DOMAIN.md gives the defaults in brackets). Stored as JSON values in `settings`.
import { STANDARD_FLOAT, type DenominationCounts } from '../../shared/denominations';
import type { Statements } from '../db/statements';
import type { ArrangementPolicy } from '../../shared/contract/arrangements';
import type { BatchSettingsView } from '../../shared/contract/batches';
import type { CashRounding } from '../../shared/cashRounding';

export interface StationConfig {
  stationId: string;
  cityName: string;
  cityAddress: string;
  /** Local "HH:MM": receipts at or after it count for the next business day. */
  cutoff: string;
  /** IANA time zone of the counter; business days and printed times use it. */
  timeZone: string;
  language: 'en' | 'es';
  lockoutAttempts: number;
  lockoutMinutes: number;
  floatCents: number;
  dropLimitCents: number;
  overShortToleranceCents: number;
  returnedCheckFeeCents: number;
  cashOnlyMonths: number;
  /** Minutes with no key or click before the till locks itself (0 = never). */
  idleLockMinutes: number;
  /** The notes and coins kept back from a deposit for each drawer's float tomorrow. */
  floatComposition: DenominationCounts;
  /** The one bank account deposits go to. */
  depositBank: { name: string; routing: string; account: string };
  /** Cash rounded at the tender to the nearest 5¢ where the cent coin is gone [none] (issue 15). */
  cashRounding: CashRounding;
  /** What an admin changed of the arrangement policy (arrangements/policy.ts has the defaults). */
  arrangementPolicy?: Partial<ArrangementPolicy>;
  /** File layouts per source and the GL clearing accounts of lockbox and online payments (batches/settings.ts). */
  batchSettings?: Partial<BatchSettingsView>;
  /** Set up with the hub, and its directory (users among it) not all here yet: sign-in waits. */
  setupPending?: boolean;
}

export const DEFAULT_CONFIG: StationConfig = {
  stationId: 'ST01',
  // A real station names its city at setup (from the hub, or typed): no demo city by default.
  cityName: '',
  cityAddress: '',
  cutoff: '17:00',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  language: 'en',
  lockoutAttempts: 5,
  lockoutMinutes: 15,
  floatCents: 15000,
  dropLimitCents: 100000,
  overShortToleranceCents: 100,
  returnedCheckFeeCents: 3000,
  cashOnlyMonths: 12,
  // Within PCI DSS's 15 minutes; short enough that a till left at a busy counter does not stay open.
  idleLockMinutes: 10,
  floatComposition: STANDARD_FLOAT,
  depositBank: { name: '', routing: '', account: '' },
  cashRounding: 'none',
};

export function loadConfig(st: Statements): StationConfig {
  const rows = st.sqlAll<{ key: string; value: string }>('SELECT key, value FROM settings');
  const stored: Record<string, unknown> = {};
  for (const r of rows) stored[r.key] = JSON.parse(r.value);
  return { ...DEFAULT_CONFIG, ...(stored as Partial<StationConfig>) };
}

export function saveConfig(st: Statements, patch: Partial<StationConfig>): void {
  for (const [key, value] of Object.entries(patch)) {
    st.sqlRun('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, JSON.stringify(value));
  }
}
