/**
 * `/api/tenants/:id/keys`: issue, list, revoke and regenerate API keys. A key's token appears
 * only in the answer that issues it.
 */
import type { FastifyInstance } from 'fastify';
import {
  apiKeyOptions,
  apiKeyOptionsBody,
  tenantIdParams,
  type AdminContext,
  type ApiKeyOptionsBody,
} from './admin-context.js';

const keyParams = {
  type: 'object',
  required: ['id', 'keyId'],
  properties: {
    id: tenantIdParams.properties.id,
    keyId: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

/** A POST without a body means "all defaults". */
const optionalKeyBody = { ...apiKeyOptionsBody, type: ['object', 'null'] } as const;

export function registerKeyRoutes(app: FastifyInstance, context: AdminContext): void {
  const { tenants, bodyLimit } = context;

  app.get<{ Params: { id: string } }>(
    '/tenants/:id/keys',
    { schema: { params: tenantIdParams } },
    async (request) => ({ keys: await tenants.listApiKeys(request.params.id) }),
  );

  app.post<{ Params: { id: string }; Body: ApiKeyOptionsBody | null | undefined }>(
    '/tenants/:id/keys',
    { bodyLimit, schema: { params: tenantIdParams, body: optionalKeyBody } },
    async (request, reply) => {
      const key = await tenants.createApiKey(request.params.id, apiKeyOptions(request.body ?? undefined));
      return reply.code(201).send(key);
    },
  );

  app.post<{ Params: { id: string }; Body: ApiKeyOptionsBody | null | undefined }>(
    '/tenants/:id/keys/regenerate',
    { bodyLimit, schema: { params: tenantIdParams, body: optionalKeyBody } },
    async (request, reply) => {
      const result = await tenants.regenerateApiKey(
        request.params.id,
        apiKeyOptions(request.body ?? undefined),
      );
      return reply.code(201).send(result);
    },
  );

  app.delete<{ Params: { id: string; keyId: string } }>(
    '/tenants/:id/keys/:keyId',
    { schema: { params: keyParams } },
    async (request, reply) => {
      await tenants.revokeApiKey(request.params.id, request.params.keyId);
      return reply.code(204).send();
    },
  );
}
