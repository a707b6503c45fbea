// nexo message security as Adyen documents it for local Terminal API traffic: keys derived from the
// shared passphrase (PBKDF2-HMAC-SHA1, salt "AdyenNexoV1Salt", 4000 rounds: 32 bytes HMAC key,
// 32 bytes AES-256 key, 16 bytes IV), the message encrypted with AES-256-CBC under IV XOR a random
// nonce, and an HMAC-SHA256 of the plain text in the SecurityTrailer.
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SecurityKey { keyIdentifier: string; passphrase: string; keyVersion: number }

interface Derived { hmac: Buffer; cipher: Buffer; iv: Buffer }

export interface SecurityTrailer { AdyenCryptoVersion: number; KeyIdentifier: string; KeyVersion: number; Nonce: string; Hmac: string }
export interface SecuredMessage { MessageHeader: object; NexoBlob: string; SecurityTrailer: SecurityTrailer }

/** Why a secured message was refused: words for the log and the cashier. */
export class SecurityError extends Error {}

// Derivation costs milliseconds: once per passphrase, not per message.
const cache = new Map<string, Derived>();
function derive(passphrase: string): Derived {
  let d = cache.get(passphrase);
  if (!d) {
    const k = pbkdf2Sync(Buffer.from(passphrase, 'binary'), Buffer.from('AdyenNexoV1Salt', 'binary'), 4000, 80, 'sha1');
    d = { hmac: k.subarray(0, 32), cipher: k.subarray(32, 64), iv: k.subarray(64, 80) };
    if (cache.size > 16) cache.clear();
    cache.set(passphrase, d);
  }
  return d;
}

function ivFor(d: Derived, nonce: Buffer): Buffer {
  const iv = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) iv[i] = d.iv[i]! ^ nonce[i]!;
  return iv;
}

/** Encrypts and signs one SaleToPOIRequest/Response body (the JSON of the whole message). */
export function seal(header: object, plainJson: string, key: SecurityKey): SecuredMessage {
  const d = derive(key.passphrase);
  const nonce = randomBytes(16);
  const plain = Buffer.from(plainJson, 'utf8');
  const c = createCipheriv('aes-256-cbc', d.cipher, ivFor(d, nonce));
  const blob = Buffer.concat([c.update(plain), c.final()]);
  return {
    MessageHeader: header,
    NexoBlob: blob.toString('base64'),
    SecurityTrailer: {
      AdyenCryptoVersion: 1, KeyIdentifier: key.keyIdentifier, KeyVersion: key.keyVersion,
      Nonce: nonce.toString('base64'), Hmac: createHmac('sha256', d.hmac).update(plain).digest().toString('base64'),
    },
  };
}

/** Checks the key named in the trailer, decrypts, and verifies the HMAC; returns the plain JSON text. */
export function open(msg: SecuredMessage, key: SecurityKey): string {
  const t = msg.SecurityTrailer;
  if (!t || typeof t.Nonce !== 'string' || typeof t.Hmac !== 'string' || typeof msg.NexoBlob !== 'string') throw new SecurityError('the message has no security trailer');
  if (t.KeyIdentifier !== key.keyIdentifier || t.KeyVersion !== key.keyVersion) {
    throw new SecurityError(`the message is signed with key ${String(t.KeyIdentifier)} version ${String(t.KeyVersion)}, not ${key.keyIdentifier} version ${key.keyVersion}`);
  }
  const d = derive(key.passphrase);
  const nonce = Buffer.from(t.Nonce, 'base64');
  if (nonce.length !== 16) throw new SecurityError('the message nonce is not 16 bytes');
  let plain: Buffer;
  try {
    const c = createDecipheriv('aes-256-cbc', d.cipher, ivFor(d, nonce));
    plain = Buffer.concat([c.update(Buffer.from(msg.NexoBlob, 'base64')), c.final()]);
  } catch {
    throw new SecurityError('the message does not decrypt with the shared key (wrong passphrase or tampered)');
  }
  const want = createHmac('sha256', d.hmac).update(plain).digest();
  const got = Buffer.from(t.Hmac, 'base64');
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw new SecurityError('the message fails its HMAC check (tampered or wrong key)');
  return plain.toString('utf8');
}

/** Nonces already seen, so a replayed message is refused (bounded: the oldest are forgotten). */
export class NonceLog {
  private seen = new Set<string>();
  constructor(private readonly max = 10_000) {}
  /** False when the nonce was seen before. */
  fresh(nonce: string): boolean {
    if (this.seen.has(nonce)) return false;
    this.seen.add(nonce);
    if (this.seen.size > this.max) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}
