import { describe, expect, it } from 'vitest';
import { parseFilter, SchemaRegistry } from '../../scim/index.js';
import { compileFilterSql } from '../filter-sql/compile-filter-sql.js';
import { SQLITE_STORE_DIALECT } from './sqlite-store.js';

const schema = SchemaRegistry.withCoreSchemas().resourceSchema('User');
const compile = (filter: string) => compileFilterSql(SQLITE_STORE_DIALECT, schema, parseFilter(filter));

describe('SqliteFilterSqlCompiler', () => {
  it('maps userName to the indexed lower-case column', () => {
    const { sql, parameters } = compile('userName eq "BJensen"');
    expect(sql).toBe('select "r"."id" from "scim_resources" as "r" where (r.unique_lower = ?)');
    expect(parameters).toEqual(['bjensen']);
  });

  it('reads emails through scim_multi_values, type and value in one subquery', () => {
    const { sql, parameters } = compile('emails[type eq "Work" and value co "50%_"]');
    expect(sql).toContain(
      'r.id in (select "v1"."resource_id" from scim_multi_values as v1 where "v1"."tenant_id" = ? and "v1"."attribute" = ?',
    );
    expect(sql).toContain(`("v1"."value_lower" like ? escape '\\')`);
    expect(parameters).toEqual(['t', 'emails', '%50\\%\\_%', 'work']);
  });

  it('uses GLOB for case-exact patterns and JSON functions for other attributes', () => {
    const { sql, parameters } = compile('externalId sw "a*b" and name.givenName gt "K"');
    expect(sql).toContain('(r.external_id glob ?)');
    expect(sql).toContain(`json_type(r.data, '$."name"."givenName"') = 'text'`);
    expect(sql).toContain(`scim_lower(json_extract(r.data, '$."name"."givenName"')) > ?`);
    expect(parameters).toEqual(['a[*]b*', 'k']);
  });

  it('negates with NOT over two-valued conditions, so absent attributes match "ne"', () => {
    const { sql } = compile('title ne "x"');
    expect(sql).toMatch(/^select .* where \(not coalesce\(/);
  });
});
