import { InvalidPosition } from '../errors.js';

/** A sort value as read back from the database (NULL when the resource has no value). */
export type SortValue = string | number | boolean | null;

export interface Position {
  readonly sortValue: SortValue;
  readonly id: string;
}

/**
 * Keyset positions are opaque to clients: base64url of `[query fingerprint, sort value, id]`.
 * The fingerprint binds a position to the query (filter, sortBy, sortOrder) that produced it.
 */
export function encodePosition(fingerprint: string, position: Position): string {
  return Buffer.from(JSON.stringify([fingerprint, position.sortValue, position.id]), 'utf8').toString(
    'base64url',
  );
}

/** @throws InvalidPosition when `text` is not a position this store produced for this query. */
export function decodePosition(text: string, fingerprint: string): Position {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPosition('the position is malformed');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new InvalidPosition('the position is malformed');
  const [print, sortValue, id] = parsed as unknown[];
  if (print !== fingerprint) throw new InvalidPosition('the position belongs to another query');
  if (typeof id !== 'string') throw new InvalidPosition('the position is malformed');
  if (sortValue !== null && !['string', 'number', 'boolean'].includes(typeof sortValue)) {
    throw new InvalidPosition('the position is malformed');
  }
  return { sortValue: sortValue as SortValue, id };
}

/** A short, stable digest of what a position depends on (FNV-1a, 32 bits). */
export function fingerprintQuery(parts: readonly unknown[]): string {
  const text = JSON.stringify(parts);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
