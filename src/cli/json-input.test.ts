import { describe, expect, it } from 'vitest';
import { findJsonErrorOffset } from './json-error-offset.js';
import { CliError } from './io.js';
import { caretLine, lineAndColumn, parseJsonInput } from './json-input.js';

describe('JSON input errors', () => {
  it.each([
    ['{"a": }', 6],
    ['{"a":1', 6],
    ['[1,2,,]', 5],
    ['{"a":"x\n"}', 7],
    ['{"a":1} x', 8],
    ['', 0],
    ['tru', 0],
    ['{"a":"\\q"}', 7],
  ])('finds the offset where %j stops being JSON', (text, offset) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(findJsonErrorOffset(text)).toBe(offset);
  });

  it('reports file:line:column', () => {
    expect(() => parseJsonInput('{\n  "a": 1,\n  "b": ]\n}', 'users.json')).toThrow(
      new CliError('users.json:3:8: invalid JSON: unexpected "]"'),
    );
    expect(() => parseJsonInput('{"a": 1', 'u.json')).toThrow(
      'u.json:1:8: invalid JSON: unexpected end of input',
    );
    expect(parseJsonInput('{"a": [1]}', 'ok.json')).toEqual({ a: [1] });
  });

  it('maps offsets to lines and draws a caret', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(caretLine('title pr x', 9)).toBe('  title pr x\n           ^');
  });
});
