import { sql } from 'kysely';
import type { SortValue } from '../base/position.js';
import { FilterSqlCompiler } from '../filter-sql/filter-sql-compiler.js';
import {
  escapeLike,
  wrapPattern,
  type JsonLocation,
  type MatchOperator,
  type Sql,
} from '../filter-sql/sql-operand.js';

/**
 * PostgreSQL: JSON through jsonb operators (`->`, `#>> '{}'`, jsonb_array_elements). Text
 * comparisons and sort keys use the "C" collation, so order is code-point order like the
 * in-memory evaluator's, whatever the database's locale. Casts sit inside CASE, since AND does
 * not guarantee that the type test runs first.
 */
export class PostgresFilterSqlCompiler extends FilterSqlCompiler {
  #json(location: JsonLocation): Sql {
    let expr = location.doc;
    for (const key of location.keys) expr = sql`${expr} -> ${sql.lit(key)}`;
    return location.keys.length === 0 ? expr : sql`(${expr})`;
  }

  protected jsonIsString(location: JsonLocation): Sql {
    return sql`(jsonb_typeof(${this.#json(location)}) = 'string')`;
  }
  protected jsonIsNumber(location: JsonLocation): Sql {
    return sql`(jsonb_typeof(${this.#json(location)}) = 'number')`;
  }
  protected jsonIsBoolean(location: JsonLocation, value: boolean): Sql {
    return sql`(${this.#json(location)} = ${sql.lit(value ? 'true' : 'false')}::jsonb)`;
  }
  protected jsonIsObject(location: JsonLocation): Sql {
    return sql`(jsonb_typeof(${this.#json(location)}) = 'object')`;
  }
  protected jsonText(location: JsonLocation): Sql {
    return sql`(${this.#json(location)} #>> '{}')`;
  }
  protected jsonNumber(location: JsonLocation): Sql {
    const json = this.#json(location);
    return sql`(case when jsonb_typeof(${json}) = 'number' then (${json})::numeric end)`;
  }

  protected jsonPresent(location: JsonLocation): Sql {
    const json = this.#json(location);
    const x = this.nextAlias('x');
    return sql`(case when ${json} is null then false else (case jsonb_typeof(${json}) when 'null' then false when 'string' then ${json} <> '""'::jsonb when 'object' then ${json} <> '{}'::jsonb when 'array' then exists (select 1 from jsonb_array_elements(${json}) as ${sql.raw(x)}(value) where ${sql.ref(`${x}.value`)} not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)) else true end) end)`;
  }

  protected jsonElements(location: JsonLocation, alias: string): Sql {
    const json = this.#json(location);
    return sql`jsonb_array_elements(case when jsonb_typeof(${json}) = 'array' then ${json} else '[]'::jsonb end) with ordinality as ${sql.raw(alias)}(value, ordinal)`;
  }
  protected elementDoc(alias: string): Sql {
    return sql.ref(`${alias}.value`);
  }
  protected elementIndex(alias: string): Sql {
    return sql.ref(`${alias}.ordinal`);
  }

  protected lower(expr: Sql): Sql {
    return sql`lower(${expr})`;
  }
  protected compareText(left: Sql, operator: '=' | '<' | '<=' | '>' | '>=', right: Sql): Sql {
    if (operator === '=') return sql`(${left} = ${right})`;
    return sql`(${left} collate "C" ${sql.raw(operator)} ${right})`;
  }
  protected caseExactMatch(expr: Sql, operator: MatchOperator, literal: string): Sql {
    return sql`(${expr} like ${wrapPattern(escapeLike(literal), operator, '%')} escape '\\')`;
  }
  protected versionText(): Sql {
    return sql`('W/"' || r.version::text || '"')`;
  }

  protected sortText(location: JsonLocation, caseExact: boolean): Sql {
    const json = this.#json(location);
    const text = sql`(${json} #>> '{}')`;
    return sql`(case when jsonb_typeof(${json}) = 'string' then ${caseExact ? text : this.lower(text)} end)`;
  }
  protected sortNumber(location: JsonLocation): Sql {
    const json = this.#json(location);
    return sql`(case when jsonb_typeof(${json}) = 'number' then (${json})::float8 end)`;
  }
  protected sortBoolean(location: JsonLocation): Sql {
    const json = this.#json(location);
    return sql`(case when jsonb_typeof(${json}) = 'boolean' then (${json})::boolean end)`;
  }
  protected collateSortText(expr: Sql): Sql {
    return sql`(${expr} collate "C")`;
  }
  protected bindSortValue(value: SortValue): Sql {
    return sql`${value}`;
  }
}
