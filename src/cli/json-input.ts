import { CliError } from './io.js';
import { findJsonErrorOffset } from './json-error-offset.js';

/**
 * Parses JSON read from a file, turning the parser's character offset into `file:line:column`
 * so the person can jump straight to the fault.
 */
export function parseJsonInput(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const offset = findJsonErrorOffset(text);
    const { line, column } = lineAndColumn(text, offset);
    const found =
      offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : 'unexpected end of input';
    throw new CliError(`${file}:${line}:${column}: invalid JSON: ${found}`, 1, { cause: error });
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Points at a character of a one-line input, for parse errors with a position. */
export function caretLine(input: string, position: number): string {
  const shown = input.replace(/[\r\n\t]/g, ' ');
  return `  ${shown}\n  ${' '.repeat(Math.max(0, Math.min(position, shown.length)))}^`;
}
