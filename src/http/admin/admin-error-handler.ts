/**
 * The admin API's one mapping from errors to HTTP: plain JSON `{ error: { code, message } }`
 * with the registry's status. Unknown errors are logged and become a 500 without details.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isScimsyncError, scimsyncError, type ScimsyncError } from '../../server/index.js';

export interface AdminErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

export function adminErrorBody(error: ScimsyncError): AdminErrorBody {
  return { error: { code: error.code, message: error.message } };
}

/** Fastify's own request errors (bad JSON, schema validation, size, media type) in our codes. */
function translateFastifyError(error: FastifyError, bodyLimit: number): ScimsyncError | undefined {
  if (error.validation !== undefined) {
    return scimsyncError('SCIMSYNC_ERR_INVALID_REQUEST', { reason: error.message }, { cause: error });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return scimsyncError('SCIMSYNC_ERR_PAYLOAD_TOO_LARGE', { limit: bodyLimit }, { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return scimsyncError(
        'SCIMSYNC_ERR_UNSUPPORTED_MEDIA_TYPE',
        { contentType: error.message.replace(/^Unsupported Media Type:?\s*/i, '') || 'none' },
        { cause: error },
      );
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return scimsyncError('SCIMSYNC_ERR_INVALID_REQUEST', { reason: error.message }, { cause: error });
  }
  return undefined;
}

export function createAdminErrorHandler(bodyLimit: number) {
  return function handleAdminError(
    error: FastifyError,
    request: FastifyRequest,
    reply: FastifyReply,
  ): FastifyReply {
    const known = isScimsyncError(error) ? error : translateFastifyError(error, bodyLimit);
    if (known === undefined) {
      request.log.error({ err: error }, 'admin API request failed');
      const internal = scimsyncError('SCIMSYNC_ERR_INTERNAL', { requestId: request.id });
      return reply.code(internal.status).type('application/json').send(adminErrorBody(internal));
    }
    if (known.code === 'SCIMSYNC_ERR_ADMIN_UNAUTHORIZED') {
      void reply.header('www-authenticate', 'Bearer realm="scimsync-admin"');
    }
    return reply.code(known.status).type('application/json').send(adminErrorBody(known));
  };
}
