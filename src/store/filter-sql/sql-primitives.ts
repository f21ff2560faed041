import { sql, type RawBuilder } from 'kysely';
import {
  findSubAttribute,
  type AttributeDefinition,
  type AttributePath,
  type ResourceSchema,
} from '../../scim/index.js';
import type { SortValue } from '../base/position.js';
import type { ResourcePlan } from '../base/resource-plan.js';
import type { FilterCompilerOptions } from '../base/store-dialect.js';
import { UnsupportedQuery } from '../errors.js';
import { resolveTarget, type ColumnName } from './attribute-target.js';
import {
  escapeLike,
  wrapPattern,
  type JsonLocation,
  type MatchOperator,
  type Operand,
  type Sql,
} from './sql-operand.js';

export interface SortKey {
  readonly expr: RawBuilder<unknown>;
  /** The position's stored sort value as a parameter comparable with `expr`. */
  bind(value: SortValue): RawBuilder<unknown>;
}

/**
 * The engine primitives the filter compiler builds on (JSON access, text comparison, case
 * folding, patterns), the column mapping, and sort keys (RFC 7644 §3.4.2.3). Engines implement
 * the abstract members only.
 */
export abstract class SqlPrimitives {
  protected readonly tenantId: string;
  protected readonly schema: ResourceSchema;
  protected readonly plan: ResourcePlan;
  #aliases = 0;

  constructor(options: FilterCompilerOptions) {
    this.tenantId = options.tenantId;
    this.schema = options.schema;
    this.plan = options.plan;
  }

  // ── engine primitives ────────────────────────────────────────────────────────────────
  protected abstract jsonIsString(location: JsonLocation): Sql;
  protected abstract jsonIsNumber(location: JsonLocation): Sql;
  protected abstract jsonIsBoolean(location: JsonLocation, value: boolean): Sql;
  protected abstract jsonIsObject(location: JsonLocation): Sql;
  protected abstract jsonText(location: JsonLocation): Sql;
  protected abstract jsonNumber(location: JsonLocation): Sql;
  /** RFC 7644 `pr`: not null, not "", not an empty array/object, not an array of only such. */
  protected abstract jsonPresent(location: JsonLocation): Sql;
  /** A FROM item iterating the JSON array at `location` as `alias`. */
  protected abstract jsonElements(location: JsonLocation, alias: string): Sql;
  /** The document of the element iterated as `alias`. */
  protected abstract elementDoc(alias: string): Sql;
  /** The array index of the element iterated as `alias`. */
  protected abstract elementIndex(alias: string): Sql;
  protected abstract lower(expr: Sql): Sql;
  /** A text comparison in code-point order, whatever the database's collation. */
  protected abstract compareText(left: Sql, operator: '=' | '<' | '<=' | '>' | '>=', right: Sql): Sql;
  protected abstract caseExactMatch(expr: Sql, operator: MatchOperator, literal: string): Sql;
  protected abstract versionText(): Sql;
  /** Sort keys: the engine's text/number/boolean value of a JSON location, NULL when of another type. */
  protected abstract sortText(location: JsonLocation, caseExact: boolean): Sql;
  protected abstract sortNumber(location: JsonLocation): Sql;
  protected abstract sortBoolean(location: JsonLocation): Sql;
  /** Applies code-point collation to a text sort key. */
  protected abstract collateSortText(expr: Sql): Sql;
  protected abstract bindSortValue(value: SortValue): Sql;

  /** Case-insensitive LIKE on already lower-cased operands (escape `\`). */
  protected likeMatch(lowered: Sql, operator: MatchOperator, literal: string): Sql {
    const pattern = wrapPattern(escapeLike(literal.toLowerCase()), operator, '%');
    return sql`(${lowered} like ${pattern} escape '\\')`;
  }

  protected nextAlias(prefix: string): string {
    return `${prefix}${++this.#aliases}`;
  }

  /** NOT of a condition that may be NULL (SQL's unknown): unknown counts as false first. */
  protected negate(condition: Sql): Sql {
    return sql`(not coalesce(${condition}, false))`;
  }

  protected coalesce(condition: Sql): Sql {
    return sql`coalesce(${condition}, false)`;
  }

  protected columnOperand(column: ColumnName): Operand {
    switch (column) {
      case 'id':
        return { kind: 'text', expr: sql`r.id` };
      case 'external_id':
        return { kind: 'text', expr: sql`r.external_id` };
      case 'unique':
        return { kind: 'text', expr: sql`r.unique_value`, lower: sql`r.unique_lower` };
      case 'created':
        return { kind: 'text', expr: sql`r.created` };
      case 'last_modified':
        return { kind: 'text', expr: sql`r.last_modified` };
      case 'version':
        return { kind: 'text', expr: this.versionText() };
    }
  }

  // ── sorting ─────────────────────────────────────────────────────────────────────────
  /** RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first. */
  sortKey(path: AttributePath): SortKey {
    const target = resolveTarget(path, this.schema, this.plan);
    const bind = (value: SortValue) => this.bindSortValue(value);
    const key = (expr: Sql): SortKey => ({ expr, bind });
    switch (target.kind) {
      case 'absent':
        throw new UnsupportedQuery(`sortBy "${path.attribute}" names no attribute`);
      case 'membership':
        throw new UnsupportedQuery(`sortBy cannot use the derived attribute "${target.attribute}"`);
      case 'constant':
        return key(target.value === undefined ? sql`null` : sql.lit(target.value));
      case 'column': {
        const operand = this.columnOperand(target.column) as { expr: Sql; lower?: Sql };
        const exact = target.definition.caseExact || target.definition.type === 'dateTime';
        const text = exact ? operand.expr : (operand.lower ?? this.lower(operand.expr));
        return key(this.collateSortText(text));
      }
      case 'json':
        return key(this.jsonSortKey(target.keys, target.definition, path.subAttribute));
    }
  }

  protected jsonSortKey(
    keys: readonly string[],
    definition: AttributeDefinition,
    subAttribute: string | undefined,
  ): Sql {
    let sub: AttributeDefinition | undefined = definition;
    if (subAttribute !== undefined) sub = findSubAttribute(definition, subAttribute);
    else if (definition.type === 'complex')
      sub = definition.multiValued ? findSubAttribute(definition, 'value') : undefined;
    if (sub === undefined || sub.type === 'complex') {
      throw new UnsupportedQuery(`sortBy "${definition.name}" needs a sub-attribute`);
    }
    const location: JsonLocation = { doc: sql`r.data`, keys };
    const subKeys = sub === definition ? [] : [sub.name];
    if (!definition.multiValued) return this.typedSortKey({ ...location, keys: [...keys, ...subKeys] }, sub);
    const alias = this.nextAlias('s');
    const element: JsonLocation = { doc: this.elementDoc(alias), keys: [], element: alias };
    const index = this.elementIndex(alias);
    const order =
      definition.type === 'complex'
        ? sql`${this.coalesce(this.jsonIsBoolean({ ...element, keys: ['primary'] }, true))} desc, ${index}`
        : index;
    const value = this.typedSortKey({ ...element, keys: subKeys }, sub);
    return sql`(select ${value} from ${this.jsonElements(location, alias)} order by ${order} limit 1)`;
  }

  protected typedSortKey(location: JsonLocation, definition: AttributeDefinition): Sql {
    switch (definition.type) {
      case 'integer':
      case 'decimal':
        return this.sortNumber(location);
      case 'boolean':
        return this.sortBoolean(location);
      case 'string':
      case 'reference':
        return this.collateSortText(this.sortText(location, definition.caseExact));
      default:
        return this.collateSortText(this.sortText(location, true));
    }
  }
}
