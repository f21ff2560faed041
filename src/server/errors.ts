/**
 * Operational errors of scimsync as a coded registry, in the manner of fastify's
 * `lib/errors.js`: each `SCIMSYNC_ERR_*` code has one HTTP status and one message template.
 * Protocol errors are `ScimError` (src/scim); these are everything else — admin input, unknown
 * tenants, keys, domains. `docs/reference/errors.md` documents every code (checked by a test).
 */

/** Placeholders of a template (`'tenant {tenantId}'` → `'tenantId'`). */
type TemplateParams<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | TemplateParams<Rest>
  : never;

interface ErrorDefinition {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500;
  readonly template: string;
}

function defineErrors<const T extends Record<`SCIMSYNC_ERR_${string}`, ErrorDefinition>>(errors: T): T {
  return Object.freeze(errors);
}

/** The errors raised by the domain (src/server) and the admin API (src/http). */
export const ERROR_CODES = defineErrors({
  SCIMSYNC_ERR_TENANT_NOT_FOUND: { status: 404, template: 'tenant {tenantId} not found' },
  SCIMSYNC_ERR_INVALID_TENANT_NAME: {
    status: 400,
    template: 'a tenant name must be 1 to 200 characters and not blank',
  },
  SCIMSYNC_ERR_INVALID_DOMAIN: {
    status: 400,
    template: '"{domain}" is not a valid domain name (expected e.g. example.com)',
  },
  SCIMSYNC_ERR_DOMAIN_NOT_FOUND: {
    status: 404,
    template: 'tenant {tenantId} has no verified domain "{domain}"',
  },
  SCIMSYNC_ERR_API_KEY_NOT_FOUND: {
    status: 404,
    template: 'tenant {tenantId} has no active API key {keyId}',
  },
  SCIMSYNC_ERR_INVALID_API_KEY_NAME: {
    status: 400,
    template: 'an API key name must be 1 to 100 characters and not blank',
  },
  SCIMSYNC_ERR_INVALID_KEY_EXPIRY: {
    status: 400,
    template: 'expiresInDays must be a whole number from 1 to {max}, got {value}',
  },
  SCIMSYNC_ERR_ADMIN_UNAUTHORIZED: {
    status: 401,
    template: 'the admin API needs "Authorization: Bearer <admin token>"',
  },
  SCIMSYNC_ERR_INVALID_REQUEST: { status: 400, template: 'invalid request: {reason}' },
  SCIMSYNC_ERR_PAYLOAD_TOO_LARGE: {
    status: 413,
    template: 'the request body is larger than {limit} bytes',
  },
  SCIMSYNC_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    template: 'unsupported content type {contentType}; send application/json',
  },
  SCIMSYNC_ERR_ROUTE_NOT_FOUND: { status: 404, template: 'no route {method} {url}' },
  SCIMSYNC_ERR_INTERNAL: {
    status: 500,
    template: 'internal error; the server log has the details (request {requestId})',
  },
});

export type ErrorCode = keyof typeof ERROR_CODES;

/** The parameters a code's template needs. */
export type ErrorParams<C extends ErrorCode> = {
  readonly [P in TemplateParams<(typeof ERROR_CODES)[C]['template']>]: string | number;
};

function format(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * An operational error with a stable code. Throw it through {@link scimsyncError}.
 * @example
 * throw scimsyncError('SCIMSYNC_ERR_TENANT_NOT_FOUND', { tenantId });
 */
export class ScimsyncError extends Error {
  override readonly name = 'ScimsyncError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(
    code: ErrorCode,
    params: Readonly<Record<string, string | number>>,
    options?: { cause?: unknown },
  ) {
    const definition = ERROR_CODES[code];
    super(format(definition.template, params), options);
    this.code = code;
    this.status = definition.status;
    this.params = params;
  }
}

/** Builds the error for `code` with its template filled in (typed per code). */
export function scimsyncError<C extends ErrorCode>(
  code: C,
  ...[params, options]: [keyof ErrorParams<C>] extends [never]
    ? [params?: Record<string, never>, options?: { cause?: unknown }]
    : [params: ErrorParams<C>, options?: { cause?: unknown }]
): ScimsyncError {
  return new ScimsyncError(code, params ?? {}, options);
}

export function isScimsyncError(error: unknown, code?: ErrorCode): error is ScimsyncError {
  return error instanceof ScimsyncError && (code === undefined || error.code === code);
}
