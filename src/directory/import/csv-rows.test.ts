import { describe, expect, it } from 'vitest';
import { readCsvRows } from './csv-rows.js';

describe('readCsvRows', () => {
  it('handles quotes, escaped quotes, commas and newlines inside quotes, CRLF and a BOM', () => {
    const rows = readCsvRows('\ufeffa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n,,\r\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 4, fields: ['', '', ''] },
    ]);
  });

  it('accepts a last row without a newline, LF endings and skips blank lines', () => {
    expect(readCsvRows('a,b\n\nc,\n"d",e')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['c', ''] },
      { line: 4, fields: ['d', 'e'] },
    ]);
  });

  it('reads an empty file as no rows', () => {
    expect(readCsvRows('')).toEqual([]);
  });
});
