import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptProjectBytes,
  ENCRYPTION_MAGIC,
  encryptProjectBytes,
  isEncryptedProject,
  parseEncryptionEnvelope,
  PBKDF2_ITERATIONS,
} from '../../../../shared/domain/project/encryption';
import { readProject } from '../../../../shared/domain/project/read-project';
import { writeProject } from '../../../../shared/domain/project/write-project';
import { makeProject } from './fixtures';

const PASS = 'correct horse battery staple';
const NOW = '2024-05-02T00:00:00.000Z';
const plainZip = () => writeProject(makeProject(), { appVersion: '0.1.0', now: NOW });
const encrypted = () => writeProject(makeProject(), { appVersion: '0.1.0', now: NOW, passphrase: PASS });

/** Index of the `\n` that ends the header line. */
const headerEnd = (bytes: Uint8Array): number => bytes.indexOf(0x0a, ENCRYPTION_MAGIC.length);

describe('project encryption at rest', () => {
  it('round-trips a whole project through writeProject/readProject with the passphrase', async () => {
    const bytes = await encrypted();
    expect(isEncryptedProject(bytes)).toBe(true);
    expect(isEncryptedProject(await plainZip())).toBe(false);
    const opened = await readProject(bytes, 'secret.spiproj', { passphrase: PASS });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.problems).toEqual([]);
    expect(opened.value.readOnly).toBe(false);
    expect(opened.value.project.info.title).toBe('Test city');
    expect(opened.value.project.datasets[0]!.table!.numRows).toBe(4);
    expect(opened.value.project.log[0]!.note).toBe('first load');
    // The decrypted bytes are exactly the plain file.
    const plain = await decryptProjectBytes(bytes, PASS);
    expect(plain.ok && Buffer.from(plain.value).equals(Buffer.from(await plainZip()))).toBe(true);
  });

  it('writes the documented envelope: magic, one JSON header line, ciphertext + 16-byte tag', async () => {
    const zip = await plainZip();
    const bytes = await encryptProjectBytes(zip, PASS);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('SPIENC1\n');
    const end = headerEnd(bytes);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, end)));
    expect(header).toEqual({
      format: 'spi-workbench-project-encrypted',
      version: 1,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: expect.stringMatching(/^[0-9a-f]{32}$/) },
      cipher: { name: 'AES-GCM', keyBits: 256, iv: expect.stringMatching(/^[0-9a-f]{24}$/), tagBits: 128 },
    });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(bytes.length).toBe(end + 1 + zip.length + 16);
    // The plaintext does not appear: not even the zip signature at the start of the body.
    expect(Buffer.from(bytes).includes(Buffer.from('manifest.json'))).toBe(false);
  });

  it('decrypts with an independent implementation following the documented recipe (node:crypto)', async () => {
    const zip = await plainZip();
    const bytes = Buffer.from(await encryptProjectBytes(zip, 'pässwörd'));
    const end = bytes.indexOf(0x0a, 8);
    const h = JSON.parse(bytes.subarray(8, end).toString('utf8'));
    const key = pbkdf2Sync(Buffer.from('pässwörd'.normalize('NFC'), 'utf8'), Buffer.from(h.kdf.salt, 'hex'), h.kdf.iterations, 32, 'sha256');
    const body = bytes.subarray(end + 1);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(h.cipher.iv, 'hex'));
    decipher.setAAD(bytes.subarray(0, end + 1));
    decipher.setAuthTag(body.subarray(body.length - 16));
    const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
    expect(plain.equals(Buffer.from(zip))).toBe(true);
  });

  it('draws a fresh salt and IV for every save', async () => {
    const zip = await plainZip();
    const a = parseEncryptionEnvelope(await encryptProjectBytes(zip, PASS));
    const b = parseEncryptionEnvelope(await encryptProjectBytes(zip, PASS));
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.header.kdf.salt).not.toBe(b.value.header.kdf.salt);
    expect(a.value.header.cipher.iv).not.toBe(b.value.header.cipher.iv);
  });

  it('says the project is encrypted when no passphrase is given', async () => {
    const r = await readProject(await encrypted(), 'secret.spiproj');
    expect(r).toEqual({
      ok: false,
      error: { kind: 'project-encrypted', path: 'secret.spiproj', reason: 'the project is encrypted: a passphrase is needed to open it' },
    });
  });

  it.each([['a wrong passphrase', 'Correct horse battery staple'], ['an empty passphrase', '']])('refuses %s', async (_label, passphrase) => {
    const r = await readProject(await encrypted(), 'secret.spiproj', { passphrase });
    expect(r).toEqual({ ok: false, error: { kind: 'project-decryption-failed', path: 'secret.spiproj', reason: 'wrong passphrase or damaged file' } });
  });

  it('detects one changed bit anywhere in the ciphertext or the tag', async () => {
    const bytes = await encrypted();
    const body = headerEnd(bytes) + 1;
    for (const at of [body, body + Math.floor((bytes.length - body) / 2), bytes.length - 17, bytes.length - 1]) {
      const copy = bytes.slice();
      copy[at]! ^= 0x01;
      expect(await decryptProjectBytes(copy, PASS)).toEqual({ ok: false, error: { kind: 'decryption-failed', reason: 'wrong passphrase or damaged file' } });
    }
  });

  it('authenticates the header: a changed IV, salt or iteration count fails, a broken header is named', async () => {
    const bytes = await encrypted();
    const text = new TextDecoder().decode(bytes.subarray(0, headerEnd(bytes) + 1));
    const h = JSON.parse(text.slice(8));
    const body = bytes.subarray(headerEnd(bytes) + 1);
    const withHeader = (header: unknown) => Buffer.concat([Buffer.from(`SPIENC1\n${JSON.stringify(header)}\n`), body]);
    const flip = (hexText: string) => (hexText[0] === '0' ? '1' : '0') + hexText.slice(1);
    const failed = { ok: false, error: { kind: 'decryption-failed', reason: 'wrong passphrase or damaged file' } };
    expect(await decryptProjectBytes(withHeader({ ...h, cipher: { ...h.cipher, iv: flip(h.cipher.iv) } }), PASS)).toEqual(failed);
    expect(await decryptProjectBytes(withHeader({ ...h, kdf: { ...h.kdf, salt: flip(h.kdf.salt) } }), PASS)).toEqual(failed);
    expect(await decryptProjectBytes(withHeader({ ...h, kdf: { ...h.kdf, iterations: 600_001 } }), PASS)).toEqual(failed);
    // Same values, different JSON spelling: still a different authenticated prefix.
    expect(await decryptProjectBytes(Buffer.concat([Buffer.from(`SPIENC1\n${JSON.stringify(h, null, 0).replace('{', '{ ')}\n`), body]), PASS)).toEqual(failed);
    // Weakened KDF or another cipher: refused before any work, naming the field.
    const weak = await readProject(withHeader({ ...h, kdf: { ...h.kdf, iterations: 1000 } }), 'weak.spiproj', { passphrase: PASS });
    expect(weak.ok).toBe(false);
    if (!weak.ok) expect(weak.error).toMatchObject({ kind: 'project-unreadable', reason: expect.stringMatching(/^encrypted project: unsupported header: kdf\.iterations/) });
    const cbc = await decryptProjectBytes(withHeader({ ...h, cipher: { ...h.cipher, name: 'AES-CBC' } }), PASS);
    expect(cbc.ok === false && cbc.error.kind === 'encryption-header' && cbc.error.reason.startsWith('unsupported header: cipher.name')).toBe(true);
    const notJson = await decryptProjectBytes(Buffer.concat([Buffer.from('SPIENC1\n{"format":\n'), body]), PASS);
    expect(notJson.ok === false && notJson.error.kind === 'encryption-header' && /not valid JSON/.test(notJson.error.reason)).toBe(true);
  });

  it('names a truncated file at every depth: header, body and tag', async () => {
    const bytes = await encrypted();
    const end = headerEnd(bytes);
    const cut = async (n: number) => readProject(bytes.subarray(0, n), 'cut.spiproj', { passphrase: PASS });
    const inHeader = await cut(end - 5);
    expect(inHeader.ok === false && inHeader.error.kind === 'project-unreadable' && /no header line/.test(inHeader.error.reason)).toBe(true);
    const beforeTag = await cut(end + 1 + 10);
    expect(beforeTag.ok === false && /fewer than the 16-byte tag/.test(beforeTag.error.reason)).toBe(true);
    for (const n of [end + 1 + 16, Math.floor(bytes.length / 2), bytes.length - 1]) {
      expect(await cut(n)).toEqual({ ok: false, error: { kind: 'project-decryption-failed', path: 'cut.spiproj', reason: 'wrong passphrase or damaged file' } });
    }
    // Only part of the magic left: not recognisably encrypted, so the zip reader says what it sees.
    const stub = await cut(4);
    expect(stub.ok === false && stub.error.kind === 'project-unreadable').toBe(true);
  });

  it('opens a plain project even when a passphrase is offered', async () => {
    const r = await readProject(await plainZip(), 'plain.spiproj', { passphrase: PASS });
    expect(r.ok && r.value.problems.length === 0).toBe(true);
  });

  it('refuses to write with an empty passphrase or a weaker key derivation (caller bugs)', async () => {
    await expect(encryptProjectBytes(new Uint8Array(4), '')).rejects.toThrow(RangeError);
    await expect(encryptProjectBytes(new Uint8Array(4), PASS, { iterations: 100_000 })).rejects.toThrow(/iterations/);
  });
});
