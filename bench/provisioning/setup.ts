/**
 * Both stores of the benchmark, filled before any measurement: the source directory (import,
 * one application with every group assigned) and the target server's store with two tenants
 * (A for the baseline loop, B for the engine). Separate SQLite files, as a real install and the
 * app it provisions would have.
 */
import { DirectoryService, importDirectory, parseJsonImport } from '../../src/directory/index.js';
import { TenantService, tenantScimPath } from '../../src/server/index.js';
import { openStore, type StoreConfig } from '../../src/store/index.js';
import { groupId, importText, type PopulationShape } from './population.js';

export const APPLICATION = 'Bench SCIM app';

export interface SourceInfo {
  readonly importSeconds: number;
  readonly assignSeconds: number;
}

export async function buildSource(config: StoreConfig, shape: PopulationShape): Promise<SourceInfo> {
  const store = await openStore(config);
  try {
    const started = performance.now();
    await importDirectory(store, parseJsonImport(importText(shape), 'bench-directory.json'));
    const imported = performance.now();
    const directory = new DirectoryService(store);
    await directory.createApplication({ name: APPLICATION });
    // Group assignments only: users are entitled through their groups, as most tenants do it.
    for (let g = 0; g < shape.groups; g++) await directory.assign(APPLICATION, { group: groupId(g) });
    return {
      importSeconds: (imported - started) / 1000,
      assignSeconds: (performance.now() - imported) / 1000,
    };
  } finally {
    await store.close();
  }
}

export interface TargetTenant {
  readonly scimPath: string;
  readonly token: string;
}

export async function buildTarget(config: StoreConfig): Promise<{ a: TargetTenant; b: TargetTenant }> {
  const store = await openStore(config);
  try {
    const tenants = new TenantService({ store });
    const make = async (name: string): Promise<TargetTenant> => {
      const { tenant, apiKey } = await tenants.createTenant({ name });
      return { scimPath: tenantScimPath(tenant.id), token: apiKey.token };
    };
    return { a: await make('Bench A (baseline loop)'), b: await make('Bench B (engine)') };
  } finally {
    await store.close();
  }
}

/** The incremental cycle's input: a new jobTitle for `count` users spread over the directory. */
export async function changeUsers(config: StoreConfig, users: number, count: number): Promise<string[]> {
  const store = await openStore(config);
  try {
    const directory = new DirectoryService(store);
    const step = Math.max(1, Math.floor(users / count));
    const changed: string[] = [];
    for (let k = 0; k < count && k * step < users; k++) {
      const upn = `user${k * step}@bench.example.com`;
      await directory.updateUser(upn, { jobTitle: `Changed title ${k}` });
      changed.push(upn);
    }
    return changed;
  } finally {
    await store.close();
  }
}
