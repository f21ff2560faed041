import { NotFound } from '../errors.js';
import type { AuditEntry, AuditStore, StoredAuditEntry } from '../store.js';
import type { StoreContext } from './store-dialect.js';
import { translating } from './translate-error.js';

export class KyselyAuditStore implements AuditStore {
  readonly #context: StoreContext;
  constructor(context: StoreContext) {
    this.#context = context;
  }

  async append(entry: AuditEntry): Promise<void> {
    const { dialect, db } = this.#context;
    await translating(
      dialect,
      async () => {
        await db
          .insertInto('audit_log')
          .values({
            tenant_id: entry.tenantId,
            at: entry.at,
            actor: entry.actor,
            action: entry.action,
            resource_type: entry.resourceType ?? null,
            resource_id: entry.resourceId ?? null,
            detail: entry.detail === undefined ? null : dialect.encodeJson(entry.detail),
          })
          .execute();
      },
      (failure) => (failure.kind === 'foreignKey' ? new NotFound('Tenant', entry.tenantId) : undefined),
    );
  }

  async list(tenantId: string, options: { limit: number; before?: number }): Promise<StoredAuditEntry[]> {
    const { dialect, db } = this.#context;
    return translating(dialect, async () => {
      let query = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
      if (options.before !== undefined) query = query.where('sequence', '<', options.before);
      const rows = await query.orderBy('sequence', 'desc').limit(Math.max(0, options.limit)).execute();
      return rows.map((row) => ({
        sequence: Number(row.sequence),
        tenantId: row.tenant_id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        ...(row.resource_type === null ? {} : { resourceType: row.resource_type }),
        ...(row.resource_id === null ? {} : { resourceId: row.resource_id }),
        ...(row.detail === null || row.detail === undefined
          ? {}
          : { detail: dialect.decodeJson(row.detail) }),
      }));
    });
  }
}
