/** What the service provider accepts, advertised as-is in `/ServiceProviderConfig`. */
export interface ScimLimits {
  /** `count` when the client sends none (RFC 9865 `defaultPageSize`). */
  readonly defaultPageSize: number;
  /** Larger `count` values are clamped to this (RFC 9865 `maxPageSize`, RFC 7643 §5 `filter.maxResults`). */
  readonly maxPageSize: number;
  /** RFC 7643 §5 `bulk.maxOperations`. */
  readonly bulkMaxOperations: number;
  /** RFC 7643 §5 `bulk.maxPayloadSize`, in bytes. */
  readonly bulkMaxPayloadSize: number;
  /** Seconds a cursor stays valid (RFC 9865 `cursorTimeout`). */
  readonly cursorTimeout: number;
  /** Operations accepted in one PATCH request. */
  readonly maxPatchOperations: number;
  /** Times a read-modify-write is retried when a concurrent write changed the resource first. */
  readonly writeRetries: number;
}

export const DEFAULT_SCIM_LIMITS: ScimLimits = Object.freeze({
  defaultPageSize: 100,
  maxPageSize: 1000,
  bulkMaxOperations: 1000,
  bulkMaxPayloadSize: 1_048_576,
  cursorTimeout: 3600,
  maxPatchOperations: 1000,
  writeRetries: 8,
});

/** Merges overrides into the defaults and checks them. */
export function resolveScimLimits(overrides: Partial<ScimLimits> = {}): ScimLimits {
  const limits = { ...DEFAULT_SCIM_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 0)
      throw new TypeError(`ScimLimits.${name} must be a non-negative integer`);
  }
  if (limits.defaultPageSize > limits.maxPageSize)
    throw new TypeError('ScimLimits.defaultPageSize cannot exceed maxPageSize');
  return Object.freeze(limits);
}
