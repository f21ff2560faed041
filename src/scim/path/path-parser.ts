import { invalidPath } from '../errors/scim-error.js';
import { TokenKind } from '../filter/filter-lexer.js';
import { FilterParser } from '../filter/filter-parser.js';
import type { AttributePath, PatchPath } from './attribute-path.js';

/** Longest accepted attribute or PATCH path, in characters. */
export const PATH_MAX_LENGTH = 1_000;

/**
 * Parses `[schemaUrn ":"] attrName ["." subAttr]` (RFC 7644 §3.10), e.g. `name.givenName` or
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
 *
 * @throws ScimError 400 `invalidPath` with the 0-based `position` of the fault.
 */
export function parseAttributePath(text: string): AttributePath {
  const parser = createParser(text);
  const path = parser.readAttributePath();
  expectPathEnd(parser);
  return path;
}

/**
 * Parses a PATCH operation's `path` (RFC 7644 §3.5.2): `attrPath`, or
 * `attrPath "[" valFilter "]" ["." subAttr]`, e.g. `members[value eq "2819c223"]` or
 * `emails[type eq "work"].value`.
 *
 * @throws ScimError 400 `invalidPath`; a malformed filter inside `[...]` is `invalidFilter`, as
 *   RFC 7644 §3.12 lists that type for PATCH path filters.
 */
export function parsePatchPath(text: string): PatchPath {
  const parser = createParser(text);
  const lexer = parser.lexer;
  const path = parser.readAttributePath();
  if (lexer.kind !== TokenKind.LeftBracket) {
    expectPathEnd(parser);
    return path;
  }
  if (path.subAttribute !== undefined) {
    throw parser.fail(
      `a "[" filter must follow an attribute without a sub-attribute at offset ${lexer.start}`,
      lexer.start,
    );
  }
  parser.setErrorType('invalidFilter');
  const valueFilter = parser.readValueFilter();
  parser.setErrorType('invalidPath');
  lexer.next();
  let subAttribute: string | undefined;
  if (lexer.is(TokenKind.Dot)) {
    lexer.next();
    subAttribute = parser.readSubAttributeName();
  }
  expectPathEnd(parser);
  const base =
    path.schema === undefined
      ? { attribute: path.attribute }
      : { schema: path.schema, attribute: path.attribute };
  return subAttribute === undefined ? { ...base, valueFilter } : { ...base, subAttribute, valueFilter };
}

function createParser(text: string): FilterParser {
  if (text.length > PATH_MAX_LENGTH) {
    throw invalidPath(
      `path is ${text.length} characters long, over the maximum length of ${PATH_MAX_LENGTH} at offset ${PATH_MAX_LENGTH}`,
      PATH_MAX_LENGTH,
    );
  }
  return new FilterParser(text, 'invalidPath');
}

function expectPathEnd(parser: FilterParser): void {
  const lexer = parser.lexer;
  if (lexer.kind === TokenKind.End) return;
  throw parser.fail(`unexpected ${lexer.describe()} after the path at offset ${lexer.start}`, lexer.start);
}
