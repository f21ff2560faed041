import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  findSubAttribute,
  type AttributeDefinition,
  type AttributePath,
  type ComparisonFilter,
  type ComparisonOperator,
  type Filter,
  type ValuePathFilter,
} from '../../scim/index.js';
import { canonicalDateTime } from '../base/resource-plan.js';
import { UnsupportedQuery } from '../errors.js';
import { resolveTarget } from './attribute-target.js';
import { compareConstant } from './compare-constant.js';
import type { JsonLocation, Operand, Sql } from './sql-operand.js';
import { SqlPrimitives } from './sql-primitives.js';

export type { SortKey } from './sql-primitives.js';

type TestOperator = Exclude<ComparisonOperator, 'ne'>;
type Literal = string | number | boolean;

/** The elements a multi-valued attribute has, and how to test "some element satisfies". */
interface ElementSet {
  some(condition: (scope: ElementScope) => Sql): Sql;
}

/** Sub-attributes of one element (inside `attr[...]`, or `attr.sub` of a multi-valued attr). */
interface ElementScope {
  readonly parent: AttributeDefinition;
  /** The operand of a sub-attribute, undefined when elements cannot have it. */
  operand(sub: AttributeDefinition): Operand | undefined;
  /** The element is a JSON object (guards `not` inside `[...]`). */
  readonly isObject: Sql;
}

const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

/**
 * Translates the SCIM filter AST (RFC 7644 §3.4.2.2) to a WHERE condition over `scim_resources
 * AS r`, with the same semantics as the in-memory `evaluateFilter` given the same schema: every
 * condition is two-valued (never SQL NULL), so `not` and `ne` include resources lacking the
 * attribute. Engines override the JSON, text and pattern primitives only.
 */
export abstract class FilterSqlCompiler extends SqlPrimitives {
  // ── filters ─────────────────────────────────────────────────────────────────────────
  compile(filter: Filter): RawBuilder<SqlBool> {
    return this.node(filter, undefined) as RawBuilder<SqlBool>;
  }

  protected node(filter: Filter, scope: ElementScope | undefined): Sql {
    switch (filter.kind) {
      case 'logical': {
        const left = this.node(filter.left, scope);
        const right = this.node(filter.right, scope);
        return filter.operator === 'and' ? sql`(${left} and ${right})` : sql`(${left} or ${right})`;
      }
      case 'not':
        return this.negate(this.node(filter.filter, scope));
      case 'present':
        return scope === undefined ? this.presence(filter.path) : this.elementPresence(filter.path, scope);
      case 'comparison':
        return this.comparison(filter, scope);
      case 'valuePath':
        if (scope !== undefined) throw new UnsupportedQuery('a value filter cannot be nested in another');
        return this.valuePath(filter);
    }
  }

  protected comparison(node: ComparisonFilter, scope: ElementScope | undefined): Sql {
    const { path, operator, value } = node;
    if (value === null) {
      if (operator !== 'eq' && operator !== 'ne') return FALSE;
      const present = scope === undefined ? this.presence(path) : this.elementPresence(path, scope);
      return operator === 'ne' ? present : this.negate(present);
    }
    const test = operator === 'ne' ? 'eq' : operator;
    const positive =
      scope === undefined
        ? this.topComparison(path, test, value)
        : this.elementComparison(path, scope, test, value);
    return operator === 'ne' ? this.negate(positive) : positive;
  }

  protected topComparison(path: AttributePath, operator: TestOperator, literal: Literal): Sql {
    const target = resolveTarget(path, this.schema, this.plan);
    switch (target.kind) {
      case 'absent':
        return FALSE;
      case 'constant': {
        if (target.value === undefined) return FALSE;
        checkOrdering(target.definition, operator);
        return compareConstant(target.value, target.definition, operator, literal) ? TRUE : FALSE;
      }
      case 'column':
        checkOrdering(target.definition, operator);
        return this.test(this.columnOperand(target.column), target.definition, operator, literal);
      case 'membership':
      case 'json': {
        const { attribute, sub } = this.effectiveSub(target.definition, path.subAttribute);
        if (sub === undefined) return FALSE;
        checkOrdering(sub, operator);
        if (target.kind === 'membership') {
          return this.membership(target.attribute, target.definition).some((scope) =>
            this.testScope(scope, sub, operator, literal),
          );
        }
        const location: JsonLocation = { doc: sql`r.data`, keys: target.keys };
        if (attribute === undefined) return this.test({ kind: 'json', location }, sub, operator, literal);
        if (!attribute.multiValued) {
          return this.test(
            { kind: 'json', location: { ...location, keys: [...target.keys, sub.name] } },
            sub,
            operator,
            literal,
          );
        }
        if (
          target.indexed !== undefined &&
          sub.name === 'value' &&
          typeof literal === 'string' &&
          sub.type === 'string'
        ) {
          return this.indexedValues(target.indexed.key, [
            (columns) => this.test(columns.value, sub, operator, literal),
          ]);
        }
        return this.jsonElementSet(location, attribute).some((scope) =>
          this.testScope(scope, sub, operator, literal),
        );
      }
    }
  }

  /**
   * The attribute whose elements are iterated (undefined for a simple attribute) and the
   * definition compared: the sub-attribute, or `value` for a complex attribute named alone.
   */
  protected effectiveSub(
    definition: AttributeDefinition,
    subAttribute: string | undefined,
  ): { attribute: AttributeDefinition | undefined; sub: AttributeDefinition | undefined } {
    if (definition.type !== 'complex') {
      if (subAttribute !== undefined) return { attribute: undefined, sub: undefined };
      return definition.multiValued
        ? { attribute: definition, sub: definition }
        : { attribute: undefined, sub: definition };
    }
    return { attribute: definition, sub: findSubAttribute(definition, subAttribute ?? 'value') };
  }

  protected testScope(
    scope: ElementScope,
    sub: AttributeDefinition,
    operator: TestOperator,
    literal: Literal,
  ): Sql {
    const operand = scope.operand(sub);
    return operand === undefined ? FALSE : this.test(operand, sub, operator, literal);
  }

  protected elementComparison(
    path: AttributePath,
    scope: ElementScope,
    operator: TestOperator,
    literal: Literal,
  ): Sql {
    const sub = path.subAttribute === undefined ? findSubAttribute(scope.parent, path.attribute) : undefined;
    if (sub === undefined) return FALSE;
    checkOrdering(sub, operator);
    return this.testScope(scope, sub, operator, literal);
  }

  /** One operand against one literal (compile-value-test.ts in SQL); NULL only for a NULL column. */
  protected test(
    operand: Operand,
    definition: AttributeDefinition,
    operator: TestOperator,
    literal: Literal,
  ): Sql {
    if (operand.kind === 'constant') {
      return compareConstant(operand.value, definition, operator, literal) ? TRUE : FALSE;
    }
    if (typeof literal === 'boolean') {
      if (operator !== 'eq' || operand.kind !== 'json') return FALSE;
      return this.coalesce(this.jsonIsBoolean(operand.location, literal));
    }
    if (typeof literal === 'number') {
      if (operator === 'co' || operator === 'sw' || operator === 'ew' || operand.kind !== 'json')
        return FALSE;
      const number = this.jsonNumber(operand.location);
      return this.coalesce(
        sql`(${this.jsonIsNumber(operand.location)} and ${number} ${sql.raw(SQL_OPERATORS[operator])} ${literal})`,
      );
    }
    const text = operand.kind === 'json' ? this.jsonText(operand.location) : operand.expr;
    const lowered = operand.kind === 'text' && operand.lower !== undefined ? operand.lower : this.lower(text);
    const condition = this.stringTest(text, lowered, definition, operator, literal);
    // A column comparison stays bare so the engine can use the column's index; it is NULL only
    // when the column is, and NULL acts as false everywhere but under NOT, which negate() guards.
    return operand.kind === 'json'
      ? this.coalesce(sql`(${this.jsonIsString(operand.location)} and ${condition})`)
      : condition;
  }

  protected stringTest(
    text: Sql,
    lowered: Sql,
    definition: AttributeDefinition,
    operator: TestOperator,
    literal: string,
  ): Sql {
    if (operator === 'co' || operator === 'sw' || operator === 'ew') {
      return definition.caseExact
        ? this.caseExactMatch(text, operator, literal)
        : this.likeMatch(lowered, operator, literal);
    }
    const instant = definition.type === 'dateTime' ? canonicalDateTime(literal) : undefined;
    if (instant !== undefined) return this.compareText(text, SQL_OPERATORS[operator], sql`${instant}`);
    return definition.caseExact
      ? this.compareText(text, SQL_OPERATORS[operator], sql`${literal}`)
      : this.compareText(lowered, SQL_OPERATORS[operator], sql`${literal.toLowerCase()}`);
  }

  // ── presence ────────────────────────────────────────────────────────────────────────
  protected presence(path: AttributePath): Sql {
    const target = resolveTarget(path, this.schema, this.plan);
    switch (target.kind) {
      case 'absent':
        return FALSE;
      case 'constant':
        return TRUE;
      case 'column': {
        if (target.column !== 'external_id' && target.column !== 'unique') return TRUE;
        const { expr } = this.columnOperand(target.column) as { expr: Sql };
        return this.coalesce(sql`(${expr} <> '')`);
      }
      case 'membership': {
        const sub =
          path.subAttribute === undefined
            ? undefined
            : findSubAttribute(target.definition, path.subAttribute);
        if (path.subAttribute !== undefined && sub === undefined) return FALSE;
        return this.membership(target.attribute, target.definition).some((scope) => {
          if (sub === undefined) return TRUE;
          const operand = scope.operand(sub);
          return operand === undefined || operand.kind !== 'text'
            ? FALSE
            : this.coalesce(sql`(${operand.expr} <> '')`);
        });
      }
      case 'json': {
        const location: JsonLocation = { doc: sql`r.data`, keys: target.keys };
        if (path.subAttribute === undefined) return this.jsonPresent(location);
        const sub = findSubAttribute(target.definition, path.subAttribute);
        if (sub === undefined) return FALSE;
        if (!target.definition.multiValued)
          return this.jsonPresent({ ...location, keys: [...target.keys, sub.name] });
        return this.jsonElementSet(location, target.definition).some((scope) => {
          const operand = scope.operand(sub);
          return operand?.kind === 'json' ? this.jsonPresent(operand.location) : FALSE;
        });
      }
    }
  }

  protected elementPresence(path: AttributePath, scope: ElementScope): Sql {
    const sub = path.subAttribute === undefined ? findSubAttribute(scope.parent, path.attribute) : undefined;
    const operand = sub === undefined ? undefined : scope.operand(sub);
    if (operand === undefined) return FALSE;
    if (operand.kind === 'json') return this.jsonPresent(operand.location);
    if (operand.kind === 'constant') return operand.value === '' ? FALSE : TRUE;
    return this.coalesce(sql`(${operand.expr} <> '')`);
  }

  // ── value filters and element sets ──────────────────────────────────────────────────
  protected valuePath(node: ValuePathFilter): Sql {
    const target = resolveTarget(node.path, this.schema, this.plan);
    if (node.path.subAttribute !== undefined) return FALSE;
    if (target.kind === 'membership') {
      return this.membership(target.attribute, target.definition).some((scope) =>
        this.node(node.filter, scope),
      );
    }
    if (target.kind !== 'json' || target.definition.type !== 'complex') return FALSE;
    const location: JsonLocation = { doc: sql`r.data`, keys: target.keys };
    if (!target.definition.multiValued) {
      const scope = this.jsonScope(location, target.definition);
      return this.coalesce(sql`(${scope.isObject} and ${this.node(node.filter, scope)})`);
    }
    if (target.indexed !== undefined) {
      const indexed = this.indexedValueFilter(target.definition, node.filter);
      if (indexed !== undefined) return this.indexedValues(target.indexed.key, indexed);
    }
    return this.jsonElementSet(location, target.definition).some(
      (scope) => sql`(${this.coalesce(scope.isObject)} and ${this.node(node.filter, scope)})`,
    );
  }

  protected jsonScope(location: JsonLocation, parent: AttributeDefinition): ElementScope {
    return {
      parent,
      isObject: this.jsonIsObject(location),
      operand: (sub) => ({ kind: 'json', location: { ...location, keys: [...location.keys, sub.name] } }),
    };
  }

  protected jsonElementSet(location: JsonLocation, attribute: AttributeDefinition): ElementSet {
    return {
      some: (condition) => {
        const alias = this.nextAlias('e');
        const element: JsonLocation = { doc: this.elementDoc(alias), keys: [], element: alias };
        const scope: ElementScope =
          attribute.type === 'complex'
            ? this.jsonScope(element, attribute)
            : { parent: attribute, isObject: FALSE, operand: () => ({ kind: 'json', location: element }) };
        return sql`exists (select 1 from ${this.jsonElements(location, alias)} where ${condition(scope)})`;
      },
    };
  }

  /** Members of a group (`members`) or groups of a user (`groups`): rows of scim_group_members. */
  protected membership(attribute: 'groups' | 'members', definition: AttributeDefinition): ElementSet {
    return {
      some: (condition) => {
        const m = this.nextAlias('m');
        const g = this.nextAlias('g');
        const ref = (column: string) => sql.ref(`${m}.${column}`);
        if (attribute === 'members') {
          const scope = this.columnScope(definition, {
            value: ref('member_id'),
            display: ref('display'),
            type: ref('member_type'),
          });
          return sql`r.id in (select ${ref('group_id')} from scim_group_members as ${sql.raw(m)} where ${ref('tenant_id')} = ${this.tenantId} and ${condition(scope)})`;
        }
        const scope = this.columnScope(definition, {
          value: ref('group_id'),
          display: sql.ref(`${g}.display_name`),
        });
        return sql`r.id in (select ${ref('member_id')} from scim_group_members as ${sql.raw(m)} join scim_resources as ${sql.raw(g)} on ${sql.ref(`${g}.tenant_id`)} = ${ref('tenant_id')} and ${sql.ref(`${g}.id`)} = ${ref('group_id')} where ${ref('tenant_id')} = ${this.tenantId} and ${condition(scope)})`;
      },
    };
  }

  protected columnScope(parent: AttributeDefinition, columns: Readonly<Record<string, Sql>>): ElementScope {
    return {
      parent,
      isObject: TRUE,
      operand: (sub) => {
        const expr = columns[sub.name];
        if (expr !== undefined) return { kind: 'text', expr };
        throw new UnsupportedQuery(`"${sub.name}" of a membership cannot be filtered on`);
      },
    };
  }

  /**
   * `attr[value op "x" and type eq "y"]` as conditions on scim_multi_values' columns, when the
   * value filter only reads string `value`s and `type`; undefined when it needs the JSON.
   */
  protected indexedValueFilter(
    attribute: AttributeDefinition,
    filter: Filter,
  ): ((columns: IndexedColumns) => Sql)[] | undefined {
    const parts: Filter[] = [];
    const stack: Filter[] = [filter];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.kind === 'logical' && current.operator === 'and') stack.push(current.left, current.right);
      else parts.push(current);
    }
    const conditions: ((columns: IndexedColumns) => Sql)[] = [];
    let readsValue = false;
    for (const part of parts) {
      if (
        part.kind !== 'comparison' ||
        typeof part.value !== 'string' ||
        part.path.subAttribute !== undefined
      )
        return undefined;
      const sub = findSubAttribute(attribute, part.path.attribute);
      const { operator, value } = part;
      if (sub === undefined || sub.type !== 'string' || operator === 'ne') return undefined;
      if (sub.name === 'value') {
        readsValue = true;
        conditions.push((columns) => this.test(columns.value, sub, operator, value));
      } else if (sub.name === 'type' && operator === 'eq' && !sub.caseExact) {
        conditions.push((columns) => this.coalesce(sql`(${columns.typeLower} = ${value.toLowerCase()})`));
      } else return undefined;
    }
    return readsValue ? conditions : undefined;
  }

  protected indexedValues(key: string, conditions: readonly ((columns: IndexedColumns) => Sql)[]): Sql {
    const v = this.nextAlias('v');
    const ref = (column: string) => sql.ref(`${v}.${column}`);
    const columns: IndexedColumns = {
      value: { kind: 'text', expr: ref('value'), lower: ref('value_lower') },
      typeLower: ref('type_lower'),
    };
    const where = sql.join(
      conditions.map((condition) => condition(columns)),
      sql` and `,
    );
    return sql`r.id in (select ${ref('resource_id')} from scim_multi_values as ${sql.raw(v)} where ${ref('tenant_id')} = ${this.tenantId} and ${ref('attribute')} = ${key} and ${where})`;
  }
}

export interface IndexedColumns {
  readonly value: Operand;
  readonly typeLower: Sql;
}

const SQL_OPERATORS = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function checkOrdering(definition: AttributeDefinition, operator: TestOperator): void {
  if (
    (definition.type === 'boolean' || definition.type === 'binary') &&
    (operator === 'gt' || operator === 'ge' || operator === 'lt' || operator === 'le')
  ) {
    throw new UnsupportedQuery(
      `"${operator}" cannot compare the ${definition.type} attribute "${definition.name}"`,
    );
  }
}
