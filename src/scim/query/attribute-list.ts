import { ScimError, invalidPath } from '../errors/scim-error.js';
import type { AttributePath } from '../path/attribute-path.js';
import { parseAttributePath } from '../path/path-parser.js';

/**
 * Parses the comma-separated `attributes` / `excludedAttributes` value (RFC 7644 §3.9):
 * attribute names in standard attribute notation (§3.10), whitespace around entries ignored.
 * An empty text is an empty list.
 *
 * @throws ScimError 400 `invalidPath` naming the bad entry, with `position` in the whole text.
 * @example parseAttributeList('userName, name.givenName') // [{attribute:'userName'}, {attribute:'name', subAttribute:'givenName'}]
 */
export function parseAttributeList(text: string, parameter = 'attributes'): AttributePath[] {
  if (text.trim() === '') return [];
  const paths: AttributePath[] = [];
  let offset = 0;
  for (const raw of text.split(',')) {
    const leading = raw.length - raw.trimStart().length;
    const entry = raw.trim();
    const start = offset + leading;
    if (entry === '') {
      throw invalidPath(`${parameter} has an empty entry at offset ${start}`, start);
    }
    try {
      paths.push(parseAttributePath(entry));
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
      const position = start + (error.position ?? 0);
      // The inner offset is relative to the entry; report it in the whole parameter value.
      const detail = error.detail.replace(/at offset \d+/, `at offset ${position}`);
      throw new ScimError(
        400,
        'invalidPath',
        `${parameter} entry "${entry}" is not a valid attribute path: ${detail}`,
        {
          position,
          cause: error,
        },
      );
    }
    offset += raw.length + 1;
  }
  return paths;
}

/**
 * Reads a list given either as a comma-separated string (query parameter) or as an array of
 * strings (SearchRequest body, RFC 7644 §3.4.3).
 */
export function parseAttributeListValue(
  value: string | readonly string[],
  parameter = 'attributes',
): AttributePath[] {
  return typeof value === 'string'
    ? parseAttributeList(value, parameter)
    : value.flatMap((v) => parseAttributeList(v, parameter));
}
