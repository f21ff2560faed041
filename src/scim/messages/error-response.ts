import {
  SCIM_ERROR_SCHEMA,
  ScimError,
  type ScimErrorBody,
  type ScimErrorStatus,
} from '../errors/scim-error.js';

export { SCIM_ERROR_SCHEMA, type ScimErrorBody } from '../errors/scim-error.js';

/** The media type of every SCIM body, errors included (RFC 7644 §3.1, §8.1). */
export const SCIM_MEDIA_TYPE = 'application/scim+json';

export interface ScimErrorResponse {
  readonly status: ScimErrorStatus;
  readonly body: ScimErrorBody;
}

/**
 * The HTTP status and `urn:ietf:params:scim:api:messages:2.0:Error` body for anything thrown
 * (RFC 7644 §3.12). A `ScimError` answers as itself; anything else is a 500 that reveals no
 * internal detail: the caller logs the original.
 *
 * @example
 * const { status, body } = toScimErrorResponse(error);
 * reply.code(status).type(SCIM_MEDIA_TYPE).send(body);
 */
export function toScimErrorResponse(error: unknown): ScimErrorResponse {
  if (error instanceof ScimError) return { status: error.status, body: error.toJSON() };
  return {
    status: 500,
    body: { schemas: [SCIM_ERROR_SCHEMA], status: '500', detail: 'Internal server error' },
  };
}
