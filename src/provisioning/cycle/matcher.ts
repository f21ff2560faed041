import type { JsonObject } from '../../scim/index.js';
import { readValues, type FlatValues, type JsonValue } from '../mapping/index.js';
import type { MatchOutcome } from '../planner/index.js';
import type { CycleContext, ObjectKindContext } from './cycle-context.js';
import { forEachConcurrent } from './cycle-context.js';

export interface MatchCandidate {
  readonly sourceId: string;
  /** Create-mode values: matching attributes may be mapped only at creation. */
  readonly values: FlatValues;
}

const OR_BATCH = 50;
const MAX_FILTER_LENGTH = 4000;

/** A SCIM filter literal (RFC 7644 §3.4.2.2): strings quoted with `"` and `\` escaped. */
export function filterLiteral(value: JsonValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(JSON.stringify(value));
}

function key(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  // SCIM `eq` on a caseExact=false attribute ignores case; matching must agree with the target.
  return typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value);
}

/**
 * Looks each candidate up in the target by its matching attributes in precedence order, the
 * first attribute that finds something deciding (Entra's rule). Targets that accept `or`
 * filters get 50 values per request; targets limited to single `eq` filters (Atlassian) get
 * one request per value.
 */
export async function matchInTarget(
  ctx: CycleContext,
  kind: ObjectKindContext,
  candidates: readonly MatchCandidate[],
): Promise<Map<string, MatchOutcome>> {
  const outcomes = new Map<string, MatchOutcome>();
  let open = [...candidates];
  const anyValue = new Set<string>();
  for (const { path } of kind.mapping.matching) {
    const withValue = open.filter((c) => key(c.values[path]) !== undefined);
    for (const c of withValue) anyValue.add(c.sourceId);
    if (withValue.length === 0) continue;
    const found = await lookup(ctx, kind, path, withValue);
    const looked = new Set(withValue);
    const stillOpen: MatchCandidate[] = [];
    for (const candidate of open) {
      const hits = found.get(key(candidate.values[path]) ?? '') ?? [];
      if (!looked.has(candidate) || hits.length === 0) {
        stillOpen.push(candidate);
      } else if (hits.length > 1) {
        outcomes.set(candidate.sourceId, { kind: 'duplicate', path, count: hits.length });
      } else {
        const resource = hits[0]!;
        outcomes.set(candidate.sourceId, {
          kind: 'found',
          targetId: String(resource.id),
          current: readValues(resource, [...new Set([...kind.alwaysPaths, path])], kind.schema),
          path,
        });
      }
    }
    open = stillOpen;
  }
  for (const candidate of open) {
    outcomes.set(
      candidate.sourceId,
      anyValue.has(candidate.sourceId) ? { kind: 'none' } : { kind: 'noMatchingValue' },
    );
  }
  return outcomes;
}

async function lookup(
  ctx: CycleContext,
  kind: ObjectKindContext,
  path: string,
  candidates: readonly MatchCandidate[],
): Promise<Map<string, JsonObject[]>> {
  const byKey = new Map<string, JsonObject[]>();
  const values = [...new Map(candidates.map((c) => [key(c.values[path])!, c.values[path]!])).values()];
  const orAllowed = ctx.rules.filterableAttributes === undefined;
  const groups: JsonValue[][] = [];
  if (orAllowed) {
    let current: JsonValue[] = [];
    let length = 0;
    for (const value of values) {
      const clause = `${path} eq ${filterLiteral(value)}`;
      if (current.length >= OR_BATCH || (current.length > 0 && length + clause.length > MAX_FILTER_LENGTH)) {
        groups.push(current);
        current = [];
        length = 0;
      }
      current.push(value);
      length += clause.length + 4;
    }
    if (current.length > 0) groups.push(current);
  } else {
    for (const value of values) groups.push([value]);
  }
  const excluded = kind.type === 'group' ? ['members'] : undefined;
  await forEachConcurrent(groups, ctx.config.options.concurrency, async (group) => {
    const filter = group.map((value) => `${path} eq ${filterLiteral(value)}`).join(' or ');
    const pageLimit = ctx.rules.maxPageSize ?? 1000;
    const page = await ctx.client.list(kind.endpoint, {
      filter,
      ...(excluded === undefined ? {} : { excludedAttributes: excluded }),
      ...(group.length > 1 ? { count: Math.min(pageLimit, group.length * 2) } : {}),
    });
    if (group.length === 1) {
      // One value asked: trust the target's notion of equality and its count.
      record(byKey, group[0]!, page.resources, page.totalResults);
      return;
    }
    if (page.totalResults > page.resources.length) {
      // More hits than one page: rare (duplicates); ask value by value so each count is exact.
      for (const value of group) {
        const single = await ctx.client.list(kind.endpoint, {
          filter: `${path} eq ${filterLiteral(value)}`,
          ...(excluded === undefined ? {} : { excludedAttributes: excluded }),
        });
        record(byKey, value, single.resources, single.totalResults);
      }
      return;
    }
    for (const resource of page.resources) {
      const found = readValues(resource, [path], kind.schema)[path];
      if (found !== undefined && found !== null) record(byKey, found, [resource], 1);
    }
  });
  return byKey;
}

function record(
  byKey: Map<string, JsonObject[]>,
  value: JsonValue,
  resources: readonly JsonObject[],
  total: number,
): void {
  if (resources.length === 0) return;
  const k = key(value)!;
  const list = byKey.get(k) ?? [];
  list.push(...resources);
  while (list.length < total) list.push(resources[0]!);
  byKey.set(k, list);
}
