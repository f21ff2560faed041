import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562 §5.7): the first 48 bits are the Unix time in milliseconds, the rest is
 * random. Resource ids made this way sort by creation time, so a new resource's index entries
 * keyed by id (the primary key, its multi-values and memberships) land at the B-tree's tail, on
 * pages the previous inserts already dirtied, instead of on a random page each.
 *
 * Built on `randomUUID()`, whose entropy Node draws in batches (a tenth of the cost of drawing
 * 16 bytes per id): its version nibble becomes 7 and its first 12 hex digits the timestamp; the
 * variant bits are already RFC 9562's.
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
