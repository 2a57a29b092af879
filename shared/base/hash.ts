/**
 * SHA-256 through the platform's WebCrypto (`globalThis.crypto.subtle`, present in Node 20+,
 * Electron and every browser): native speed on large project parts, no dependency. `shared/` has
 * no DOM or Node types, hence the minimal structural type below.
 */
interface SubtleDigest {
  subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> };
}

/** Lower-case hex SHA-256 of `bytes` (64 characters). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const crypto = (globalThis as unknown as { crypto?: SubtleDigest }).crypto;
  if (!crypto?.subtle) throw new Error('WebCrypto (crypto.subtle) is not available in this runtime');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
