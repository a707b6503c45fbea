// The float kept back at the deposit (src/main/station/endOfDay/floatProposal.ts): its change-making
// search over every piece, on the drawers a supervisor meets. Prints `name: value ms` (median).
import { performance } from 'node:perf_hooks';
import { proposeFloat } from '../src/main/station/endOfDay/floatProposal';
import { STANDARD_FLOAT, type DenominationCounts } from '../src/shared/denominations';

function median(fn: () => void, runs = 41): number {
  for (let i = 0; i < 5; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) { const a = performance.now(); fn(); t.push(performance.now() - a); }
  t.sort((x, y) => x - y);
  return t[Math.floor(t.length / 2)]!;
}

const times = (c: DenominationCounts, k: number) => Object.fromEntries(Object.entries(c).map(([d, n]) => [d, n * k]));
const busyDay = { ...times(STANDARD_FLOAT, 3), bill_10000: 12, bill_5000: 9, coin_1: 430, roll_25: 4 };
const shortOfPennies = { ...STANDARD_FLOAT, coin_1: 37, coin_25: 24, bill_10000: 2 };
const fiveStations = { ...times(STANDARD_FLOAT, 5), coin_1: 180, coin_25: 140, bill_10000: 40 };
const impossible = { bill_2000: 20, bill_10000: 5 };
const fmt = (ms: number) => String(Math.round(ms * 100) / 100);
console.log(`float_proposal_one_drawer: ${fmt(median(() => proposeFloat(busyDay, STANDARD_FLOAT)))} ms`);
console.log(`float_proposal_short_of_pennies: ${fmt(median(() => proposeFloat(shortOfPennies, STANDARD_FLOAT)))} ms`);
console.log(`float_proposal_five_stations: ${fmt(median(() => proposeFloat(fiveStations, STANDARD_FLOAT, 5)))} ms`);
console.log(`float_proposal_no_exact_float: ${fmt(median(() => proposeFloat(impossible, STANDARD_FLOAT)))} ms`);
