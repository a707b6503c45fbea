// Certificates for TLS tests, made in-process (selfsigned: pure JS, no openssl needed): self-signed
// ones for 127.0.0.1, and a city CA with a hub certificate it signed.
import { generate } from 'selfsigned';
import { certificateFingerprint } from '../../src/hub/server';

export interface TestCert { cert: string; key: string; fingerprint: string }

const hubNames = { name: 'subjectAltName' as const, altNames: [{ type: 7 as const, ip: '127.0.0.1' }, { type: 2 as const, value: 'localhost' }] };

export async function selfSignedCert(cn = 'hub.city.test'): Promise<TestCert> {
  const p = await generate([{ name: 'commonName', value: cn }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: false }, hubNames] });
  return { cert: p.cert, key: p.private, fingerprint: certificateFingerprint(p.cert) };
}

export async function cityCa(): Promise<{ ca: TestCert; issue(cn?: string): Promise<TestCert> }> {
  const p = await generate([{ name: 'commonName', value: 'City of Test Root CA' }], {
    keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }],
  });
  const ca = { cert: p.cert, key: p.private, fingerprint: certificateFingerprint(p.cert) };
  return {
    ca,
    async issue(cn = 'hub.city.test') {
      const c = await generate([{ name: 'commonName', value: cn }], {
        keyType: 'ec', algorithm: 'sha256', ca: { cert: ca.cert, key: ca.key },
        extensions: [{ name: 'basicConstraints', cA: false }, { name: 'extKeyUsage', serverAuth: true }, hubNames],
      });
      return { cert: c.cert, key: c.private, fingerprint: certificateFingerprint(c.cert) };
    },
  };
}
