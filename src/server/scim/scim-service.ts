import { VerifiedDomainsCache } from '../tenants/index.js';
import { timeOrderedUuid } from './time-ordered-id.js';
import {
  SchemaRegistry,
  type BulkResponse,
  type JsonObject,
  type ListQuery,
  type ListResponse,
  type ResourceTypeResource,
  type SchemaResource,
  type ServiceProviderConfig,
} from '../../scim/index.js';
import type { Store } from '../../store/index.js';
import { runBulk } from './bulk-operations.js';
import * as discovery from './discovery.js';
import { toScimError } from './errors.js';
import { createGroup, deleteGroup, getGroup, patchGroup, replaceGroup } from './group-operations.js';
import { listResources } from './list-resources.js';
import type {
  EmptyResult,
  ResourceRequestOptions,
  ResourceResult,
  ScimContext,
  ScimResourceType,
} from './scim-context.js';
import { resolveScimLimits, type ScimLimits } from './scim-limits.js';
import { newMemberWrites } from './group-member-writes.js';
import type { ScimServiceDeps } from './scim-service-deps.js';
import { searchAll } from './search-all.js';
import { createUser, deleteUser, getUser, patchUser, replaceUser } from './user-operations.js';

export interface ScimServiceOptions {
  readonly store: Store;
  /** Default: the core User (with the Enterprise extension) and Group schemas. */
  readonly registry?: SchemaRegistry;
  readonly limits?: Partial<ScimLimits>;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** How long a tenant's verified domains are cached (see {@link VerifiedDomainsCache}); 5 s by default. */
  readonly verifiedDomainsTtlMs?: number;
}

/** Runs `work`, turning domain and store errors into `ScimError`s. */
async function translated<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toScimError(error);
  }
}

/**
 * The SCIM 2.0 service provider's operations (RFC 7644) for one tenant at a time, over a
 * {@link Store}. Framework-free: the HTTP edge parses requests, calls one method and
 * serialises what it returns. Every failure is a `ScimError` (status, `scimType`, detail);
 * anything else is a bug.
 *
 * @example
 * const scim = new ScimService({ store });
 * const ctx = { tenantId, actor: 'key:k1', baseUrl: 'https://id.example.com/scim/directory/' + tenantId };
 * const created = await scim.create(ctx, 'User', { schemas: [CORE_USER_SCHEMA_ID], userName: 'bjensen' });
 */
export class ScimService {
  readonly #deps: ScimServiceDeps;

  constructor(options: ScimServiceOptions) {
    this.#deps = Object.freeze({
      store: options.store,
      registry: options.registry ?? SchemaRegistry.withCoreSchemas(),
      limits: resolveScimLimits(options.limits),
      now: options.now ?? (() => new Date()),
      newId: options.newId ?? (() => timeOrderedUuid()),
      verifiedDomains: new VerifiedDomainsCache(
        options.store,
        options.verifiedDomainsTtlMs === undefined ? {} : { ttlMs: options.verifiedDomainsTtlMs },
      ),
      memberWrites: newMemberWrites(),
    });
  }

  get limits(): ScimLimits {
    return this.#deps.limits;
  }

  get registry(): SchemaRegistry {
    return this.#deps.registry;
  }

  /** `GET /Users`, `GET /Groups`, `POST /Users/.search` (RFC 7644 §3.4.2, §3.4.3; RFC 9865). */
  list(
    ctx: ScimContext,
    resourceType: ScimResourceType,
    query: ListQuery,
  ): Promise<ListResponse<JsonObject>> {
    return translated(() => listResources(this.#deps, ctx, resourceType, query));
  }

  /** `POST /.search` over every resource type (RFC 7644 §3.4.3). */
  search(ctx: ScimContext, query: ListQuery): Promise<ListResponse<JsonObject>> {
    return translated(() => searchAll(this.#deps, ctx, query));
  }

  get(
    ctx: ScimContext,
    resourceType: ScimResourceType,
    id: string,
    options: ResourceRequestOptions = {},
  ): Promise<ResourceResult | EmptyResult> {
    return translated(() =>
      resourceType === 'User'
        ? getUser(this.#deps, ctx, id, options)
        : getGroup(this.#deps, ctx, id, options),
    );
  }

  create(
    ctx: ScimContext,
    resourceType: ScimResourceType,
    body: unknown,
    options: ResourceRequestOptions = {},
  ): Promise<ResourceResult> {
    return translated(() =>
      resourceType === 'User'
        ? createUser(this.#deps, ctx, body, options)
        : createGroup(this.#deps, ctx, body, options),
    );
  }

  replace(
    ctx: ScimContext,
    resourceType: ScimResourceType,
    id: string,
    body: unknown,
    options: ResourceRequestOptions = {},
  ): Promise<ResourceResult> {
    return translated(() =>
      resourceType === 'User'
        ? replaceUser(this.#deps, ctx, id, body, options)
        : replaceGroup(this.#deps, ctx, id, body, options),
    );
  }

  /** Users answer 200 with the resource; groups 204 unless a projection asks for a body. */
  patch(
    ctx: ScimContext,
    resourceType: ScimResourceType,
    id: string,
    body: unknown,
    options: ResourceRequestOptions = {},
  ): Promise<ResourceResult | EmptyResult> {
    return translated(() =>
      resourceType === 'User'
        ? patchUser(this.#deps, ctx, id, body, options)
        : patchGroup(this.#deps, ctx, id, body, options),
    );
  }

  delete(
    ctx: ScimContext,
    resourceType: ScimResourceType,
    id: string,
    options: ResourceRequestOptions = {},
  ): Promise<EmptyResult> {
    return translated(() =>
      resourceType === 'User'
        ? deleteUser(this.#deps, ctx, id, options)
        : deleteGroup(this.#deps, ctx, id, options),
    );
  }

  /** `POST /Bulk` (RFC 7644 §3.7); `payloadSize` is the raw body's size in bytes. */
  bulk(
    ctx: ScimContext,
    body: unknown,
    options: { readonly payloadSize?: number } = {},
  ): Promise<BulkResponse> {
    return translated(() => runBulk(this.#deps, ctx, body, options));
  }

  serviceProviderConfig(ctx: ScimContext): ServiceProviderConfig {
    return discovery.serviceProviderConfig(this.#deps, ctx);
  }

  listSchemas(ctx: ScimContext): ListResponse<SchemaResource> {
    return discovery.listSchemas(this.#deps, ctx);
  }

  getSchema(ctx: ScimContext, urn: string): SchemaResource {
    return discovery.getSchema(this.#deps, ctx, urn);
  }

  listResourceTypes(ctx: ScimContext): ListResponse<ResourceTypeResource> {
    return discovery.listResourceTypes(this.#deps, ctx);
  }

  getResourceType(ctx: ScimContext, name: string): ResourceTypeResource {
    return discovery.getResourceType(this.#deps, ctx, name);
  }
}
