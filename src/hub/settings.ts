// Hub settings: the GL accounts the journal books tenders to, and where unmapped revenue goes.
import type { Kysely, Transaction } from 'kysely';
import type { HubDB } from './schema';

export const DEFAULT_SETTINGS = {
  /** Cash, checks and money orders: undeposited funds until the deposit is made. */
  'gl.cash': '001-0000-10110',
  /** Card payments: receivable from the card processor until settlement. */
  'gl.card': '001-0000-10150',
  /** Other tenders. */
  'gl.other': '001-0000-10190',
  /** Cash over/short found at close-out (a shortage is a debit, an overage a credit). */
  'gl.over_short': '001-0000-36910',
  /** Lockbox payments: already in the bank, cleared against the bank's lockbox deposit. */
  'gl.lockbox': '001-1010-10410',
  /** Online portal payments (card or ACH): cleared against the processor's settlement. */
  'gl.online': '001-1010-10420',
  /** What the bank confirmed above or below a deposit (issue 15), booked on the day it was recorded. */
  'gl.deposit_difference': '001-0000-36920',
  /** Cash rounding to 5¢ where set (issue 15): what the rounding gave or took, on its own account. */
  'gl.cash_rounding': '001-0000-36930',
  /** Revenue whose code the hub does not know (an exception is raised for each). */
  'gl.suspense': '001-0000-29990',
} as const;
export type HubSettings = Record<keyof typeof DEFAULT_SETTINGS, string>;

export async function getSettings(db: Kysely<HubDB> | Transaction<HubDB>): Promise<HubSettings> {
  const rows = await db.selectFrom('hub_settings').selectAll().execute();
  const out: Record<string, string> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) out[r.key] = r.value;
  return out as HubSettings;
}
