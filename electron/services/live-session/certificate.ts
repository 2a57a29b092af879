/**
 * The session's TLS certificate: generated in memory for each session (never written to disk),
 * an ECDSA P-256 key with a SHA-256 signature, valid for one day, naming the one address the
 * server listens on. Guests compare its SHA-256 fingerprint with the one on the host's screen.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** A certificate and its key, PEM, plus the fingerprint shown on both screens. */
export interface SessionCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (as browsers show it). */
  fingerprint: string;
}

/** Generates the certificate for a session on `address` (an IPv4 literal). Takes about 10-50 ms. */
export async function createSessionCertificate(address: string, now: Date = new Date()): Promise<SessionCertificate> {
  const pems = await generate([{ name: 'commonName', value: `SPI Workbench live session ${address}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: address }] },
    ],
  });
  return { cert: pems.cert, key: pems.private, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}
