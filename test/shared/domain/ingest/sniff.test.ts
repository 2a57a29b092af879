import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../../../shared/domain/ingest/sniff';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('sniffFormat', () => {
  it('recognizes delimiters by consistency across lines', () => {
    expect(sniffFormat('a.csv', bytes('a,b,c\n1,2,3\n'))).toEqual({ format: 'csv', delimiter: ',' });
    expect(sniffFormat('a.txt', bytes('a\tb\tc\n1\t2,5\t3\n'))).toEqual({ format: 'csv', delimiter: '\t' });
    expect(sniffFormat('a.csv', bytes('case|offense|x\n1|13A|5\n'))).toEqual({ format: 'csv', delimiter: '|' });
    expect(sniffFormat('a.csv', bytes('\uFEFFa;b\n1;2\n'))).toEqual({ format: 'csv', delimiter: ';' });
  });

  it('trusts content over the extension', () => {
    expect(sniffFormat('x.csv', new Uint8Array([0x50, 0x41, 0x52, 0x31, 0]))).toEqual({ format: 'parquet' });
    expect(sniffFormat('x.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toEqual({ format: 'zip' });
    expect(sniffFormat('x.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toEqual({ format: 'xlsx' });
    expect(sniffFormat('x.csv', bytes(' {"type":"FeatureCollection"}'))).toEqual({ format: 'geojson' });
    const binary = sniffFormat('photo.csv', new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10]));
    expect(binary.format).toBe('binary');
  });

  it('calls empty and whitespace-only files empty', () => {
    expect(sniffFormat('a.csv', new Uint8Array())).toEqual({ format: 'empty' });
    expect(sniffFormat('a.csv', bytes('  \n\n'))).toEqual({ format: 'empty' });
  });
});
