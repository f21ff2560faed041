/** An entity tag (RFC 7232 §2.3): the opaque tag without quotes, and whether it is weak. */
export interface ETag {
  readonly weak: boolean;
  readonly tag: string;
}

/** `*` (any current representation) or a list of entity tags. */
export type ETagList = '*' | readonly ETag[];

// etagc = %x21 / %x23-7E / obs-text (RFC 7232 §2.3)
const OPAQUE = /^[\x21\x23-\x7e\x80-\xff]*$/;
const ENTRY = /^\s*(W\/)?"([^"]*)"\s*$|^\s*([^\s",]+)\s*$/;

/**
 * Formats a resource version as an ETag, weak by default as in RFC 7644 §3.14's examples
 * (`W/"3694e05e9dff591"`).
 *
 * @throws TypeError when `version` has characters an ETag cannot hold (`"`, space, controls).
 * @example formatETag(3) // 'W/"3"'
 */
export function formatETag(version: string | number, weak = true): string {
  const tag = String(version);
  if (!OPAQUE.test(tag)) throw new TypeError(`"${tag}" cannot be an entity tag`);
  return weak ? `W/"${tag}"` : `"${tag}"`;
}

/** Reads one entity tag (`W/"x"` or `"x"`); `undefined` when it is not one. */
export function parseETag(text: string): ETag | undefined {
  const list = parseETagList(text);
  return list !== '*' && list.length === 1 ? list[0] : undefined;
}

/**
 * Parses an `If-Match` / `If-None-Match` value (RFC 7232 §3.1, §3.2): `*` or a comma-separated
 * list of entity tags. Entries that are not entity tags are skipped; a bare token (`3`), which
 * some clients send, is read as the strong tag `"3"`.
 */
export function parseETagList(header: string): ETagList {
  if (header.trim() === '*') return '*';
  const tags: ETag[] = [];
  // A quoted tag may contain commas, so quoted tags are taken whole before splitting on commas.
  for (const entry of header.match(/\s*(?:W\/)?"[^"]*"|[^,]+/g) ?? []) {
    const match = ENTRY.exec(entry);
    if (match === null) continue;
    if (match[2] !== undefined) tags.push({ weak: match[1] !== undefined, tag: match[2] });
    else if (match[3] !== undefined) tags.push({ weak: false, tag: match[3] });
  }
  return tags;
}

/** Weak comparison (RFC 7232 §2.3.2): the opaque tags match, weakness ignored. */
function weakMatch(list: readonly ETag[], current: ETag): boolean {
  return list.some((candidate) => candidate.tag === current.tag);
}

function toETag(current: string | ETag): ETag | undefined {
  return typeof current === 'string' ? parseETag(current) : current;
}

/**
 * Whether an `If-Match` precondition holds for a resource whose current ETag is `currentETag`
 * (`undefined` when the resource does not exist). No header: always. `*`: when the resource
 * exists. Otherwise a listed tag must match; comparison is weak, since RFC 7644 §3.14 answers
 * with weak ETags and expects them back in If-Match (`W/"3"` matches `W/"3"`).
 */
export function ifMatchSatisfied(
  header: string | undefined,
  currentETag: string | ETag | undefined,
): boolean {
  if (header === undefined) return true;
  if (currentETag === undefined) return false;
  const list = parseETagList(header);
  if (list === '*') return true;
  const current = toETag(currentETag);
  return current !== undefined && weakMatch(list, current);
}

/**
 * Whether an `If-None-Match` precondition holds (RFC 7232 §3.2, weak comparison). No header:
 * always. `*`: only when the resource does not exist. Otherwise no listed tag may match. For a
 * GET a failed precondition means 304 Not Modified; for other methods 412.
 */
export function ifNoneMatchSatisfied(
  header: string | undefined,
  currentETag: string | ETag | undefined,
): boolean {
  if (header === undefined) return true;
  const list = parseETagList(header);
  if (list === '*') return currentETag === undefined;
  if (currentETag === undefined) return true;
  const current = toETag(currentETag);
  return current === undefined || !weakMatch(list, current);
}
