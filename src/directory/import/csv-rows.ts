/**
 * RFC 4180 records: fields separated by commas, optionally in double quotes, where a quoted
 * field may hold commas, line breaks and `""` for a quote; records end with CRLF or LF. Small
 * enough to write by hand rather than add a dependency; each row knows its starting line.
 */

export interface CsvRow {
  /** 1-based line the record starts on. */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function readCsvRows(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark from spreadsheet exports
  let line = 1;
  let rowLine = 1;
  let fields: string[] = [];
  const endRow = () => {
    // A blank line is no record (a trailing newline at the end of the file is common).
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
  };
  while (i <= text.length) {
    if (i === text.length) {
      if (fields.length > 0) endRow();
      break;
    }
    // One field starts at i.
    if (text[i] === '"') {
      const quoteLine = line;
      let value = '';
      i++;
      for (;;) {
        const next = text.indexOf('"', i);
        if (next === -1) throw new CsvSyntaxError('a quoted field is not closed', quoteLine);
        const chunk = text.slice(i, next);
        line += countNewlines(chunk);
        value += chunk;
        if (text[next + 1] === '"') {
          value += '"';
          i = next + 2;
          continue;
        }
        i = next + 1;
        break;
      }
      fields.push(value);
      const c = text[i];
      if (c !== undefined && c !== ',' && c !== '\n' && c !== '\r') {
        throw new CsvSyntaxError(`unexpected ${JSON.stringify(c)} after a closing quote`, line);
      }
    } else {
      let end = i;
      while (end < text.length) {
        const c = text[end];
        if (c === ',' || c === '\n' || c === '\r') break;
        if (c === '"')
          throw new CsvSyntaxError('a quote inside an unquoted field (quote the whole field)', line);
        end++;
      }
      fields.push(text.slice(i, end));
      i = end;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      if (i === text.length) fields.push('');
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRow();
      line++;
      rowLine = line;
    }
  }
  return rows;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
