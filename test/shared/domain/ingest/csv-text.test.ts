import { describe, expect, it } from 'vitest';
import { headerOf, parseDelimited, uniqueColumnNames } from '../../../../shared/domain/ingest/csv-text';

describe('parseDelimited', () => {
  it('reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    expect(parseDelimited('a,b\r\n"x, y","say ""hi""\nthere"\r\n', ',', Infinity, false)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it('skips blank lines and drops a record cut by the end of a head', () => {
    expect(parseDelimited('a|b\n\n1|2\n3|', '|')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseDelimited('a|b\n\n1|2\n3|', '|', Infinity, false)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', ''],
    ]);
  });

  it('stops after maxRecords', () => {
    expect(parseDelimited('h\n1\n2\n3\n', ',', 2)).toEqual([['h'], ['1']]);
  });
});

describe('headerOf and uniqueColumnNames', () => {
  it('reads the header of a one-line whole file', () => {
    expect(headerOf('a;b;c', ';', true)).toEqual(['a', 'b', 'c']);
    expect(headerOf('a;b;c', ';', false)).toBeUndefined();
  });

  it('names empty headers by position and de-duplicates case-insensitively', () => {
    expect(uniqueColumnNames([' Date ', '', 'date', 'DATE', 'x'])).toEqual(['Date', 'column_2', 'date_2', 'DATE_3', 'x']);
  });
});
