/**
 * The one error a SCIM client call ends with. `code` names what went wrong in the words of the
 * provisioning logs; `retryable` is what the engine's retry queue reads, never the code itself.
 */
export const SCIM_CLIENT_ERROR_CODES = [
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'Conflict',
  'BadRequest',
  'PreconditionFailed',
  'TooManyRequests',
  'InternalServerError',
  'ServiceUnavailable',
  'Timeout',
  'ConnectionRefused',
  'ConnectionReset',
  'DnsFailure',
  'TlsFailure',
  'NotScim',
  'PayloadTooLarge',
  'Other',
] as const;
export type ScimClientErrorCode = (typeof SCIM_CLIENT_ERROR_CODES)[number];

export interface ScimClientErrorInit {
  readonly code: ScimClientErrorCode;
  readonly method: string;
  readonly path: string;
  readonly retryable: boolean;
  /** What happened, in plain words, without the request line (added by the constructor). */
  readonly summary: string;
  readonly status?: number | undefined;
  readonly scimType?: string | undefined;
  readonly detail?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly attempts?: number | undefined;
  readonly cause?: unknown;
}

export class ScimClientError extends Error {
  override readonly name = 'ScimClientError';
  readonly code: ScimClientErrorCode;
  readonly status: number | undefined;
  readonly scimType: string | undefined;
  /** The target's own words (the SCIM error `detail`, or what we could tell about a non-SCIM answer). */
  readonly detail: string | undefined;
  readonly retryable: boolean;
  readonly method: string;
  /** Relative to the client's base URL, with the query. */
  readonly path: string;
  /** The wait the target asked for (Retry-After) when it was longer than the client would sleep. */
  readonly retryAfterMs: number | undefined;
  /** Attempts made before giving up. */
  readonly attempts: number;

  constructor(init: ScimClientErrorInit) {
    const attempts = init.attempts ?? 1;
    const tried = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    super(
      `${init.method} ${init.path}: ${init.summary}${tried}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.code = init.code;
    this.status = init.status;
    this.scimType = init.scimType;
    this.detail = init.detail;
    this.retryable = init.retryable;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = attempts;
  }
}
