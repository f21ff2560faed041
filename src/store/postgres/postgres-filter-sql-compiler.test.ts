import { describe, expect, it } from 'vitest';
import { parseFilter, SchemaRegistry } from '../../scim/index.js';
import { compileFilterSql } from '../filter-sql/compile-filter-sql.js';
import { POSTGRES_STORE_DIALECT } from './postgres-store.js';

const schema = SchemaRegistry.withCoreSchemas().resourceSchema('User');
const compile = (filter: string) => compileFilterSql(POSTGRES_STORE_DIALECT, schema, parseFilter(filter));

describe('PostgresFilterSqlCompiler', () => {
  it('maps userName to the indexed lower-case column', () => {
    const { sql, parameters } = compile('userName eq "BJensen"');
    expect(sql).toBe('select "r"."id" from "scim_resources" as "r" where (r.unique_lower = $1)');
    expect(parameters).toEqual(['bjensen']);
  });

  it('escapes LIKE patterns and reads emails through scim_multi_values', () => {
    const { sql, parameters } = compile('emails.value sw "a_b\\\\"');
    expect(sql).toContain(`("v1"."value_lower" like $3 escape '\\')`);
    expect(parameters).toEqual(['t', 'emails', 'a\\_b\\\\%']);
  });

  it('compares JSON strings in code-point order and numbers inside CASE', () => {
    const { sql } = compile(
      'name.familyName ge "J" or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr',
    );
    expect(sql).toContain(`lower(((r.data -> 'name' -> 'familyName') #>> '{}')) collate "C" >= $1`);
    expect(sql).toContain(
      `r.data -> 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' -> 'employeeNumber'`,
    );
  });

  it('filters members of a group through scim_group_members', () => {
    const groups = SchemaRegistry.withCoreSchemas().resourceSchema('Group');
    const { sql, parameters } = compileFilterSql(
      POSTGRES_STORE_DIALECT,
      groups,
      parseFilter('members.value eq "u1"'),
    );
    expect(sql).toContain(
      'r.id in (select "m1"."group_id" from scim_group_members as m1 where "m1"."tenant_id" = $1',
    );
    expect(parameters).toEqual(['t', 'u1']);
  });
});
