import type { JsonObject, ResourceSchema } from '../../scim/index.js';
import type {
  ApplicationRecord,
  Page,
  PageRequest,
  ProvisionedObjectType,
  ProvisioningStore,
} from '../../store/index.js';
import type { JobConfig } from '../job/index.js';
import type { CompiledObjectMapping, MapContext, TargetRules } from '../mapping/index.js';
import type { PathOperation } from '../planner/index.js';
import {
  BulkCreates,
  DEFAULT_BULK_BATCH,
  type ResourceCreator,
  type ScimClient,
} from '../scim-client/index.js';
import type { ProvisioningSource } from '../source/index.js';
import { REDACTED, type CycleEvent, type ObjectAction, type ObjectOutcome } from './cycle-events.js';
import { ShadowWriter } from './shadow-writer.js';

export interface CycleClock {
  now(): Date;
  random(): number;
  newGuid(): string;
}

export interface Counters {
  created: number;
  updated: number;
  disabled: number;
  deleted: number;
  skipped: number;
  failed: number;
  membersAdded: number;
  membersRemoved: number;
}

export interface ObjectKindContext {
  readonly type: ProvisionedObjectType;
  readonly endpoint: 'Users' | 'Groups';
  readonly mapping: CompiledObjectMapping;
  readonly schema: ResourceSchema;
  /** Target paths mapped "always" (what update cycles keep in sync). */
  readonly alwaysPaths: readonly string[];
  readonly enabled: boolean;
  readonly actions: { readonly create: boolean; readonly update: boolean; readonly delete: boolean };
}

/** Everything one cycle works with; phases share it. */
export class CycleContext {
  readonly counters: Counters = {
    created: 0,
    updated: 0,
    disabled: 0,
    deleted: 0,
    skipped: 0,
    failed: 0,
    membersAdded: 0,
    membersRemoved: 0,
  };
  /** Links made in this cycle (source id → target id), before the shadow is flushed. */
  readonly links = new Map<string, string>();
  /** Users whose manager could not be resolved when they were written: set in the references phase. */
  readonly pendingReferences = new Set<string>();
  /** Groups whose whole membership must be synced (new links), and single (group, member) pairs to check. */
  readonly fullMemberSync = new Set<string>();
  readonly memberPairs = new Map<string, Set<string>>();
  /** Users linked or re-enabled in this cycle: their groups' memberships are checked. */
  readonly newlyLinkedUsers = new Set<string>();
  readonly reenabledUsers = new Set<string>();
  /** Groups whose membership PATCH failed: marked failed at the end of the cycle so the next one retries. */
  readonly failedGroups = new Set<string>();
  /** Work that must wait until memberships are synced (deleting a group that was recreated). */
  readonly afterMembers: (() => Promise<void>)[] = [];
  readonly shadow: ShadowWriter;
  readonly mapContext: MapContext;
  /** Where creations go: through /Bulk when the job and the target allow it, else the client. */
  readonly creates: ResourceCreator;
  /**
   * Objects of a page worked on at once. With Bulk creations, enough for a full Bulk request per
   * request in flight; the client still bounds what is in flight.
   */
  readonly workers: number;

  constructor(
    readonly cycleId: string,
    readonly app: ApplicationRecord,
    readonly config: JobConfig,
    readonly rules: TargetRules,
    readonly store: ProvisioningStore,
    readonly source: ProvisioningSource,
    readonly client: ScimClient,
    readonly users: ObjectKindContext,
    readonly groups: ObjectKindContext,
    readonly clock: CycleClock,
    readonly emit: (event: CycleEvent) => void,
  ) {
    this.shadow = new ShadowWriter(store, () => clock.now().toISOString());
    const { concurrency, bulkCreates } = config.options;
    const bulk = bulkCreates === 'auto' && rules.bulk === 'discover';
    this.creates = bulk ? new BulkCreates(client, { inFlight: concurrency }) : client;
    this.workers = bulk ? concurrency * DEFAULT_BULK_BATCH : concurrency;
    this.mapContext = {
      now: () => clock.now(),
      random: () => clock.random(),
      newGuid: () => clock.newGuid(),
      resolveReference: (sourceId) => this.links.get(sourceId),
    };
  }

  get applicationId(): string {
    return this.app.id;
  }

  kind(type: ProvisionedObjectType): ObjectKindContext {
    return type === 'user' ? this.users : this.groups;
  }

  /** Counts and reports one object's outcome. */
  report(
    type: ProvisionedObjectType,
    object: { sourceId: string; displayName: string; targetId: string | undefined },
    action: ObjectAction,
    outcome: ObjectOutcome,
    details: {
      code?: string;
      message?: string;
      changes?: readonly PathOperation[];
      redacted?: ReadonlySet<string> | undefined;
    } = {},
  ): void {
    if (outcome === 'Failure') this.counters.failed++;
    else if (outcome === 'Skipped') this.counters.skipped++;
    else if (action === 'Create') this.counters.created++;
    else if (action === 'Update') this.counters.updated++;
    else if (action === 'Disable') this.counters.disabled++;
    else if (action === 'Delete') this.counters.deleted++;
    const redacted = details.redacted;
    const changes =
      details.changes === undefined || redacted === undefined || redacted.size === 0
        ? details.changes
        : details.changes.map((op) =>
            redacted.has(op.path) && op.value !== undefined ? { ...op, value: REDACTED } : op,
          );
    this.emit({
      type: 'object',
      cycleId: this.cycleId,
      objectType: type,
      sourceId: object.sourceId,
      displayName: object.displayName,
      targetId: object.targetId,
      action,
      outcome,
      ...(details.code === undefined ? {} : { code: details.code }),
      ...(details.message === undefined ? {} : { message: details.message }),
      ...(changes === undefined ? {} : { changes }),
    });
  }

  addMemberPair(groupId: string, memberId: string): void {
    const set = this.memberPairs.get(groupId) ?? new Set<string>();
    set.add(memberId);
    this.memberPairs.set(groupId, set);
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function forEachConcurrent<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(runners);
}

export function displayNameOf(object: JsonObject, type: ProvisionedObjectType): string {
  const name = type === 'user' ? (object.userPrincipalName ?? object.displayName) : object.displayName;
  return typeof name === 'string' ? name : '';
}

/** Every page of a keyset-paged listing, one after the other. */
export async function* pages<T>(
  list: (request: PageRequest) => Promise<Page<T>>,
  limit: number,
): AsyncGenerator<readonly T[]> {
  let after: string | undefined;
  do {
    const page = await list({ limit, ...(after === undefined ? {} : { after }) });
    yield page.items;
    after = page.next;
  } while (after !== undefined);
}
