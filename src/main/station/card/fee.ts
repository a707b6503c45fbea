// The convenience fee of a card payment (DOMAIN.md): per revenue code none, flat, or a percentage with
// a minimum and a cap [none everywhere]. A sale is charged by the rule of its largest line's revenue
// code (the payment the customer came for), applied to the card amount. decimal.js, rounded half-up
// to the cent once, at the end of the rule. Its own line on its own revenue code and GL account.
import Decimal from 'decimal.js';
import type { ConvenienceFeeSettings, FeeRuleSetting } from '../../../shared/contract/card';
import type { ParsedInputOf } from '../../../shared/api';
import type { UserView } from '../../../shared/views';
import { StationError } from '../../../shared/errors';
import { catalog } from '../catalogCache';
import { saleTotal, type PostReceiptInput } from '../receipts';
import type { Station } from '../station';

const DEFAULTS: ConvenienceFeeSettings = { revenueCode: 'CARDFEE', rules: {} };

export function feeSettings(station: Station): ConvenienceFeeSettings {
  const row = station.st.sqlGet<{ value: string }>("SELECT value FROM settings WHERE key = 'convenienceFee'");
  return { ...DEFAULTS, ...(row ? JSON.parse(row.value) as Partial<ConvenienceFeeSettings> : {}) };
}

export function saveFeeSettings(station: Station, user: UserView, patch: ParsedInputOf<'card.updateFeeSettings'>): ConvenienceFeeSettings {
  const next = { ...feeSettings(station), ...patch };
  const code = catalog(station).get(next.revenueCode);
  if (!code || !code.active) throw new StationError('UNKNOWN_REVENUE_CODE', { code: next.revenueCode }, 'revenueCode');
  const at = station.nowIso();
  station.commit(() => {
    station.st.sqlRun("INSERT INTO settings(key, value) VALUES ('convenienceFee', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", JSON.stringify(next));
    station.record('card.feeConfigured', station.stationId, { userId: user.id, ...next }, at, { sync: false });
  });
  return next;
}

export function applyRule(rule: FeeRuleSetting | undefined, amountCents: number): number {
  if (!rule || rule.type === 'none') return 0;
  if (rule.type === 'flat') return rule.amountCents;
  let fee = new Decimal(amountCents).times(rule.rate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  fee = Math.max(fee, rule.minimumCents);
  if (rule.capCents > 0) fee = Math.min(fee, rule.capCents);
  return fee;
}

type Lines = PostReceiptInput['lines'];

/** The fee a card payment of `amountCents` adds to a sale with these lines (the fee line itself excluded). */
export function quoteFee(station: Station, lines: Lines, amountCents: number): { feeCents: number; revenueCode: string } {
  const s = feeSettings(station);
  const own = lines.filter((l) => l.revenueCode !== s.revenueCode);
  if (own.length === 0) return { feeCents: 0, revenueCode: s.revenueCode };
  // Each line's amount as the station computes it; the largest names the rule.
  const amounts = own.map((l) => ({ code: l.revenueCode, cents: saleTotal(station, { id: '', lines: [l], tenders: [] }) }));
  const main = amounts.reduce((a, b) => (b.cents > a.cents ? b : a));
  return { feeCents: applyRule(s.rules[main.code], amountCents), revenueCode: s.revenueCode };
}
