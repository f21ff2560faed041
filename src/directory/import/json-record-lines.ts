/**
 * Where things are in a JSON import file. `JSON.parse` gives values without positions (and, on
 * Node 20, often no error position either), so one grammar-checking pass finds the offset of
 * every element of the top-level arrays (`users[i]`, `groups[i]`), or the offset of the first
 * character that breaks the grammar.
 */

export type JsonScan =
  | { readonly ok: true; readonly elementOffsets: ReadonlyMap<string, readonly number[]> }
  | { readonly ok: false; readonly offset: number };

class Fault extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at ${offset}`);
  }
}

const QUOTE = 34;
const BACKSLASH = 92;

export function scanJson(text: string): JsonScan {
  let i = 0;
  const offsets = new Map<string, number[]>();
  const fail = (): never => {
    throw new Fault(i);
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const string = (): string => {
    const start = i + 1;
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c < 32) fail();
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) fail();
      }
      i++;
    }
    i++;
    return text.slice(start, i - 1);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const number = (): void => {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = i;
    if (match.exec(text) === null) fail();
    i = match.lastIndex;
  };
  const value = (record?: number[]): void => {
    ws();
    const c = text[i];
    if (c === '{') return object(false);
    if (c === '[') return array(record);
    if (c === '"') return void string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  const array = (record?: number[]): void => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    for (;;) {
      ws();
      record?.push(i);
      value();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === ']') return void i++;
      else fail();
    }
  };
  const object = (topLevel: boolean): void => {
    i++;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      if (text[i] !== '"') fail();
      const key = string();
      ws();
      if (text[i] !== ':') fail();
      i++;
      let record: number[] | undefined;
      if (topLevel) {
        record = [];
        offsets.set(key, record);
      }
      value(record);
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === '}') return void i++;
      else fail();
    }
  };
  try {
    ws();
    if (text[i] === '{') object(true);
    else value();
    ws();
    if (i < text.length) fail();
    return { ok: true, elementOffsets: offsets };
  } catch (error) {
    if (error instanceof Fault) return { ok: false, offset: error.offset };
    // Nesting deeper than the call stack: no position to give.
    if (error instanceof RangeError) return { ok: false, offset: 0 };
    throw error;
  }
}

/** Maps offsets to 1-based line and column numbers; built once per file. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] as number) + 1 };
  }

  line(offset: number): number {
    return this.position(offset).line;
  }
}
