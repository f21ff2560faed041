import type { Compilable, Kysely } from 'kysely';
import type { Database } from '../database.js';
import { executeCompiled } from './immediate-reads.js';
import type { HotStatementOptions, StoreDialect } from './store-dialect.js';

/**
 * Placeholder values the query is built with: unique strings no client value is compared with
 * before substitution, so each bound parameter is traced back to its argument by value.
 */
const SLOT = '\u0000scimsync-slot:';

/** The value standing for argument `index` while a prepared query is built. */
export function slot(index: number): string {
  return `${SLOT}${index}`;
}

interface Compiled {
  readonly query: ReturnType<Compilable['compile']>;
  /** For each bound parameter: the argument index it takes, or -1 for a constant of the query. */
  readonly slots: readonly number[];
}

/**
 * A query built and compiled by Kysely once per engine, then executed with new arguments: a
 * hot path (a user by id, an insert) skips building the operation tree and compiling SQL on
 * every request. The SQL text is also what SQLite's statement cache and PostgreSQL's protocol
 * see each time, so both reuse their plans. One definition serves both engines.
 *
 * @example
 * const byId = new PreparedQuery((db) =>
 *   db.selectFrom('scim_resources').selectAll().where('tenant_id', '=', slot(0)).where('id', '=', slot(1)));
 * const rows = await byId.execute(context, [tenantId, id]);
 */
export class PreparedQuery<Row> {
  readonly #build: (db: Kysely<Database>) => Compilable<Row>;
  readonly #options: HotStatementOptions;
  // Keyed by dialect: one compiled form per engine, shared by every store and transaction.
  readonly #compiled = new Map<StoreDialect, Compiled>();

  constructor(build: (db: Kysely<Database>) => Compilable<Row>, options: HotStatementOptions = {}) {
    this.#build = build;
    this.#options = options;
  }

  async execute(
    context: { readonly db: Kysely<Database>; readonly dialect: StoreDialect },
    args: readonly unknown[],
  ): Promise<{ rows: Row[]; numAffectedRows: bigint | undefined }> {
    const compiled = this.#compile(context);
    const parameters = compiled.slots.map((index, i) =>
      index < 0 ? compiled.query.parameters[i] : args[index],
    );
    const result = await executeCompiled<Row>(context.db, { ...compiled.query, parameters });
    return { rows: result.rows, numAffectedRows: result.numAffectedRows };
  }

  #compile(context: { readonly db: Kysely<Database>; readonly dialect: StoreDialect }): Compiled {
    let compiled = this.#compiled.get(context.dialect);
    if (compiled === undefined) {
      const query = this.#build(context.db).compile();
      const slots = query.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(SLOT) ? Number(value.slice(SLOT.length)) : -1,
      );
      compiled = { query, slots };
      context.dialect.hotStatement?.(query.sql, this.#options);
      this.#compiled.set(context.dialect, compiled);
    }
    return compiled;
  }
}

/**
 * One prepared query per argument count, built on first use: IN lists and multi-row inserts have
 * one SQL text per length, so callers keep to a few lengths (pad, or chunk to a fixed size).
 *
 * @example
 * const byIds = preparedPerCount((count) => (db) =>
 *   db.selectFrom('scim_resources').select('id').where('id', 'in', Array.from({ length: count }, (_, i) => slot(i))));
 * await byIds(ids.length).execute(context, ids);
 */
export function preparedPerCount<Row>(
  build: (count: number) => (db: Kysely<Database>) => Compilable<Row>,
): (count: number) => PreparedQuery<Row> {
  const queries = new Map<number, PreparedQuery<Row>>();
  return (count) => {
    let query = queries.get(count);
    if (query === undefined) queries.set(count, (query = new PreparedQuery(build(count))));
    return query;
  };
}

/**
 * `count` rows of slots for a multi-row insert: row r's column i takes argument r × width + i,
 * so the arguments are each row's values in `columns` order, row after row.
 */
export function slotRows<Column extends string>(
  columns: readonly Column[],
  count: number,
): Record<Column, string>[] {
  return Array.from(
    { length: count },
    (_, row) =>
      Object.fromEntries(columns.map((column, i) => [column, slot(row * columns.length + i)])) as Record<
        Column,
        string
      >,
  );
}

/**
 * `items` in chunks of at most `largest`, each padded by repeating its last item to the prepared
 * length `lengthFor` gives it: for statements a repeat does not change (an IN list, an insert that
 * skips rows already present), so a few prepared lengths serve every count.
 */
export function paddedChunks<T>(
  items: readonly T[],
  largest: number,
  lengthFor: (length: number) => number,
): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += largest) {
    const part = items.slice(start, start + largest);
    const length = lengthFor(part.length);
    while (part.length < length) part.push(part[part.length - 1]!);
    chunks.push(part);
  }
  return chunks;
}
