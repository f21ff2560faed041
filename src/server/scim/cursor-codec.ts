import { fnv1a64, printAttributePath, printFilter, type ListQuery } from '../../scim/index.js';
import { BadCursor } from './errors.js';

/** What a cursor carries: the store's keyset position, bound to its query and an expiry. */
export interface CursorState {
  /** The store's opaque `nextPosition`. */
  readonly position: string;
  /** For a root `/.search`: the resource type the position belongs to. */
  readonly resourceType?: string;
}

interface CursorPayload {
  readonly p: string;
  readonly q: string;
  /** Expiry, seconds since the epoch. */
  readonly e: number;
  readonly t?: string;
}

/** Identifies the query a cursor was issued for: the same filter, sort and endpoint. */
export function cursorQueryKey(scope: string, query: ListQuery): string {
  const parts = [
    scope,
    query.filter === undefined ? '' : printFilter(query.filter),
    query.sortBy === undefined ? '' : printAttributePath(query.sortBy).toLowerCase(),
    query.sortOrder,
  ];
  return fnv1a64(parts.join('\u0000'));
}

/**
 * Encodes a cursor (RFC 9865 §2): base64url JSON, opaque to clients. Not signed: a forged
 * cursor can only point the client somewhere in its own tenant's data.
 */
export function encodeCursor(state: CursorState, queryKey: string, expiresAt: number): string {
  const payload: CursorPayload = {
    p: state.position,
    q: queryKey,
    e: expiresAt,
    ...(state.resourceType === undefined ? {} : { t: state.resourceType }),
  };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor issued for `queryKey`.
 *
 * @throws BadCursor `invalid` (not ours, or for another query) or `expired` (RFC 9865 §4).
 */
export function decodeCursor(cursor: string, queryKey: string, nowSeconds: number): CursorState {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursor('invalid');
  }
  if (typeof payload !== 'object' || payload === null) throw new BadCursor('invalid');
  const { p, q, e, t } = payload as Partial<Record<keyof CursorPayload, unknown>>;
  if (typeof p !== 'string' || typeof q !== 'string' || typeof e !== 'number') throw new BadCursor('invalid');
  if (t !== undefined && typeof t !== 'string') throw new BadCursor('invalid');
  if (q !== queryKey) throw new BadCursor('invalid');
  if (e < nowSeconds) throw new BadCursor('expired');
  return t === undefined ? { position: p } : { position: p, resourceType: t };
}
