import type { Kysely } from 'kysely';
import type { Database, TenantsTable } from '../database.js';
import { NotFound, UniquenessConflict } from '../errors.js';
import type { TenantRecord, TenantStore } from '../store.js';
import { inTransaction, type StoreContext } from './store-dialect.js';
import { PreparedQuery, slot } from './prepared-query.js';
import { translating } from './translate-error.js';

/**
 * Read on every user write (verified domains): prepared, as the resource hot paths are, and one
 * statement: the tenant once per verified domain, or once with a null domain.
 */
const SELECT_TENANT = new PreparedQuery<TenantsTable & { domain: string | null }>((db) =>
  db
    .selectFrom('tenants as t')
    .leftJoin('tenant_domains as d', 'd.tenant_id', 't.id')
    .selectAll('t')
    .select('d.domain')
    .where('t.id', '=', slot(0))
    .orderBy('d.domain'),
);

export class KyselyTenantStore implements TenantStore {
  readonly #context: StoreContext;
  constructor(context: StoreContext) {
    this.#context = context;
  }

  async create(tenant: {
    id: string;
    name: string;
    createdAt: string;
    verifiedDomains: readonly string[];
  }): Promise<TenantRecord> {
    const domains = normalizeDomains(tenant.verifiedDomains);
    await translating(
      this.#context.dialect,
      () =>
        inTransaction(this.#context.db, async (db) => {
          await db
            .insertInto('tenants')
            .values({ id: tenant.id, name: tenant.name, created_at: tenant.createdAt })
            .execute();
          if (domains.length > 0) {
            await db
              .insertInto('tenant_domains')
              .values(domains.map((domain) => ({ tenant_id: tenant.id, domain })))
              .execute();
          }
        }),
      (failure) => (failure.kind === 'unique' ? new UniquenessConflict('id', tenant.id) : undefined),
    );
    return { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt, verifiedDomains: domains };
  }

  async get(id: string): Promise<TenantRecord | undefined> {
    return translating(this.#context.dialect, async () => {
      const rows = (await SELECT_TENANT.execute(this.#context, [id])).rows;
      const row = rows[0];
      if (row === undefined) return undefined;
      return {
        id: row.id,
        name: row.name,
        createdAt: row.created_at,
        verifiedDomains: rows.flatMap((d) => (d.domain === null ? [] : [d.domain])),
      };
    });
  }

  async list(): Promise<TenantRecord[]> {
    return translating(this.#context.dialect, async () => {
      const [rows, domains] = await Promise.all([
        this.#context.db.selectFrom('tenants').selectAll().orderBy('created_at').orderBy('id').execute(),
        this.#context.db.selectFrom('tenant_domains').selectAll().orderBy('domain').execute(),
      ]);
      const byTenant = new Map<string, string[]>();
      for (const { tenant_id, domain } of domains) {
        let list = byTenant.get(tenant_id);
        if (list === undefined) byTenant.set(tenant_id, (list = []));
        list.push(domain);
      }
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        createdAt: row.created_at,
        verifiedDomains: byTenant.get(row.id) ?? [],
      }));
    });
  }

  async delete(id: string): Promise<boolean> {
    return translating(this.#context.dialect, async () => {
      const result = await deleteTenant(this.#context.db, id);
      return result > 0;
    });
  }

  async addDomain(tenantId: string, domain: string): Promise<void> {
    await translating(
      this.#context.dialect,
      async () => {
        await this.#context.db
          .insertInto('tenant_domains')
          .values({ tenant_id: tenantId, domain: domain.toLowerCase() })
          .onConflict((c) => c.doNothing())
          .execute();
      },
      (failure) => (failure.kind === 'foreignKey' ? new NotFound('Tenant', tenantId) : undefined),
    );
  }

  async removeDomain(tenantId: string, domain: string): Promise<boolean> {
    return translating(this.#context.dialect, async () => {
      const result = await this.#context.db
        .deleteFrom('tenant_domains')
        .where('tenant_id', '=', tenantId)
        .where('domain', '=', domain.toLowerCase())
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}

function normalizeDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => d.toLowerCase()))].sort();
}

/** Owned rows cascade through foreign keys; resources first so their own cascades stay small. */
async function deleteTenant(db: Kysely<Database>, id: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom('scim_group_members').where('tenant_id', '=', id).execute();
    await trx.deleteFrom('scim_multi_values').where('tenant_id', '=', id).execute();
    await trx.deleteFrom('scim_resources').where('tenant_id', '=', id).execute();
    const result = await trx.deleteFrom('tenants').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}
