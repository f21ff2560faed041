import { sql } from 'kysely';
import type { SortValue } from '../base/position.js';
import { FilterSqlCompiler } from '../filter-sql/filter-sql-compiler.js';
import {
  escapeGlob,
  wrapPattern,
  type JsonLocation,
  type MatchOperator,
  type Sql,
} from '../filter-sql/sql-operand.js';

/** `$."k1"."k2"`: quoted keys, since extension URNs contain `:` and `.`. */
function jsonPath(keys: readonly string[]): string {
  return `$${keys.map((key) => `."${key.replace(/["\\]/g, (c) => `\\${c}`)}"`).join('')}`;
}

/**
 * SQLite: JSON through json_type/json_extract/json_each on the TEXT document; case folding by
 * the `scim_lower` function (JavaScript's toLowerCase, registered on the connection) since
 * SQLite's lower() folds ASCII only; case-exact patterns by GLOB since LIKE ignores ASCII case.
 */
export class SqliteFilterSqlCompiler extends FilterSqlCompiler {
  #type(location: JsonLocation): Sql {
    return this.#read('json_type', 'type', location);
  }

  #value(location: JsonLocation): Sql {
    return this.#read('json_extract', 'value', location);
  }

  /** An iterated element's `value` is JSON text only for objects and arrays: read keys of objects only. */
  #read(fn: 'json_type' | 'json_extract', column: 'type' | 'value', location: JsonLocation): Sql {
    const { element, keys } = location;
    if (element !== undefined && keys.length === 0) return sql.ref(`${element}.${column}`);
    const read = sql`${sql.raw(fn)}(${location.doc}, ${sql.lit(jsonPath(keys))})`;
    return element === undefined
      ? read
      : sql`(case when ${sql.ref(`${element}.type`)} = 'object' then ${read} end)`;
  }

  protected jsonIsString(location: JsonLocation): Sql {
    return sql`(${this.#type(location)} = 'text')`;
  }
  protected jsonIsNumber(location: JsonLocation): Sql {
    return sql`(${this.#type(location)} in ('integer', 'real'))`;
  }
  protected jsonIsBoolean(location: JsonLocation, value: boolean): Sql {
    return sql`(${this.#type(location)} = ${sql.lit(value ? 'true' : 'false')})`;
  }
  protected jsonIsObject(location: JsonLocation): Sql {
    return sql`(${this.#type(location)} = 'object')`;
  }
  protected jsonText(location: JsonLocation): Sql {
    return this.#value(location);
  }
  protected jsonNumber(location: JsonLocation): Sql {
    return this.#value(location);
  }

  protected jsonPresent(location: JsonLocation): Sql {
    const type = this.#type(location);
    const value = this.#value(location);
    const x = this.nextAlias('x');
    const xType = sql.ref(`${x}.type`);
    const xValue = sql.ref(`${x}.value`);
    const empty = sql`(${xType} = 'null' or (${xType} = 'text' and ${xValue} = '') or (${xType} in ('array', 'object') and ${xValue} in ('[]', '{}')))`;
    return sql`(case ${type} when 'text' then ${value} <> '' when 'array' then exists (select 1 from ${this.jsonElements(location, x)} where not ${empty}) when 'object' then ${value} <> '{}' when 'null' then 0 else ${type} is not null end)`;
  }

  protected jsonElements(location: JsonLocation, alias: string): Sql {
    const source =
      location.keys.length === 0
        ? sql`json_each(${location.doc})`
        : sql`json_each(${location.doc}, ${sql.lit(jsonPath(location.keys))})`;
    return sql`${source} as ${sql.raw(alias)}`;
  }
  protected elementDoc(alias: string): Sql {
    return sql.ref(`${alias}.value`);
  }
  protected elementIndex(alias: string): Sql {
    return sql.ref(`${alias}.key`);
  }

  protected lower(expr: Sql): Sql {
    return sql`scim_lower(${expr})`;
  }
  protected compareText(left: Sql, operator: '=' | '<' | '<=' | '>' | '>=', right: Sql): Sql {
    return sql`(${left} ${sql.raw(operator)} ${right})`;
  }
  protected caseExactMatch(expr: Sql, operator: MatchOperator, literal: string): Sql {
    return sql`(${expr} glob ${wrapPattern(escapeGlob(literal), operator, '*')})`;
  }
  protected versionText(): Sql {
    return sql`('W/"' || r.version || '"')`;
  }

  protected sortText(location: JsonLocation, caseExact: boolean): Sql {
    const value = this.#value(location);
    return sql`(case when ${this.#type(location)} = 'text' then ${caseExact ? value : this.lower(value)} end)`;
  }
  protected sortNumber(location: JsonLocation): Sql {
    return sql`(case when ${this.#type(location)} in ('integer', 'real') then ${this.#value(location)} end)`;
  }
  protected sortBoolean(location: JsonLocation): Sql {
    return sql`(case ${this.#type(location)} when 'true' then 1 when 'false' then 0 end)`;
  }
  protected collateSortText(expr: Sql): Sql {
    return expr;
  }
  protected bindSortValue(value: SortValue): Sql {
    return typeof value === 'boolean' ? sql`${value ? 1 : 0}` : sql`${value}`;
  }
}
