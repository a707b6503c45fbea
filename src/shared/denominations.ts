// US currency by default (DOMAIN.md "Money"). Counts are whole pieces; rolls are counted by roll.
export type DenominationKind = 'bill' | 'coin' | 'roll';

export interface Denomination {
  /** Stable key stored with counts, e.g. "bill_2000", "coin_25", "roll_25". */
  key: string;
  kind: DenominationKind;
  /** Value of one piece (or one roll) in cents. */
  valueCents: number;
  label: string;
}

export const USD_DENOMINATIONS: readonly Denomination[] = [
  { key: 'bill_10000', kind: 'bill', valueCents: 10000, label: '$100' },
  { key: 'bill_5000', kind: 'bill', valueCents: 5000, label: '$50' },
  { key: 'bill_2000', kind: 'bill', valueCents: 2000, label: '$20' },
  { key: 'bill_1000', kind: 'bill', valueCents: 1000, label: '$10' },
  { key: 'bill_500', kind: 'bill', valueCents: 500, label: '$5' },
  { key: 'bill_200', kind: 'bill', valueCents: 200, label: '$2' },
  { key: 'bill_100', kind: 'bill', valueCents: 100, label: '$1' },
  { key: 'coin_100', kind: 'coin', valueCents: 100, label: '$1 coin' },
  { key: 'coin_50', kind: 'coin', valueCents: 50, label: '50¢' },
  { key: 'coin_25', kind: 'coin', valueCents: 25, label: '25¢' },
  { key: 'coin_10', kind: 'coin', valueCents: 10, label: '10¢' },
  { key: 'coin_5', kind: 'coin', valueCents: 5, label: '5¢' },
  { key: 'coin_1', kind: 'coin', valueCents: 1, label: '1¢' },
  { key: 'roll_25', kind: 'roll', valueCents: 1000, label: 'Quarters roll $10' },
  { key: 'roll_10', kind: 'roll', valueCents: 500, label: 'Dimes roll $5' },
  { key: 'roll_5', kind: 'roll', valueCents: 200, label: 'Nickels roll $2' },
  { key: 'roll_1', kind: 'roll', valueCents: 50, label: 'Pennies roll 50¢' },
];

export type DenominationCounts = Record<string, number>;

export function denominationValue(key: string, set: readonly Denomination[] = USD_DENOMINATIONS): number | undefined {
  return set.find((d) => d.key === key)?.valueCents;
}

/** Total in cents of a count sheet; throws on an unknown key (callers validate first). */
export function countTotal(counts: DenominationCounts, set: readonly Denomination[] = USD_DENOMINATIONS): number {
  let total = 0;
  for (const [key, n] of Object.entries(counts)) {
    const v = denominationValue(key, set);
    if (v === undefined) throw new RangeError(`unknown denomination ${key}`);
    total += v * n;
  }
  return total;
}

/** The standard $150.00 float: what a drawer usually starts with. */
export const STANDARD_FLOAT: DenominationCounts = {
  bill_2000: 2, bill_1000: 4, bill_500: 8, bill_100: 20, coin_25: 20, coin_10: 25, coin_5: 40, coin_1: 50,
};
