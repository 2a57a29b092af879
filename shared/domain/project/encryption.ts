import { z } from '../../base/schema';
import { err, ok, type Result } from '../../base/result';

/**
 * Optional encryption at rest of a whole `.spiproj` file with a passphrase (docs/security.md,
 * "Project encryption at rest"). The envelope is:
 *
 *   bytes 0..7   the magic `SPIENC1\n` (ASCII)
 *   then         one line of JSON, the header, ended by `\n` (at most 4096 bytes):
 *                {"format":"spi-workbench-project-encrypted","version":1,
 *                 "kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":600000,"salt":"<32 hex>"},
 *                 "cipher":{"name":"AES-GCM","keyBits":256,"iv":"<24 hex>","tagBits":128}}
 *   then         the AES-256-GCM ciphertext of the plain `.spiproj` (zip) bytes, followed by the
 *                16-byte authentication tag (WebCrypto's output as is).
 *
 * The magic and the header line (with its `\n`) are the additional authenticated data, so changing
 * any header byte, like any ciphertext byte, makes decryption fail. The key is PBKDF2-HMAC-SHA256
 * of the passphrase (Unicode NFC, UTF-8) with a random 16-byte salt, >= 600,000 iterations
 * (OWASP Password Storage Cheat Sheet, 2023, for PBKDF2-HMAC-SHA256); the IV is 12 random bytes,
 * new for every save. Uses only WebCrypto (`globalThis.crypto.subtle`: Node 20+, Electron,
 * browsers); `shared/` has no DOM types, hence the structural types below.
 */

/** The first 8 bytes of every encrypted project file. */
export const ENCRYPTION_MAGIC = 'SPIENC1\n';
/** `format` value of the header. */
export const ENCRYPTED_FORMAT = 'spi-workbench-project-encrypted';
/** PBKDF2 iterations written by this version: OWASP 2023's figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
/**
 * Largest iteration count a reader accepts. A file from elsewhere could name any count; ten
 * million (about 3 s here) bounds the work a hostile header can demand before authentication.
 */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** Longest header line accepted, in bytes (the real one is about 260). */
export const MAX_HEADER_BYTES = 4096;

const MAGIC_BYTES = new TextEncoder().encode(ENCRYPTION_MAGIC);
const TAG_BYTES = 16;
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/** The envelope header, validated on read. */
export const EncryptionHeaderSchema = z.object({
  format: z.literal(ENCRYPTED_FORMAT),
  version: z.literal(1),
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.number().int().min(PBKDF2_ITERATIONS).max(MAX_PBKDF2_ITERATIONS),
    salt: hex(16),
  }),
  cipher: z.object({
    name: z.literal('AES-GCM'),
    keyBits: z.literal(256),
    iv: hex(12),
    tagBits: z.literal(128),
  }),
});
export type EncryptionHeader = z.infer<typeof EncryptionHeaderSchema>;

/** Why decryption failed: the passphrase, or the file (one message: GCM cannot tell them apart). */
export type DecryptError =
  | { kind: 'encryption-header'; reason: string }
  | { kind: 'decryption-failed'; reason: 'wrong passphrase or damaged file' };

/** The WebCrypto calls used here, typed structurally (no DOM lib in shared/). */
interface SubtleCryptoLike {
  importKey(format: 'raw', key: Uint8Array, algorithm: 'PBKDF2', extractable: false, usages: ['deriveKey']): Promise<unknown>;
  deriveKey(
    algorithm: { name: 'PBKDF2'; hash: 'SHA-256'; salt: Uint8Array; iterations: number },
    baseKey: unknown,
    derived: { name: 'AES-GCM'; length: 256 },
    extractable: false,
    usages: ['encrypt'] | ['decrypt'],
  ): Promise<unknown>;
  encrypt(algorithm: { name: 'AES-GCM'; iv: Uint8Array; additionalData: Uint8Array; tagLength: 128 }, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: { name: 'AES-GCM'; iv: Uint8Array; additionalData: Uint8Array; tagLength: 128 }, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
interface CryptoLike {
  subtle: SubtleCryptoLike;
  getRandomValues(array: Uint8Array): Uint8Array;
}

function webCrypto(): CryptoLike {
  const c = (globalThis as unknown as { crypto?: CryptoLike }).crypto;
  if (!c?.subtle) throw new Error('WebCrypto (crypto.subtle) is not available in this runtime');
  return c;
}

/** True when `bytes` start with the encryption magic `SPIENC1\n`. */
export function isEncryptedProject(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC_BYTES.length) return false;
  for (let i = 0; i < MAGIC_BYTES.length; i++) if (bytes[i] !== MAGIC_BYTES[i]) return false;
  return true;
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number, usage: 'encrypt' | 'decrypt'): Promise<unknown> {
  const { subtle } = webCrypto();
  const material = await subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

/**
 * Encrypts the bytes of a `.spiproj` into the envelope described above. A fresh salt and IV are
 * drawn for every call, so saving the same project twice gives different bytes.
 * @param passphrase any non-empty string (an empty one is a caller bug and throws RangeError);
 *   normalized to Unicode NFC before use.
 * @param options.iterations PBKDF2 iterations, at least {@link PBKDF2_ITERATIONS} (default) and at
 *   most {@link MAX_PBKDF2_ITERATIONS}; RangeError outside.
 */
export async function encryptProjectBytes(plain: Uint8Array, passphrase: string, options: { iterations?: number } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  if (passphrase === '') throw new RangeError('the passphrase must not be empty');
  if (!Number.isInteger(iterations) || iterations < PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be an integer in [${PBKDF2_ITERATIONS}, ${MAX_PBKDF2_ITERATIONS}], got ${iterations}`);
  }
  const crypto = webCrypto();
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header: EncryptionHeader = {
    format: ENCRYPTED_FORMAT,
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toHex(salt) },
    cipher: { name: 'AES-GCM', keyBits: 256, iv: toHex(iv), tagBits: 128 },
  };
  const prefix = concat(MAGIC_BYTES, new TextEncoder().encode(`${JSON.stringify(header)}\n`));
  const key = await deriveKey(passphrase, salt, iterations, 'encrypt');
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: prefix, tagLength: 128 }, key, plain));
  return concat(prefix, sealed);
}

/**
 * Splits an envelope into its validated header, the authenticated prefix (magic + header line)
 * and the sealed bytes (ciphertext + tag). Errors name what is wrong with the header; this alone
 * proves nothing about authenticity (only decryption does).
 */
export function parseEncryptionEnvelope(bytes: Uint8Array): Result<{ header: EncryptionHeader; prefix: Uint8Array; sealed: Uint8Array }, DecryptError> {
  if (!isEncryptedProject(bytes)) return err({ kind: 'encryption-header', reason: 'not an encrypted project (no SPIENC1 magic)' });
  const limit = Math.min(bytes.length, MAGIC_BYTES.length + MAX_HEADER_BYTES);
  let end = -1;
  for (let i = MAGIC_BYTES.length; i < limit; i++) {
    if (bytes[i] === 0x0a) {
      end = i;
      break;
    }
  }
  if (end < 0) return err({ kind: 'encryption-header', reason: `no header line within ${MAX_HEADER_BYTES} bytes (damaged or truncated)` });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(MAGIC_BYTES.length, end)));
  } catch (e) {
    return err({ kind: 'encryption-header', reason: `the header is not valid JSON (${e instanceof Error ? e.message : String(e)})` });
  }
  const header = EncryptionHeaderSchema.safeParse(json);
  if (!header.success) {
    const issue = header.error.issues[0];
    return err({ kind: 'encryption-header', reason: `unsupported header: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim() });
  }
  const sealed = bytes.subarray(end + 1);
  if (sealed.length < TAG_BYTES) return err({ kind: 'encryption-header', reason: `truncated: ${sealed.length} bytes after the header, fewer than the ${TAG_BYTES}-byte tag` });
  return ok({ header: header.data, prefix: bytes.subarray(0, end + 1), sealed });
}

/**
 * Decrypts an envelope made by {@link encryptProjectBytes} back to the `.spiproj` (zip) bytes.
 * A malformed header gives `encryption-header` naming the problem; a wrong passphrase, a changed
 * byte anywhere (header, ciphertext or tag) or a truncated body gives
 * `{kind:'decryption-failed', reason:'wrong passphrase or damaged file'}` (AES-GCM authentication
 * cannot tell the two apart). Never throws for bad input.
 */
export async function decryptProjectBytes(bytes: Uint8Array, passphrase: string): Promise<Result<Uint8Array, DecryptError>> {
  const parsed = parseEncryptionEnvelope(bytes);
  if (!parsed.ok) return parsed;
  const { header, prefix, sealed } = parsed.value;
  const failed = err({ kind: 'decryption-failed', reason: 'wrong passphrase or damaged file' } as const);
  if (passphrase === '') return failed;
  try {
    const key = await deriveKey(passphrase, fromHex(header.kdf.salt), header.kdf.iterations, 'decrypt');
    const plain = await webCrypto().subtle.decrypt({ name: 'AES-GCM', iv: fromHex(header.cipher.iv), additionalData: prefix, tagLength: 128 }, key, sealed);
    return ok(new Uint8Array(plain));
  } catch {
    // WebCrypto rejects with an OperationError when the tag does not verify.
    return failed;
  }
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Hex to bytes; the schema has already checked the digits and length. */
function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
