import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import type { Filter, ResourceSchema } from '../../scim/index.js';
import { resourcePlan } from '../base/resource-plan.js';
import type { StoreDialect } from '../base/store-dialect.js';
import type { Database } from '../database.js';

/**
 * The WHERE clause a filter compiles to, without a database (kysely's DummyDriver): for
 * compiled-SQL assertions and for reading what the store will run.
 */
export function compileFilterSql(
  dialect: StoreDialect,
  schema: ResourceSchema,
  filter: Filter,
  tenantId = 't',
): CompiledQuery {
  const postgres = dialect.capabilities.engine === 'postgres';
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => (postgres ? new PostgresIntrospector(k) : new SqliteIntrospector(k)),
      createQueryCompiler: () => (postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
  });
  const compiler = dialect.createFilterCompiler({ tenantId, schema, plan: resourcePlan(schema) });
  return db.selectFrom('scim_resources as r').select('r.id').where(compiler.compile(filter)).compile();
}
