import { sql, type Kysely } from 'kysely';
import type { JsonObject, SchemaRegistry } from '../../scim/index.js';
import type { Database, ScimResourceRow } from '../database.js';
import { NotFound, UniquenessConflict, VersionConflict } from '../errors.js';
import type { NewResource, ResourceQuery, StoredResource, WriteOptions } from '../store.js';
import { queryResources, type RowPage } from './query-resources.js';
import {
  DELETE_MULTI_VALUES,
  ALL_DERIVED_COLUMNS,
  SELECT_DERIVED_COLUMNS,
  type DerivedColumn,
  INSERT_RESOURCE,
  insertMultiValues,
  multiValueInsertArgs,
  PREPARED_MULTI_VALUE_ROWS,
  resourceInsertArgs,
  sameMultiValues,
  SELECT_MULTI_VALUES,
  EXISTING_IDS_PER_QUERY,
  selectExistingIds,
  SELECT_RESOURCE,
  updateResource,
} from './resource-queries.js';
import { canonicalDateTime, canonicalizeResource, resourcePlan, type ResourcePlan } from './resource-plan.js';
import { deriveColumns, deriveMultiValues, toStoredResource, type DerivedColumns } from './resource-rows.js';
import { paddedChunks } from './prepared-query.js';
import { chunk, inTransaction, type DriverFailure, type StoreContext } from './store-dialect.js';
import { translating } from './translate-error.js';

/** A stored column value against a derived one (SQLite gives booleans back as 0/1, as they are encoded). */
function sameColumnValue(stored: unknown, derived: unknown): boolean {
  return (stored ?? null) === (derived ?? null);
}

/** The operations Users and Groups share: one row in scim_resources plus its multi-values. */
export class KyselyResourceStore {
  protected readonly context: StoreContext;
  readonly #registry: SchemaRegistry;
  readonly #resourceType: string;

  constructor(context: StoreContext, registry: SchemaRegistry, resourceType: string) {
    this.context = context;
    this.#registry = registry;
    this.#resourceType = resourceType;
  }

  protected get plan(): ResourcePlan {
    return resourcePlan(this.#registry.resourceSchema(this.#resourceType));
  }

  protected get resourceType(): string {
    return this.plan.resourceType;
  }

  /** Inserts the row and its multi-values; the caller provides the transaction when it adds more. */
  protected async insertRow(
    db: Kysely<Database>,
    tenantId: string,
    resource: NewResource,
    lastModified: string,
  ): Promise<StoredResource> {
    const plan = this.plan;
    const data = canonicalizeResource(resource.data, plan.schema);
    const created = canonicalDateTime(resource.created) ?? resource.created;
    const modified = canonicalDateTime(lastModified) ?? lastModified;
    const row: ScimResourceRow = {
      tenant_id: tenantId,
      resource_type: plan.resourceType,
      id: resource.id,
      ...deriveColumns(plan, data, this.context.dialect),
      created,
      last_modified: modified,
      version: 1,
    };
    const multiValues = deriveMultiValues(plan, tenantId, resource.id, data);
    const atomic = this.context.dialect.insertResourceAtomically;
    if (atomic !== undefined) {
      await atomic(db, row, multiValues);
    } else {
      await INSERT_RESOURCE.execute({ db, dialect: this.context.dialect }, resourceInsertArgs(row));
      await this.insertMultiValues(db, multiValues);
    }
    return {
      tenantId,
      resourceType: plan.resourceType,
      id: resource.id,
      data,
      created,
      lastModified: modified,
      version: 1,
    };
  }

  protected async insertMultiValues(
    db: Kysely<Database>,
    rows: ReturnType<typeof deriveMultiValues>,
  ): Promise<void> {
    if (rows.length === 0) return;
    if (rows.length <= PREPARED_MULTI_VALUE_ROWS) {
      await insertMultiValues(rows.length).execute(
        { db, dialect: this.context.dialect },
        multiValueInsertArgs(rows),
      );
      return;
    }
    for (const part of chunk(rows, 6, this.context.dialect.maxParameters)) {
      await db.insertInto('scim_multi_values').values(part).execute();
    }
  }

  /** Explains constraint failures of writes to scim_resources. */
  protected explain(tenantId: string, id: string, data: JsonObject | undefined) {
    return (failure: DriverFailure): Error | undefined => {
      if (failure.kind === 'foreignKey') return new NotFound('Tenant', tenantId);
      const unique = this.plan.unique;
      if (unique !== undefined && /unique_lower|scim_resources_unique/.test(failure.constraint)) {
        const value =
          data === undefined ? undefined : canonicalizeResource(data, this.plan.schema)[unique.name];
        return new UniquenessConflict(unique.name, typeof value === 'string' ? value : '');
      }
      return new UniquenessConflict('id', id);
    };
  }

  async get(tenantId: string, id: string): Promise<StoredResource | undefined> {
    return translating(this.context.dialect, async () => {
      const row = await this.selectRow(this.context.db, tenantId, id);
      return row === undefined ? undefined : toStoredResource(row, this.context.dialect);
    });
  }

  protected async selectRow(
    db: Kysely<Database>,
    tenantId: string,
    id: string,
  ): Promise<ScimResourceRow | undefined> {
    const { rows } = await SELECT_RESOURCE.execute({ db, dialect: this.context.dialect }, [
      tenantId,
      id,
      this.resourceType,
    ]);
    return rows[0];
  }

  /**
   * Compare-and-set update of the row (version + 1); rewrites multi-values when `data` is given.
   * @throws NotFound, VersionConflict
   */
  protected async updateRow(
    db: Kysely<Database>,
    tenantId: string,
    id: string,
    data: JsonObject | undefined,
    options: WriteOptions,
  ): Promise<StoredResource> {
    const plan = this.plan;
    const canonical = data === undefined ? undefined : canonicalizeResource(data, plan.schema);
    const context = { db, dialect: this.context.dialect };
    // What the row holds now, when the caller read it at the version the update is conditional on.
    const previous =
      options.expectedVersion === undefined || options.previous === undefined
        ? undefined
        : canonicalizeResource(options.previous, plan.schema);
    const derived =
      canonical === undefined ? undefined : deriveColumns(plan, canonical, this.context.dialect);
    const columns =
      derived === undefined ? [] : await this.columnsToWrite(context, tenantId, id, derived, previous);
    const { rows } = await updateResource(columns, options.expectedVersion !== undefined).execute(context, [
      tenantId,
      id,
      plan.resourceType,
      canonicalDateTime(options.lastModified) ?? options.lastModified,
      options.expectedVersion ?? null,
      ...columns.map((column) => derived?.[column]),
    ]);
    const row = rows[0];
    if (row === undefined) throw await this.missOrConflict(db, tenantId, id, options.expectedVersion);
    if (canonical !== undefined && plan.multiValues.length > 0) {
      // Most writes (a PATCH of displayName, active) leave emails and the like as they were:
      // reading them costs less than rewriting their index entries.
      const next = deriveMultiValues(plan, tenantId, id, canonical);
      const stored =
        previous === undefined
          ? (await SELECT_MULTI_VALUES.execute(context, [tenantId, id])).rows
          : deriveMultiValues(plan, tenantId, id, previous);
      if (!sameMultiValues(stored, next)) {
        await DELETE_MULTI_VALUES.execute(context, [tenantId, id]);
        await this.insertMultiValues(db, next);
      }
    }
    return toStoredResource(row, this.context.dialect);
  }

  /**
   * The data-derived columns an update must write. Where the engine rewrites the index entries of
   * every column an UPDATE sets, changed or not (SQLite: a PATCH of displayName rewrote the
   * userName, externalId and time indexes too, 2.5 times the work and 4 times the WAL of
   * setting only what changed), the row's current values are read first and only the changed
   * columns are set; `data` always is. With `previous` (the data at the expected version) the
   * current values are derived from it, not read.
   */
  protected async columnsToWrite(
    context: StoreContext,
    tenantId: string,
    id: string,
    derived: DerivedColumns,
    previous: JsonObject | undefined,
  ): Promise<readonly DerivedColumn[]> {
    if (!this.context.dialect.indexesRewrittenWhenSet) return ALL_DERIVED_COLUMNS;
    const current =
      previous === undefined
        ? (await SELECT_DERIVED_COLUMNS.execute(context, [tenantId, id, this.resourceType])).rows[0]
        : deriveColumns(this.plan, previous, this.context.dialect);
    if (current === undefined) return ALL_DERIVED_COLUMNS;
    return ALL_DERIVED_COLUMNS.filter(
      (column) => column === 'data' || !sameColumnValue(current[column], derived[column]),
    );
  }

  /** Why a conditional write matched no row. */
  protected async missOrConflict(
    db: Kysely<Database>,
    tenantId: string,
    id: string,
    expectedVersion: number | undefined,
  ): Promise<Error> {
    const current = await db
      .selectFrom('scim_resources')
      .select('version')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('resource_type', '=', this.resourceType)
      .executeTakeFirst();
    if (current === undefined || expectedVersion === undefined) return new NotFound(this.resourceType, id);
    return new VersionConflict(expectedVersion, Number(current.version));
  }

  protected async replaceRow(
    tenantId: string,
    id: string,
    data: JsonObject,
    options: WriteOptions,
  ): Promise<StoredResource> {
    return translating(
      this.context.dialect,
      () =>
        this.plan.multiValues.length === 0
          ? this.updateRow(this.context.db, tenantId, id, data, options)
          : inTransaction(this.context.db, (db) => this.updateRow(db, tenantId, id, data, options)),
      this.explain(tenantId, id, data),
    );
  }

  async delete(tenantId: string, id: string, options?: { expectedVersion?: number }): Promise<boolean> {
    const expectedVersion = options?.expectedVersion;
    return translating(this.context.dialect, () =>
      inTransaction(this.context.db, async (db) => {
        let remove = db
          .deleteFrom('scim_resources')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('resource_type', '=', this.resourceType);
        if (expectedVersion !== undefined) remove = remove.where('version', '=', expectedVersion);
        const result = await remove.executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) {
          const error = await this.missOrConflict(db, tenantId, id, expectedVersion);
          if (error instanceof VersionConflict) throw error;
          return false;
        }
        // Memberships as a group and multi-values cascade; memberships as a member have no foreign key.
        await db
          .deleteFrom('scim_group_members')
          .where('tenant_id', '=', tenantId)
          .where('member_id', '=', id)
          .execute();
        return true;
      }),
    );
  }

  protected async queryRows(
    tenantId: string,
    query: ResourceQuery,
    options: { withGroups?: boolean } = {},
  ): Promise<RowPage> {
    return translating(this.context.dialect, () =>
      queryResources(
        this.context,
        {
          tenantId,
          resourceType: this.resourceType,
          plan: this.plan,
          withGroups: options.withGroups === true,
        },
        query,
      ),
    );
  }

  async existing(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    return translating(this.context.dialect, async () => {
      const found = new Set<string>();
      const unique = [...new Set(ids)];
      // One prepared statement per size: a full chunk, or the one id Entra and Okta add per PATCH
      // (IN ignores the repeats a shorter last chunk is padded with).
      const sizeFor = (length: number) => (length === 1 ? 1 : EXISTING_IDS_PER_QUERY);
      for (const part of paddedChunks(unique, EXISTING_IDS_PER_QUERY, sizeFor)) {
        const { rows } = await selectExistingIds(part.length).execute(this.context, [
          tenantId,
          this.resourceType,
          ...part,
        ]);
        for (const row of rows) found.add(row.id);
      }
      return found;
    });
  }
}

/** `count(*)` arrives as a number (SQLite) or a bigint string (PostgreSQL). */
export const countAll = sql<number | string>`count(*)`;
