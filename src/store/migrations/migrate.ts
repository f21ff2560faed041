import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreEngine } from '../base/store-dialect.js';
import { StoreError } from '../errors.js';
import { initialMigration } from './0001-initial.js';
import { directoryMigration } from './0002-directory.js';
import { provisioningMigration } from './0003-provisioning.js';
import { multiValueCoveringIndexMigration } from './0004-multi-value-covering-index.js';
import { directoryUsersLiveIndexMigration } from './0005-directory-users-live-index.js';
import { groupMembersWithoutRowidMigration } from './0006-group-members-without-rowid.js';

/** Migrations live in code (no file-system scan), so bundling and tests need no paths. */
class InCodeMigrationProvider implements MigrationProvider {
  readonly #engine: StoreEngine;
  constructor(engine: StoreEngine) {
    this.#engine = engine;
  }
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      '0001-initial': initialMigration(this.#engine),
      '0002-directory': directoryMigration(this.#engine),
      '0003-provisioning': provisioningMigration(this.#engine),
      '0004-multi-value-covering-index': multiValueCoveringIndexMigration(),
      '0005-directory-users-live-index': directoryUsersLiveIndexMigration(),
      '0006-group-members-without-rowid': groupMembersWithoutRowidMigration(this.#engine),
    });
  }
}

/** Applies pending migrations; a failed migration surfaces as a StoreError with its cause. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  engine: StoreEngine,
  schema: string | undefined,
): Promise<void> {
  // Kysely looks for its migration tables in every schema unless told which one is ours.
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(engine),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(`migration ${failed} failed`, { cause: error });
  }
}
