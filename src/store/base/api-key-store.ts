import type { ApiKeysTable } from '../database.js';
import { NotFound, UniquenessConflict } from '../errors.js';
import type { ApiKeyRecord, ApiKeyStore } from '../store.js';
import type { StoreContext } from './store-dialect.js';
import { translating } from './translate-error.js';

export class KyselyApiKeyStore implements ApiKeyStore {
  readonly #context: StoreContext;
  constructor(context: StoreContext) {
    this.#context = context;
  }

  async create(key: Omit<ApiKeyRecord, 'revokedAt' | 'lastUsedAt'>): Promise<ApiKeyRecord> {
    await translating(
      this.#context.dialect,
      async () => {
        await this.#context.db
          .insertInto('api_keys')
          .values({
            id: key.id,
            tenant_id: key.tenantId,
            name: key.name,
            secret_hash: key.secretHash,
            created_at: key.createdAt,
            expires_at: key.expiresAt,
            revoked_at: null,
            last_used_at: null,
          })
          .execute();
      },
      (failure) =>
        failure.kind === 'unique'
          ? new UniquenessConflict('id', key.id)
          : new NotFound('Tenant', key.tenantId),
    );
    return { ...key, revokedAt: undefined, lastUsedAt: undefined };
  }

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    return translating(this.#context.dialect, async () => {
      const row = await this.#context.db
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    });
  }

  async listForTenant(tenantId: string): Promise<ApiKeyRecord[]> {
    return translating(this.#context.dialect, async () => {
      const rows = await this.#context.db
        .selectFrom('api_keys')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    });
  }

  async revoke(tenantId: string, id: string, at: string): Promise<boolean> {
    return translating(this.#context.dialect, async () => {
      const result = await this.#context.db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  async touch(id: string, at: string): Promise<void> {
    await translating(this.#context.dialect, async () => {
      await this.#context.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    });
  }
}

function toRecord(row: ApiKeysTable): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at ?? undefined,
    lastUsedAt: row.last_used_at ?? undefined,
  };
}
