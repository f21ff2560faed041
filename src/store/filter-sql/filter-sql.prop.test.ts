import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateFilter, ScimError, sortResources, type Filter, type JsonObject } from '../../scim/index.js';
import { UnsupportedQuery } from '../errors.js';
import type { Store, StoredResource } from '../store.js';
import { testRegistry, userData, userFilter, userSortPath } from '../testing/filter-fixtures.js';
import { openTestStore, testEngines, type TestStore } from '../testing/index.js';

const registry = testRegistry();
const schema = registry.resourceSchema('User');
const DATASETS = 4;
const FILTERS_PER_DATASET = 30;
const SORTS_PER_DATASET = 10;

/** The resource as the server would show it: stored data plus id and meta. */
function asResource(stored: StoredResource): JsonObject {
  return {
    ...stored.data,
    id: stored.id,
    meta: {
      resourceType: 'User',
      created: stored.created,
      lastModified: stored.lastModified,
      version: `W/"${stored.version}"`,
    },
  };
}

async function loadDataset(
  store: Store,
  tenantId: string,
  users: readonly JsonObject[],
): Promise<JsonObject[]> {
  await store.tenants.create({
    id: tenantId,
    name: tenantId,
    createdAt: '2024-01-01T00:00:00.000Z',
    verifiedDomains: [],
  });
  const resources: JsonObject[] = [];
  for (const [i, data] of users.entries()) {
    const stored = await store.users.insert(
      tenantId,
      {
        id: `u${i}`,
        data: { ...data, userName: `${String(data.userName)}${i}` },
        created: `2011-05-13T04:42:${String(30 + (i % 10)).padStart(2, '0')}Z`,
      },
      { lastModified: `2024-01-0${1 + (i % 3)}T00:00:00Z` },
    );
    resources.push(asResource(stored));
  }
  return resources;
}

function expectedIds(filter: Filter, resources: readonly JsonObject[]): string[] | 'error' {
  try {
    return resources
      .filter((r) => evaluateFilter(filter, r, schema))
      .map((r) => r.id as string)
      .sort();
  } catch (error) {
    if (error instanceof ScimError) return 'error';
    throw error;
  }
}

describe.each(testEngines())('filter → SQL on %s equals the in-memory evaluator', (engine) => {
  let test: TestStore;
  beforeAll(async () => {
    test = await openTestStore(engine, { schemas: registry });
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('selects exactly the resources evaluateFilter selects, and sorts as sortResources', async () => {
    const datasets = fc.sample(fc.array(userData, { minLength: 5, maxLength: 25 }), {
      numRuns: DATASETS,
      seed: 4242,
    });
    let checked = 0;
    for (const [d, users] of datasets.entries()) {
      const tenantId = `t${d}`;
      const resources = await loadDataset(test.store, tenantId, users);
      await fc.assert(
        fc.asyncProperty(userFilter, async (filter) => {
          const expected = expectedIds(filter, resources);
          const query = test.store.users.query(tenantId, { schema, filter, count: 1000 });
          if (expected === 'error') {
            await expect(query).rejects.toBeInstanceOf(UnsupportedQuery);
            return;
          }
          const page = await query;
          expect(page.items.map((u) => u.id).sort()).toEqual(expected);
          expect(page.totalResults).toBe(expected.length);
          checked++;
        }),
        { numRuns: FILTERS_PER_DATASET, seed: 17 + d },
      );
      await fc.assert(
        fc.asyncProperty(
          userSortPath,
          fc.constantFrom('ascending' as const, 'descending' as const),
          async (sortBy, sortOrder) => {
            const byId = [...resources].sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
            const expected = sortResources(byId, schema, sortBy, sortOrder).map((r) => r.id);
            const page = await test.store.users.query(tenantId, { schema, sortBy, sortOrder, count: 1000 });
            expect(page.items.map((u) => u.id)).toEqual(expected);
          },
        ),
        { numRuns: SORTS_PER_DATASET, seed: 99 + d },
      );
    }
    expect(checked).toBeGreaterThan(DATASETS * FILTERS_PER_DATASET * 0.7);
  });
});
