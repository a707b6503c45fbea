// Lockbox and portal files as a bank and a payment portal write them (the shipped layouts of
// src/shared/batchFiles.ts), for tests and the bench.
import { ROUTING } from './station';

export interface LockboxItem { ref: string; account: string; cents: number; date?: string; routing?: string; bankAccount?: string; check?: string }

const pad = (s: string, n: number) => s.slice(0, n).padEnd(n, ' ');
const num = (v: number | string, n: number) => String(v).padStart(n, '0');

/** lockbox-fixed-v1: a header, one '6' record per item, the '9' trailer with count and total. */
export function lockboxFile(items: LockboxItem[], opts: { eol?: string; trailer?: { count: number; cents: number } } = {}): string {
  const eol = opts.eol ?? '\n';
  const rows = ['1RIVERTON LOCKBOX 20261120'];
  for (const it of items) {
    rows.push('6' + pad(it.ref, 10) + (it.date ?? '20261119').replace(/-/g, '') + (it.routing ?? ROUTING) + num(it.bankAccount ?? '44001234', 17) + num(it.check ?? '1001', 10) + pad(it.account, 12) + num(it.cents, 10));
  }
  const total = items.reduce((a, x) => a + x.cents, 0);
  rows.push('9' + num(opts.trailer?.count ?? items.length, 6) + num(opts.trailer?.cents ?? total, 12));
  return rows.join(eol) + eol;
}

export interface PortalItem { ref: string; account: string; amount: string; date?: string; method?: 'CARD' | 'ACH'; processorRef?: string; payer?: string }

/** portal-csv-v1 with a header row. */
export function portalCsv(items: PortalItem[], eol = '\n'): string {
  const rows = ['confirmation,account,amount,paid_on,method,processor_ref,payer'];
  for (const it of items) rows.push([it.ref, it.account, it.amount, it.date ?? '2026-11-19', it.method ?? 'CARD', it.processorRef ?? `PX-${it.ref}`, it.payer ?? ''].join(','));
  return rows.join(eol) + eol;
}

export const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
