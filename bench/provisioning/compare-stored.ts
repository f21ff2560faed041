/**
 * Checks that the baseline measured the same work as the engine: sampled users read back from
 * both tenants must be the same resource (ids, meta and group memberships aside), and tenant B
 * must hold every user, every group and the full memberships.
 */
import type { JsonObject } from '../../src/scim/index.js';
import type { PopulationShape } from './population.js';
import type { TargetTenant } from './setup.js';

export interface StoredCheck {
  readonly sampled: number;
  readonly identical: number;
  readonly firstDifference: string | undefined;
  readonly usersInB: number;
  readonly groupsInB: number;
  /** Members of the first group in B, and how many the directory gives it. */
  readonly membersOfFirstGroup: number;
  readonly expectedMembers: number;
}

const SAMPLES = 20;

async function get(origin: string, tenant: TargetTenant, path: string): Promise<JsonObject> {
  const response = await fetch(`${origin}${tenant.scimPath}${path}`, {
    headers: { authorization: `Bearer ${tenant.token}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as JsonObject;
}

/** Keys sorted at every level, server-assigned parts dropped: two equal resources print the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const skip = new Set(['id', 'meta', 'groups']);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !skip.has(key))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, item]) => [key, canonical(item)]),
  );
}

const byUserName = (i: number): string =>
  `/Users?filter=${encodeURIComponent(`userName eq "user${i}@bench.example.com"`)}`;

export async function compareStored(
  origins: { readonly a: string; readonly b: string },
  tenants: { a: TargetTenant; b: TargetTenant },
  shape: PopulationShape,
): Promise<StoredCheck> {
  let identical = 0;
  let firstDifference: string | undefined;
  const sampled = Math.min(SAMPLES, shape.users);
  for (let k = 0; k < sampled; k++) {
    const i = Math.floor((k * shape.users) / sampled);
    const [a, b] = await Promise.all([
      get(origins.a, tenants.a, byUserName(i)),
      get(origins.b, tenants.b, byUserName(i)),
    ]);
    const left = JSON.stringify(canonical((a.Resources as JsonObject[] | undefined)?.[0]));
    const right = JSON.stringify(canonical((b.Resources as JsonObject[] | undefined)?.[0]));
    if (left === right && left !== undefined) identical++;
    else firstDifference ??= `user${i}: baseline ${left} vs engine ${right}`;
  }
  const users = await get(origins.b, tenants.b, '/Users?count=0');
  const groups = await get(origins.b, tenants.b, '/Groups?count=0');
  const first = await get(
    origins.b,
    tenants.b,
    `/Groups?filter=${encodeURIComponent('displayName eq "Group 0"')}`,
  );
  const members = ((first.Resources as JsonObject[] | undefined)?.[0]?.members ?? []) as unknown[];
  return {
    sampled,
    identical,
    firstDifference,
    usersInB: Number(users.totalResults),
    groupsInB: Number(groups.totalResults),
    membersOfFirstGroup: members.length,
    expectedMembers: Math.floor(shape.memberships / shape.groups),
  };
}
