import { findBulkIdReferences, getMember, type BulkOperation } from '../../scim/index.js';

/** Where two operations of one wave could collide: the attribute each endpoint keeps unique. */
const UNIQUE_ATTRIBUTE: Readonly<Record<string, string>> = { '/users': 'userName', '/groups': 'displayName' };

/**
 * How many operations from `start` on may run at once, as one wave: consecutive POSTs to a
 * resource endpoint that reference no bulkId, are not already failed by the plan, and share no
 * unique value (case-insensitively), at most `limit` of them. RFC 7644 §3.7 lets a provider
 * reorder operations when "the same stateful result is achieved": such creations cannot see or
 * block one another, so running them together changes nothing but that they share one commit.
 * `limit` is also what keeps `failOnErrors` exact: a wave no larger than the failures still
 * tolerated ends before any operation a sequential run would not have started. 0 or 1 means
 * "run the next operation alone".
 */
export function independentPostWave(
  sequence: readonly BulkOperation[],
  start: number,
  limit: number,
  failed: ReadonlyMap<number, unknown>,
): number {
  const seen = new Set<string>();
  let end = start;
  while (end < sequence.length && end - start < limit) {
    const operation = sequence[end]!;
    if (operation.method !== 'POST' || failed.has(operation.index)) break;
    const endpoint = operation.endpoint.toLowerCase();
    const attribute = UNIQUE_ATTRIBUTE[endpoint];
    if (attribute === undefined) break;
    if (findBulkIdReferences([operation.path, operation.data ?? null]).length > 0) break;
    const value = operation.data === undefined ? undefined : getMember(operation.data, attribute);
    if (typeof value === 'string') {
      const key = `${endpoint} ${value.toLowerCase()}`;
      if (seen.has(key)) break;
      seen.add(key);
    }
    end++;
  }
  return end - start;
}
