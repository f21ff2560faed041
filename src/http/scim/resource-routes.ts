import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseListQuery, parseSearchRequest } from '../../scim/index.js';
import type { ResourceRequestOptions, ScimResourceType, ScimService } from '../../server/index.js';
import { headerValue, queryParameter, queryParameters, sendResult, sendScim } from './scim-reply.js';
import { scimContextOf } from './scim-request-context.js';

function requestOptions(request: FastifyRequest): ResourceRequestOptions {
  const attributes = queryParameter(request, 'attributes');
  const excludedAttributes = queryParameter(request, 'excludedAttributes');
  return {
    projection: {
      ...(attributes === undefined || attributes.trim() === '' ? {} : { attributes }),
      ...(excludedAttributes === undefined || excludedAttributes.trim() === '' ? {} : { excludedAttributes }),
    },
    ifMatch: headerValue(request, 'if-match'),
    ifNoneMatch: headerValue(request, 'if-none-match'),
  };
}

function idOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

/** `/Users` or `/Groups`: list, `.search`, and the single-resource methods (RFC 7644 §3.2). */
export function registerResourceRoutes(
  app: FastifyInstance,
  service: ScimService,
  resourceType: ScimResourceType,
  endpoint: string,
): void {
  app.get(endpoint, async (request, reply) =>
    sendScim(
      reply,
      200,
      await service.list(scimContextOf(request), resourceType, parseListQuery(queryParameters(request))),
    ),
  );
  app.post(`${endpoint}/.search`, async (request, reply) =>
    sendScim(
      reply,
      200,
      await service.list(scimContextOf(request), resourceType, parseSearchRequest(request.body)),
    ),
  );
  app.post(endpoint, async (request, reply) =>
    sendResult(
      reply,
      await service.create(scimContextOf(request), resourceType, request.body, requestOptions(request)),
      201,
    ),
  );
  app.get(`${endpoint}/:id`, async (request, reply) =>
    sendResult(
      reply,
      await service.get(scimContextOf(request), resourceType, idOf(request), requestOptions(request)),
    ),
  );
  app.put(`${endpoint}/:id`, async (request, reply) =>
    sendResult(
      reply,
      await service.replace(
        scimContextOf(request),
        resourceType,
        idOf(request),
        request.body,
        requestOptions(request),
      ),
    ),
  );
  app.patch(`${endpoint}/:id`, async (request, reply) =>
    sendResult(
      reply,
      await service.patch(
        scimContextOf(request),
        resourceType,
        idOf(request),
        request.body,
        requestOptions(request),
      ),
    ),
  );
  app.delete(`${endpoint}/:id`, async (request, reply) =>
    sendResult(
      reply,
      await service.delete(scimContextOf(request), resourceType, idOf(request), requestOptions(request)),
    ),
  );
}
