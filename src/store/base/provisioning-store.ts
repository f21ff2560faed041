import type { JsonObject } from '../../scim/index.js';
import type { Database } from '../database.js';
import type { Page, PageRequest } from '../directory-store.js';
import type {
  CycleRecord,
  ProvisionedObjectRecord,
  ProvisionedObjectType,
  ProvisionedStatus,
  ProvisioningJobRecord,
  ProvisioningStore,
} from '../provisioning-store.js';
import { PROVISIONED_STATUSES } from '../provisioning-store.js';
import { PreparedQuery, slot } from './prepared-query.js';
import { chunk, inTransaction, type StoreContext } from './store-dialect.js';
import { translating } from './translate-error.js';

/**
 * Multi-row inserts of a few fixed sizes, built and compiled once: the engine writes its shadow
 * and memberships a page at a time, and building a Kysely insert of hundreds of rows for every
 * batch was a visible share of the engine's CPU. A batch goes out as the largest sizes that fit.
 */
const BATCH_SIZES = [100, 10, 1] as const;

class BatchedInsert {
  readonly #perRow: number;
  readonly #queries: ReadonlyMap<number, PreparedQuery<never>>;

  constructor(perRow: number, build: (rows: number) => PreparedQuery<never>) {
    this.#perRow = perRow;
    this.#queries = new Map(BATCH_SIZES.map((rows) => [rows, build(rows)]));
  }

  /** Inserts `rows`, each given as its `perRow` column values in the query's order. */
  async run(context: StoreContext, rows: readonly (readonly unknown[])[]): Promise<void> {
    let at = 0;
    for (const size of BATCH_SIZES) {
      const query = this.#queries.get(size)!;
      for (; rows.length - at >= size; at += size) {
        const args: unknown[] = new Array(size * this.#perRow);
        for (let r = 0; r < size; r++) {
          const row = rows[at + r]!;
          for (let c = 0; c < this.#perRow; c++) args[r * this.#perRow + c] = row[c];
        }
        await query.execute(context, args);
      }
    }
  }
}

function slots(rows: number, perRow: number): string[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: perRow }, (_, c) => slot(r * perRow + c)),
  );
}

const OBJECT_INSERT = new BatchedInsert(
  8,
  (rows) =>
    new PreparedQuery<never>((db) =>
      db
        .insertInto('prov_objects')
        .values(
          slots(rows, 8).map(([app, type, source, target, status, values, detail, at]) => ({
            application_id: app!,
            object_type: type!,
            source_id: source!,
            target_id: target!,
            status: status!,
            object_values: values!,
            detail: detail!,
            updated_at: at!,
          })),
        )
        .onConflict((c) =>
          c.columns(['application_id', 'object_type', 'source_id']).doUpdateSet((eb) => ({
            target_id: eb.ref('excluded.target_id'),
            status: eb.ref('excluded.status'),
            object_values: eb.ref('excluded.object_values'),
            detail: eb.ref('excluded.detail'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        ),
    ),
);

const MEMBERSHIP_INSERT = new BatchedInsert(
  3,
  (rows) =>
    new PreparedQuery<never>((db) =>
      db
        .insertInto('prov_memberships')
        .values(
          slots(rows, 3).map(([app, group, member]) => ({
            application_id: app!,
            group_id: group!,
            member_id: member!,
          })),
        )
        .onConflict((c) => c.doNothing()),
    ),
);

export class KyselyProvisioningStore implements ProvisioningStore {
  readonly #context: StoreContext;
  constructor(context: StoreContext) {
    this.#context = context;
  }

  #run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.#context.dialect, work);
  }

  #toJob(row: Database['prov_jobs']): ProvisioningJobRecord {
    return {
      applicationId: row.application_id,
      enabled: row.enabled === true || row.enabled === 1,
      config: this.#context.dialect.decodeJson(row.config),
      secret: row.secret,
      watermark: row.watermark === null ? undefined : Number(row.watermark),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  #toObject(row: Database['prov_objects']): ProvisionedObjectRecord {
    const { dialect } = this.#context;
    return {
      applicationId: row.application_id,
      objectType: row.object_type as ProvisionedObjectType,
      sourceId: row.source_id,
      targetId: row.target_id ?? undefined,
      status: row.status as ProvisionedStatus,
      values: dialect.decodeJson(row.object_values),
      detail: row.detail === null ? undefined : dialect.decodeJson(row.detail),
      updatedAt: row.updated_at,
    };
  }

  getJob(applicationId: string): Promise<ProvisioningJobRecord | undefined> {
    return this.#run(async () => {
      const row = await this.#context.db
        .selectFrom('prov_jobs')
        .selectAll()
        .where('application_id', '=', applicationId)
        .executeTakeFirst();
      return row === undefined ? undefined : this.#toJob(row);
    });
  }

  listJobs(): Promise<ProvisioningJobRecord[]> {
    return this.#run(async () => {
      const rows = await this.#context.db
        .selectFrom('prov_jobs')
        .selectAll()
        .orderBy('application_id')
        .execute();
      return rows.map((row) => this.#toJob(row));
    });
  }

  putJob(
    job: Omit<ProvisioningJobRecord, 'createdAt' | 'updatedAt'>,
    at: string,
  ): Promise<ProvisioningJobRecord> {
    const { dialect } = this.#context;
    const columns = {
      enabled: dialect.encodeBoolean(job.enabled),
      config: dialect.encodeJson(job.config),
      secret: job.secret,
      watermark: job.watermark ?? null,
      updated_at: at,
    };
    return this.#run(async () => {
      await this.#context.db
        .insertInto('prov_jobs')
        .values({ application_id: job.applicationId, created_at: at, ...columns })
        .onConflict((c) => c.column('application_id').doUpdateSet(columns))
        .execute();
      const stored = await this.getJob(job.applicationId);
      return stored!;
    });
  }

  setWatermark(applicationId: string, watermark: number | undefined, at: string): Promise<void> {
    return this.#run(async () => {
      await this.#context.db
        .updateTable('prov_jobs')
        .set({ watermark: watermark ?? null, updated_at: at })
        .where('application_id', '=', applicationId)
        .execute();
    });
  }

  deleteJob(applicationId: string): Promise<boolean> {
    return this.#run(() =>
      inTransaction(this.#context.db, async (db) => {
        await this.#clear(db, applicationId);
        await db.deleteFrom('prov_cycles').where('application_id', '=', applicationId).execute();
        const result = await db
          .deleteFrom('prov_jobs')
          .where('application_id', '=', applicationId)
          .executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      }),
    );
  }

  clearJobState(applicationId: string): Promise<void> {
    return this.#run(() => inTransaction(this.#context.db, (db) => this.#clear(db, applicationId)));
  }

  async #clear(db: StoreContext['db'], applicationId: string): Promise<void> {
    await db.deleteFrom('prov_objects').where('application_id', '=', applicationId).execute();
    await db.deleteFrom('prov_memberships').where('application_id', '=', applicationId).execute();
  }

  getObjects(
    applicationId: string,
    objectType: ProvisionedObjectType,
    sourceIds: readonly string[],
  ): Promise<Map<string, ProvisionedObjectRecord>> {
    return this.#run(async () => {
      const found = new Map<string, ProvisionedObjectRecord>();
      for (const part of chunk(sourceIds, 1, this.#context.dialect.maxParameters)) {
        const rows = await this.#context.db
          .selectFrom('prov_objects')
          .selectAll()
          .where('application_id', '=', applicationId)
          .where('object_type', '=', objectType)
          .where('source_id', 'in', part)
          .execute();
        for (const row of rows) found.set(row.source_id, this.#toObject(row));
      }
      return found;
    });
  }

  findObjectsByTargetId(
    applicationId: string,
    objectType: ProvisionedObjectType,
    targetIds: readonly string[],
  ): Promise<ProvisionedObjectRecord[]> {
    return this.#run(async () => {
      const found: ProvisionedObjectRecord[] = [];
      for (const part of chunk(targetIds, 1, this.#context.dialect.maxParameters)) {
        const rows = await this.#context.db
          .selectFrom('prov_objects')
          .selectAll()
          .where('application_id', '=', applicationId)
          .where('object_type', '=', objectType)
          .where('target_id', 'in', part)
          .execute();
        found.push(...rows.map((row) => this.#toObject(row)));
      }
      return found;
    });
  }

  putObjects(records: readonly Omit<ProvisionedObjectRecord, 'updatedAt'>[], at: string): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const { dialect } = this.#context;
    const rows = records.map((record) => [
      record.applicationId,
      record.objectType,
      record.sourceId,
      record.targetId ?? null,
      record.status,
      dialect.encodeJson(record.values),
      record.detail === undefined ? null : dialect.encodeJson(record.detail),
      at,
    ]);
    return this.#run(() => inTransaction(this.#context.db, (db) => OBJECT_INSERT.run({ db, dialect }, rows)));
  }

  deleteObjects(
    applicationId: string,
    objectType: ProvisionedObjectType,
    sourceIds: readonly string[],
  ): Promise<void> {
    return this.#run(async () => {
      for (const part of chunk(sourceIds, 1, this.#context.dialect.maxParameters)) {
        await this.#context.db
          .deleteFrom('prov_objects')
          .where('application_id', '=', applicationId)
          .where('object_type', '=', objectType)
          .where('source_id', 'in', part)
          .execute();
      }
    });
  }

  listObjects(
    applicationId: string,
    objectType: ProvisionedObjectType,
    page: PageRequest,
  ): Promise<Page<ProvisionedObjectRecord>> {
    return this.#run(async () => {
      const rows = await this.#objectsPage(applicationId, objectType, page).selectAll().execute();
      return keysetPage(
        rows,
        page.limit,
        (row) => this.#toObject(row),
        (object) => object.sourceId,
      );
    });
  }

  listObjectIds(
    applicationId: string,
    objectType: ProvisionedObjectType,
    page: PageRequest,
  ): Promise<Page<string>> {
    return this.#run(async () => {
      const rows = await this.#objectsPage(applicationId, objectType, page).select('source_id').execute();
      return keysetPage(
        rows,
        page.limit,
        (row) => row.source_id,
        (id) => id,
      );
    });
  }

  /** One keyset page of an application's shadow objects of one type, by source id (one row extra: is there more?). */
  #objectsPage(applicationId: string, objectType: ProvisionedObjectType, page: PageRequest) {
    let query = this.#context.db
      .selectFrom('prov_objects')
      .where('application_id', '=', applicationId)
      .where('object_type', '=', objectType);
    if (page.after !== undefined) query = query.where('source_id', '>', page.after);
    return query.orderBy('source_id').limit(page.limit + 1);
  }

  countObjects(
    applicationId: string,
    objectType: ProvisionedObjectType,
  ): Promise<Record<ProvisionedStatus, number>> {
    return this.#run(async () => {
      const rows = await this.#context.db
        .selectFrom('prov_objects')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
        .where('application_id', '=', applicationId)
        .where('object_type', '=', objectType)
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(PROVISIONED_STATUSES.map((s) => [s, 0])) as Record<
        ProvisionedStatus,
        number
      >;
      for (const row of rows) counts[row.status as ProvisionedStatus] = Number(row.count);
      return counts;
    });
  }

  listObjectIdsWithStatus(
    applicationId: string,
    objectType: ProvisionedObjectType,
    status: ProvisionedStatus,
    limit: number,
  ): Promise<string[]> {
    return this.#run(async () => {
      const rows = await this.#context.db
        .selectFrom('prov_objects')
        .select('source_id')
        .where('application_id', '=', applicationId)
        .where('object_type', '=', objectType)
        .where('status', '=', status)
        .orderBy('updated_at')
        .orderBy('source_id')
        .limit(limit)
        .execute();
      return rows.map((row) => row.source_id);
    });
  }

  setObjectStatus(
    applicationId: string,
    objectType: ProvisionedObjectType,
    sourceId: string,
    status: ProvisionedStatus,
    detail: JsonObject | undefined,
    at: string,
  ): Promise<void> {
    const { dialect } = this.#context;
    return this.#run(async () => {
      await this.#context.db
        .updateTable('prov_objects')
        .set({ status, detail: detail === undefined ? null : dialect.encodeJson(detail), updated_at: at })
        .where('application_id', '=', applicationId)
        .where('object_type', '=', objectType)
        .where('source_id', '=', sourceId)
        .execute();
    });
  }

  getMemberships(
    applicationId: string,
    groupSourceId: string,
    among?: readonly string[],
  ): Promise<Set<string>> {
    return this.#run(async () => {
      const base = this.#context.db
        .selectFrom('prov_memberships')
        .select('member_id')
        .where('application_id', '=', applicationId)
        .where('group_id', '=', groupSourceId);
      const found = new Set<string>();
      if (among === undefined) {
        for (const row of await base.execute()) found.add(row.member_id);
        return found;
      }
      for (const part of chunk(among, 1, this.#context.dialect.maxParameters)) {
        for (const row of await base.where('member_id', 'in', part).execute()) found.add(row.member_id);
      }
      return found;
    });
  }

  addMemberships(
    applicationId: string,
    groupSourceId: string,
    memberSourceIds: readonly string[],
  ): Promise<void> {
    if (memberSourceIds.length === 0) return Promise.resolve();
    const rows = memberSourceIds.map((member) => [applicationId, groupSourceId, member]);
    return this.#run(() =>
      inTransaction(this.#context.db, (db) =>
        MEMBERSHIP_INSERT.run({ db, dialect: this.#context.dialect }, rows),
      ),
    );
  }

  removeMemberships(
    applicationId: string,
    groupSourceId: string,
    memberSourceIds: readonly string[],
  ): Promise<void> {
    return this.#run(async () => {
      for (const part of chunk(memberSourceIds, 1, this.#context.dialect.maxParameters)) {
        await this.#context.db
          .deleteFrom('prov_memberships')
          .where('application_id', '=', applicationId)
          .where('group_id', '=', groupSourceId)
          .where('member_id', 'in', part)
          .execute();
      }
    });
  }

  removeMembershipsOf(applicationId: string, sourceIds: readonly string[]): Promise<void> {
    return this.#run(async () => {
      for (const part of chunk(sourceIds, 2, this.#context.dialect.maxParameters)) {
        await this.#context.db
          .deleteFrom('prov_memberships')
          .where('application_id', '=', applicationId)
          .where((eb) => eb.or([eb('member_id', 'in', part), eb('group_id', 'in', part)]))
          .execute();
      }
    });
  }

  putCycle(cycle: CycleRecord): Promise<void> {
    const { dialect } = this.#context;
    const columns = {
      kind: cycle.kind,
      started_at: cycle.startedAt,
      finished_at: cycle.finishedAt ?? null,
      summary: dialect.encodeJson(cycle.summary),
    };
    return this.#run(async () => {
      await this.#context.db
        .insertInto('prov_cycles')
        .values({ id: cycle.id, application_id: cycle.applicationId, ...columns })
        .onConflict((c) => c.column('id').doUpdateSet(columns))
        .execute();
    });
  }

  listCycles(applicationId: string, limit: number): Promise<CycleRecord[]> {
    const { dialect } = this.#context;
    return this.#run(async () => {
      const rows = await this.#context.db
        .selectFrom('prov_cycles')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        applicationId: row.application_id,
        kind: row.kind as CycleRecord['kind'],
        startedAt: row.started_at,
        finishedAt: row.finished_at ?? undefined,
        summary: dialect.decodeJson(row.summary),
      }));
    });
  }
}

/** The first `limit` of `rows` (read with one extra) as a page, `next` the last item's key when there are more. */
function keysetPage<R, T>(
  rows: readonly R[],
  limit: number,
  toItem: (row: R) => T,
  keyOf: (item: T) => string,
): Page<T> {
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last !== undefined ? keyOf(last) : undefined };
}
