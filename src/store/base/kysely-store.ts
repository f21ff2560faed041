import type { Kysely } from 'kysely';
import type { SchemaRegistry } from '../../scim/index.js';
import type { Database } from '../database.js';
import { migrateToLatest } from '../migrations/migrate.js';
import type {
  ApiKeyStore,
  AuditStore,
  GroupStore,
  SettingsStore,
  Store,
  StoreCapabilities,
  TenantStore,
  UserStore,
} from '../store.js';
import type { DirectoryStore } from '../directory-store.js';
import type { ProvisioningStore } from '../provisioning-store.js';
import { KyselyProvisioningStore } from './provisioning-store.js';
import { KyselyApiKeyStore } from './api-key-store.js';
import { KyselyAuditStore } from './audit-store.js';
import { KyselyDirectoryStore } from './directory-store.js';
import { KyselyGroupStore } from './group-store.js';
import { KyselySettingsStore } from './settings-store.js';
import type { StoreDialect } from './store-dialect.js';
import { KyselyTenantStore } from './tenant-store.js';
import { translating } from './translate-error.js';
import { KyselyUserStore } from './user-store.js';

/**
 * The Store on one Kysely instance. Engines differ only by their {@link StoreDialect}; inside
 * `transaction`, the same class runs on the Kysely transaction.
 */
export class KyselyStore implements Store {
  readonly capabilities: StoreCapabilities;
  readonly tenants: TenantStore;
  readonly apiKeys: ApiKeyStore;
  readonly audit: AuditStore;
  readonly settings: SettingsStore;
  readonly users: UserStore;
  readonly groups: GroupStore;
  readonly directory: DirectoryStore;
  readonly provisioning: ProvisioningStore;
  readonly #db: Kysely<Database>;
  readonly #dialect: StoreDialect;
  readonly #registry: SchemaRegistry;
  readonly #onClose: () => Promise<void>;
  readonly #schema: string | undefined;

  constructor(
    db: Kysely<Database>,
    dialect: StoreDialect,
    registry: SchemaRegistry,
    onClose: () => Promise<void> = () => db.destroy(),
    /** The PostgreSQL schema holding the tables (for the migration bookkeeping). */
    schema?: string,
  ) {
    this.#schema = schema;
    this.#db = db;
    this.#dialect = dialect;
    this.#registry = registry;
    this.#onClose = onClose;
    const context = { db, dialect };
    this.capabilities = dialect.capabilities;
    this.tenants = new KyselyTenantStore(context);
    this.apiKeys = new KyselyApiKeyStore(context);
    this.audit = new KyselyAuditStore(context);
    this.settings = new KyselySettingsStore(context);
    this.users = new KyselyUserStore(context, registry);
    this.groups = new KyselyGroupStore(context, registry);
    this.directory = new KyselyDirectoryStore(context);
    this.provisioning = new KyselyProvisioningStore(context);
  }

  /** The Kysely instance, for engine-specific maintenance and tests. */
  get db(): Kysely<Database> {
    return this.#db;
  }

  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this);
    return translating(this.#dialect, () =>
      this.#db
        .transaction()
        .execute((trx) =>
          work(new KyselyStore(trx, this.#dialect, this.#registry, () => Promise.resolve(), this.#schema)),
        ),
    );
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.#db as Kysely<unknown>, this.#dialect.capabilities.engine, this.#schema);
  }

  async close(): Promise<void> {
    await this.#onClose();
  }
}
