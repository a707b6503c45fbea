// What a UART set to the wrong baud rate makes of a byte stream: the sender's bits are re-sampled at the
// receiver's bit time. Emulators use it to produce real wrong-baud garbage, not random bytes.

export interface UartFraming { dataBits: 5 | 6 | 7 | 8; parity: 'none' | 'even' | 'odd'; stopBits: 1 | 2 }
const F81: UartFraming = { dataBits: 8, parity: 'none', stopBits: 1 };

function bitsOf(bytes: Uint8Array, f: UartFraming): number[] {
  const bits: number[] = [1, 1];
  for (const b of bytes) {
    bits.push(0);
    let ones = 0;
    for (let i = 0; i < f.dataBits; i++) { const v = (b >> i) & 1; ones += v; bits.push(v); }
    if (f.parity !== 'none') bits.push(f.parity === 'even' ? ones & 1 : (ones + 1) & 1);
    for (let i = 0; i < f.stopBits; i++) bits.push(1);
  }
  bits.push(1, 1);
  return bits;
}

/**
 * Bytes the receiver reads. Times are in units of 1/(txBaud·rxBaud) s so both bit lengths are whole.
 * A character with a framing error is read as NUL, as Linux does without IGNPAR/PARMRK.
 */
export function resampleBaud(bytes: Uint8Array, txBaud: number, rxBaud: number, f: UartFraming = F81): Uint8Array {
  const bits = bitsOf(bytes, f);
  const txLen = rxBaud, rxLen = txBaud;
  const level = (t: number): number => bits[Math.floor(t / txLen)] ?? 1;
  const out: number[] = [];
  const frameBits = 1 + f.dataBits + (f.parity === 'none' ? 0 : 1);
  let t = 0;
  const end = bits.length * txLen;
  while (t < end) {
    // Next falling edge: level changes only on the sender's bit boundaries.
    let i = Math.ceil(t / txLen);
    while (i < bits.length && !(bits[i] === 0 && (bits[i - 1] ?? 1) === 1)) i++;
    if (i >= bits.length) break;
    const start = i * txLen;
    const sample = (k: number): number => level(start + Math.floor(((2 * k + 1) * rxLen) / 2));
    if (sample(0) !== 0) { t = start + txLen; continue; } // a glitch, not a start bit
    let v = 0;
    for (let k = 0; k < f.dataBits; k++) v |= sample(1 + k) << k;
    const stopOk = sample(frameBits) === 1;
    out.push(stopOk ? v : 0);
    t = start + Math.floor(((2 * frameBits + 1) * rxLen) / 2);
  }
  return Uint8Array.from(out);
}
