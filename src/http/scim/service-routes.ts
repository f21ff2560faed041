import type { FastifyInstance } from 'fastify';
import { parseSearchRequest } from '../../scim/index.js';
import type { ScimService } from '../../server/index.js';
import { sendScim } from './scim-reply.js';
import { scimContextOf } from './scim-request-context.js';

/** Discovery (RFC 7644 §4), root search (§3.4.3) and Bulk (§3.7). */
export function registerServiceRoutes(app: FastifyInstance, service: ScimService): void {
  app.get('/ServiceProviderConfig', async (request, reply) =>
    sendScim(reply, 200, service.serviceProviderConfig(scimContextOf(request))),
  );
  app.get('/Schemas', async (request, reply) =>
    sendScim(reply, 200, service.listSchemas(scimContextOf(request))),
  );
  app.get('/Schemas/:urn', async (request, reply) =>
    sendScim(reply, 200, service.getSchema(scimContextOf(request), (request.params as { urn: string }).urn)),
  );
  app.get('/ResourceTypes', async (request, reply) =>
    sendScim(reply, 200, service.listResourceTypes(scimContextOf(request))),
  );
  app.get('/ResourceTypes/:name', async (request, reply) =>
    sendScim(
      reply,
      200,
      service.getResourceType(scimContextOf(request), (request.params as { name: string }).name),
    ),
  );
  app.post('/.search', async (request, reply) =>
    sendScim(reply, 200, await service.search(scimContextOf(request), parseSearchRequest(request.body))),
  );
  app.post('/Bulk', async (request, reply) => {
    const length = Number(request.headers['content-length']);
    const options = Number.isInteger(length) && length >= 0 ? { payloadSize: length } : {};
    return sendScim(reply, 200, await service.bulk(scimContextOf(request), request.body, options));
  });
}
