import type { ProjectionOptions } from '../../scim/index.js';

/** Who is calling, for which tenant, and where that tenant's SCIM endpoints live. */
export interface ScimContext {
  readonly tenantId: string;
  /** Recorded in the audit log, e.g. `key:<apiKeyId>`. */
  readonly actor: string;
  /** Absolute base URL of the tenant's SCIM endpoints, without a trailing slash, e.g. `https://x/scim/directory/t1`. */
  readonly baseUrl: string;
}

/** The SCIM resource types this service provider serves (names as in `/ResourceTypes`). */
export const SCIM_RESOURCE_TYPES = ['User', 'Group'] as const;
export type ScimResourceType = (typeof SCIM_RESOURCE_TYPES)[number];

/** Options shared by the single-resource operations. */
export interface ResourceRequestOptions {
  /** `attributes` / `excludedAttributes` of the request (RFC 7644 §3.9). */
  readonly projection?: ProjectionOptions;
  /** The `If-Match` header (PUT, PATCH, DELETE). */
  readonly ifMatch?: string | undefined;
  /** The `If-None-Match` header (GET). */
  readonly ifNoneMatch?: string | undefined;
}

/** A single resource to answer with. */
export interface ResourceResult {
  readonly kind: 'resource';
  readonly resource: Record<string, unknown>;
  /** The `ETag` header value, `W/"<version>"`. */
  readonly etag: string;
  /** The `Location` header value. */
  readonly location: string;
}

/** An answer without a body: 304 for GET (If-None-Match), 204 for PATCH and DELETE. */
export interface EmptyResult {
  readonly kind: 'notModified' | 'noContent';
  readonly etag?: string;
  readonly location?: string;
}
