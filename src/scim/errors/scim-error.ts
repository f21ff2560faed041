/**
 * The one protocol error type. Its constructor enforces the status/`scimType` pairs of
 * RFC 7644 §3.12 (Table 9) and RFC 9865 §4 (cursor errors), so an impossible error body
 * can never be produced.
 */
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** `scimType` values and the single status each is allowed with (RFC 7644 §3.12, RFC 9865). */
export const SCIM_TYPE_STATUS = {
  invalidFilter: 400,
  tooMany: 400,
  uniqueness: 409,
  mutability: 400,
  invalidSyntax: 400,
  invalidPath: 400,
  noTarget: 400,
  invalidValue: 400,
  invalidVers: 400,
  sensitive: 403,
  invalidCursor: 400,
  expiredCursor: 400,
} as const;

export type ScimType = keyof typeof SCIM_TYPE_STATUS;
export const SCIM_TYPES = Object.keys(SCIM_TYPE_STATUS) as ScimType[];

/**
 * Statuses a SCIM error may carry: those of RFC 7644 §3.12 plus the general HTTP errors a
 * service provider legitimately answers with (405, 406, 415, 429, 502–504).
 */
export const SCIM_ERROR_STATUSES = [
  307, 308, 400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 429, 500, 501, 502, 503, 504,
] as const;
export type ScimErrorStatus = (typeof SCIM_ERROR_STATUSES)[number];

export interface ScimErrorOptions {
  readonly scimType?: ScimType;
  /** Character offset (0-based) of the fault in a filter, path or expression being parsed. */
  readonly position?: number;
  readonly cause?: unknown;
}

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

export class ScimError extends Error {
  override readonly name = 'ScimError';
  readonly status: ScimErrorStatus;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
  readonly position: number | undefined;

  constructor(
    status: ScimErrorStatus,
    scimType: ScimType | undefined,
    detail: string,
    options: Omit<ScimErrorOptions, 'scimType'> = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    if (!(SCIM_ERROR_STATUSES as readonly number[]).includes(status)) {
      throw new TypeError(
        `ScimError: ${String(status)} is not an error status a SCIM service provider returns`,
      );
    }
    if (scimType !== undefined) {
      const expected = SCIM_TYPE_STATUS[scimType] as number | undefined;
      if (expected === undefined) throw new TypeError(`ScimError: unknown scimType "${String(scimType)}"`);
      if (expected !== status) {
        throw new TypeError(
          `ScimError: scimType "${scimType}" goes with status ${expected}, not ${status} (RFC 7644 §3.12)`,
        );
      }
    }
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
    this.position = options.position;
  }

  /** The `urn:ietf:params:scim:api:messages:2.0:Error` body (RFC 7644 §3.12); status is a string there. */
  toJSON(): ScimErrorBody {
    const body: ScimErrorBody = { schemas: [SCIM_ERROR_SCHEMA], status: String(this.status) };
    if (this.scimType !== undefined) body.scimType = this.scimType;
    if (this.detail !== '') body.detail = this.detail;
    return body;
  }

  /**
   * Reads an error answer received from a SCIM service provider. Real providers send `status`
   * as a number, omit `schemas`, or use a scimType with the wrong status; this never throws and
   * keeps whatever is usable, falling back to the HTTP status.
   */
  static fromResponse(httpStatus: number, body: unknown): ScimError {
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const statusField = Number(record['status']);
    const candidate = Number.isInteger(statusField) && statusField >= 300 ? statusField : httpStatus;
    const status = (SCIM_ERROR_STATUSES as readonly number[]).includes(candidate)
      ? (candidate as ScimErrorStatus)
      : candidate >= 500
        ? 500
        : 400;
    const rawType = record['scimType'];
    const scimType =
      typeof rawType === 'string' &&
      rawType in SCIM_TYPE_STATUS &&
      SCIM_TYPE_STATUS[rawType as ScimType] === status
        ? (rawType as ScimType)
        : undefined;
    const detail =
      typeof record['detail'] === 'string'
        ? record['detail']
        : typeof body === 'string' && body.length > 0
          ? body.slice(0, 500)
          : `HTTP ${httpStatus}`;
    return new ScimError(status, scimType, detail);
  }

  static isScimError(value: unknown): value is ScimError {
    return value instanceof ScimError;
  }
}

/** Shorthands for the most common protocol faults. */
export const invalidFilter = (detail: string, position?: number): ScimError =>
  new ScimError(400, 'invalidFilter', detail, position === undefined ? {} : { position });
export const invalidPath = (detail: string, position?: number): ScimError =>
  new ScimError(400, 'invalidPath', detail, position === undefined ? {} : { position });
export const invalidValue = (detail: string): ScimError => new ScimError(400, 'invalidValue', detail);
export const invalidSyntax = (detail: string): ScimError => new ScimError(400, 'invalidSyntax', detail);
export const noTarget = (detail: string): ScimError => new ScimError(400, 'noTarget', detail);
export const mutability = (detail: string): ScimError => new ScimError(400, 'mutability', detail);
