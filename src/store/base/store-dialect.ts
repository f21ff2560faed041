import type { Kysely } from 'kysely';
import type { JsonObject, ResourceSchema } from '../../scim/index.js';
import type { Database, ScimMultiValuesTable, ScimResourceRow } from '../database.js';
import type { GroupMember } from '../store.js';
import type { FilterSqlCompiler } from '../filter-sql/filter-sql-compiler.js';
import type { ResourcePlan } from './resource-plan.js';
import type { StoreCapabilities } from '../store.js';

export type StoreEngine = StoreCapabilities['engine'];

/** A driver error the store knows how to explain. */
export type DriverFailure =
  | { readonly kind: 'unique'; readonly constraint: string }
  | { readonly kind: 'foreignKey'; readonly constraint: string };

/**
 * What differs between engines, as data and small functions (kysely's DialectAdapter pattern):
 * shared store code asks these instead of checking which engine runs.
 */
export interface StoreDialect {
  readonly capabilities: StoreCapabilities;
  /** Bound parameters one statement may carry (SQLite's limit is 32766, PostgreSQL's 65535). */
  readonly maxParameters: number;
  /** Read-modify-write needs `FOR UPDATE`; SQLite's immediate transactions already exclude writers. */
  readonly lockRowsForUpdate: boolean;
  /**
   * An UPDATE rewrites the index entries of every column it sets, even to an equal value
   * (SQLite), so updates set only the columns that changed; PostgreSQL compares the values itself.
   */
  readonly indexesRewrittenWhenSet: boolean;
  encodeJson(value: JsonObject): unknown;
  decodeJson(value: unknown): JsonObject;
  encodeBoolean(value: boolean | null): unknown;
  /** The driver error as a failure kind, or undefined for errors the store does not explain. */
  classifyError(error: unknown): DriverFailure | undefined;
  createFilterCompiler(options: FilterCompilerOptions): FilterSqlCompiler;
  /**
   * Told the SQL of each statement the store runs often (prepared queries, learnt filter
   * shapes), so the engine can keep it parsed and planned (PostgreSQL names it); absent where the
   * driver caches statements by itself (SQLite).
   */
  readonly hotStatement?: (sql: string, options?: HotStatementOptions) => void;
  /**
   * Member adds and removals of one group with its version bump as one statement, so the group's
   * row lock is held for one round trip; absent where writers are serialised anyway (SQLite).
   */
  readonly updateMembersAtomically?: AtomicMemberUpdate;
  /** A resource row and its multi-values as one statement; absent where a round trip costs little (SQLite). */
  readonly insertResourceAtomically?: (
    db: Kysely<Database>,
    row: ScimResourceRow,
    multiValues: readonly ScimMultiValuesTable[],
  ) => Promise<void>;
}

export interface HotStatementOptions {
  /**
   * No caller reads the statement's result inside a transaction, and its failure may surface at
   * the transaction's next statement instead (PostgreSQL then sends it with that statement).
   */
  readonly resultUnused?: boolean;
}

export interface AtomicMemberUpdateResult {
  /** The group's row: after the update when `written`, else as it is. */
  readonly row: ScimResourceRow;
  readonly written: boolean;
}

/**
 * Applies `remove` then `add` (disjoint) to a group that exists and, given `expectedVersion`, is
 * at that version; bumps the version when a member changed. Undefined when there is no such group.
 */
export type AtomicMemberUpdate = (
  db: Kysely<Database>,
  update: {
    readonly tenantId: string;
    readonly groupId: string;
    readonly resourceType: string;
    readonly expectedVersion: number | undefined;
    readonly remove: readonly string[];
    readonly add: readonly GroupMember[];
    /** Canonical. */
    readonly lastModified: string;
  },
) => Promise<AtomicMemberUpdateResult | undefined>;

export interface FilterCompilerOptions {
  readonly tenantId: string;
  readonly schema: ResourceSchema;
  /** The store's write plan for the same resource type (which multi-valued attributes are indexed). */
  readonly plan: ResourcePlan;
}

/** What every table store needs: the (possibly transactional) connection and the engine's dialect. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
}

/** Runs `work` in a transaction, or directly when `db` already is one. */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Splits `items` so that each chunk binds at most `maxParameters` values at `perItem` each. */
export function chunk<T>(items: readonly T[], perItem: number, maxParameters: number): T[][] {
  const size = Math.max(1, Math.floor((maxParameters - 16) / perItem));
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
