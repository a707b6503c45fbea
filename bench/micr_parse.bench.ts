// MICR parser throughput over the fuzz corpus (random and mutated lines) and over clean lines.
import { performance } from 'node:perf_hooks';
import { MicrParser } from '../src/hardware/micr/parse';
import { fuzzLines, rng, validLine } from '../tests/hardware/micr/lineGen';

const p = new MicrParser();
const fuzz = [...fuzzLines(200_000, 1)];
const r = rng(2);
const clean = Array.from({ length: 200_000 }, () => validLine(r));
for (const [name, lines] of [['micr_parse_fuzz', fuzz], ['micr_parse_clean', clean]] as const) {
  for (const l of lines.slice(0, 20_000)) p.parse(l); // warm-up
  const t0 = performance.now();
  let ok = 0;
  for (const l of lines) if (p.parse(l).ok) ok++;
  const s = (performance.now() - t0) / 1000;
  console.log(`${name}_lines_per_s: ${Math.round(lines.length / s)} lines/s`);
  console.log(`${name}_ok_share: ${Math.round((100 * ok) / lines.length)} %`);
}
