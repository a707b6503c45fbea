// PINs are stored as scrypt hashes: "scrypt$N$r$p$salt$hash" (base64). Cost is kept in the hash,
// so it can be raised later without breaking stored PINs.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export function hashPin(pin: string, cost: { N?: number } = {}): string {
  const N = cost.N ?? 16384, r = 8, p = 1;
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return timingSafeEqual(got, expected);
}
