import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SCIM_ERROR_STATUSES, ScimError, type ScimErrorStatus } from '../../scim/index.js';
import { sendScim } from './scim-reply.js';

/** Sent with every 401 (RFC 6750 §3). */
export const WWW_AUTHENTICATE = 'Bearer realm="scimsync"';

/** 429 with the seconds to wait (RFC 6585 §4), sent as `Retry-After`. */
export class ScimRateLimitError extends ScimError {
  constructor(readonly retryAfter: number) {
    super(429, undefined, `Too many requests for this directory; retry after ${retryAfter} s`);
  }
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).statusCode === 'number';
}

/** Fastify's own client errors (body too large, bad media type, …) as SCIM errors. */
function fromFastifyError(error: FastifyError): ScimError | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500 || !(SCIM_ERROR_STATUSES as readonly number[]).includes(status)) return undefined;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new ScimError(413, undefined, 'The request body is larger than this service accepts');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ScimError(415, undefined, 'Send the body as application/scim+json or application/json');
  }
  return new ScimError(
    status as ScimErrorStatus,
    status === 400 ? 'invalidSyntax' : undefined,
    error.message,
  );
}

/**
 * The SCIM surface's one error mapping (RFC 7644 §3.12): every failure becomes an Error body
 * with `application/scim+json`; anything unexpected is logged and answered 500 without details.
 */
export function scimErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let scimError =
    error instanceof ScimError ? error : isFastifyError(error) ? fromFastifyError(error) : undefined;
  if (scimError === undefined) {
    request.log.error({ err: error }, 'SCIM request failed');
    scimError = new ScimError(500, undefined, `Internal error (request ${request.id})`);
  }
  if (scimError.status === 401) void reply.header('WWW-Authenticate', WWW_AUTHENTICATE);
  if (scimError instanceof ScimRateLimitError) void reply.header('Retry-After', String(scimError.retryAfter));
  return sendScim(reply, scimError.status, scimError.toJSON());
}
