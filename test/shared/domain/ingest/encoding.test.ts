import { describe, expect, it } from 'vitest';
import { decodeHead, detectEncoding, hasMixedLineEnds, transcodeToUtf8 } from '../../../../shared/domain/ingest/encoding';

const bytes = (...b: number[]) => Uint8Array.from(b);
async function* chunks(...parts: Uint8Array[]) {
  yield* parts;
}
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('detectEncoding', () => {
  it('reads byte order marks, valid UTF-8, and falls back to Windows-1252', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toBe('utf-8-bom');
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0))).toBe('utf-16le');
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61))).toBe('utf-16be');
    expect(detectEncoding(new TextEncoder().encode('Café, 5 €'))).toBe('utf-8');
    expect(detectEncoding(bytes(0x43, 0x61, 0x66, 0xe9, 0x2c))).toBe('windows-1252');
  });

  it('forgives a multi-byte character cut by the end of the head', () => {
    const euro = new TextEncoder().encode('a€');
    expect(detectEncoding(euro.subarray(0, euro.length - 1))).toBe('utf-8');
  });
});

describe('transcodeToUtf8', () => {
  it('maps Windows-1252 bytes 0x80-0x9F to their characters (euro, quotes, dashes)', async () => {
    const out = await transcodeToUtf8(chunks(bytes(0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0xe9)), 'windows-1252', { normalizeLineEnds: false, maxBytes: 1000 });
    expect(text(out)).toBe('€ “q” – é');
  });

  it('normalizes CRLF and bare CR to LF, also across chunk boundaries', async () => {
    const enc = new TextEncoder();
    const out = await transcodeToUtf8(chunks(enc.encode('a,b\r'), enc.encode('\n1,2\r3,4\r\n')), 'utf-8', { normalizeLineEnds: true, maxBytes: 1000 });
    expect(text(out)).toBe('a,b\n1,2\n3,4\n');
  });

  it('drops a UTF-8 BOM and decodes UTF-16', async () => {
    expect(text(await transcodeToUtf8(chunks(bytes(0xef, 0xbb, 0xbf, 0x78)), 'utf-8-bom', { normalizeLineEnds: true, maxBytes: 10 }))).toBe('x');
    expect(text(await transcodeToUtf8(chunks(bytes(0xff, 0xfe, 0x78, 0, 0x0d, 0, 0x0a, 0)), 'utf-16le', { normalizeLineEnds: true, maxBytes: 10 }))).toBe('x\n');
  });

  it('gives up past maxBytes (the file is reported as too large)', async () => {
    expect(await transcodeToUtf8(chunks(new Uint8Array(100).fill(0x41)), 'windows-1252', { normalizeLineEnds: false, maxBytes: 50 })).toBeUndefined();
  });
});

describe('hasMixedLineEnds and decodeHead', () => {
  it('tells consistent from mixed line ends', () => {
    const enc = new TextEncoder();
    expect(hasMixedLineEnds(enc.encode('a\r\nb\r\n'))).toBe(false);
    expect(hasMixedLineEnds(enc.encode('a\nb\n'))).toBe(false);
    expect(hasMixedLineEnds(enc.encode('a\r\nb\nc'))).toBe(true);
    expect(hasMixedLineEnds(enc.encode('a\rb\nc'))).toBe(true);
  });

  it('decodes the head without the BOM', () => {
    expect(decodeHead(bytes(0xef, 0xbb, 0xbf, 0x41), 'utf-8-bom')).toBe('A');
    expect(decodeHead(bytes(0x41, 0x80), 'windows-1252')).toBe('A€');
  });
});
