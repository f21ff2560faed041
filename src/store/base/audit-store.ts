import { NotFound } from '../errors.js';
import type { AuditEntry, AuditStore, StoredAuditEntry } from '../store.js';
import type { StoreContext } from './store-dialect.js';
import { PreparedQuery, slot } from './prepared-query.js';
import { translating } from './translate-error.js';

/**
 * (tenant, at, actor, action, resource type, resource id, detail) → one audit row: every write
 * appends one. Nothing reads its result, so PostgreSQL sends it along with the change it records.
 */
const INSERT_AUDIT = new PreparedQuery<never>(
  (db) =>
    db.insertInto('audit_log').values({
      tenant_id: slot(0),
      at: slot(1),
      actor: slot(2),
      action: slot(3),
      resource_type: slot(4),
      resource_id: slot(5),
      detail: slot(6),
    }),
  { resultUnused: true },
);

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
        await INSERT_AUDIT.execute({ db, dialect }, [
          entry.tenantId,
          entry.at,
          entry.actor,
          entry.action,
          entry.resourceType ?? null,
          entry.resourceId ?? null,
          entry.detail === undefined ? null : dialect.encodeJson(entry.detail),
        ]);
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
