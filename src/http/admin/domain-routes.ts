/**
 * `/api/tenants/:id/domains`: the verified email domains users of the tenant must be on.
 */
import type { FastifyInstance } from 'fastify';
import { tenantIdParams, type AdminContext } from './admin-context.js';

const domainParams = {
  type: 'object',
  required: ['id', 'domain'],
  properties: {
    id: tenantIdParams.properties.id,
    domain: { type: 'string', minLength: 1, maxLength: 253 },
  },
} as const;

export function registerDomainRoutes(app: FastifyInstance, context: AdminContext): void {
  const { tenants, bodyLimit } = context;

  app.get<{ Params: { id: string } }>(
    '/tenants/:id/domains',
    { schema: { params: tenantIdParams } },
    async (request) => ({ domains: (await tenants.getTenant(request.params.id)).verifiedDomains }),
  );

  app.post<{ Params: { id: string }; Body: { domain: string } }>(
    '/tenants/:id/domains',
    {
      bodyLimit,
      schema: {
        params: tenantIdParams,
        body: {
          type: 'object',
          required: ['domain'],
          additionalProperties: false,
          properties: { domain: { type: 'string', minLength: 1, maxLength: 253 } },
        },
      },
    },
    async (request, reply) => {
      const tenant = await tenants.addDomain(request.params.id, request.body.domain);
      return reply.code(201).send({ domains: tenant.verifiedDomains });
    },
  );

  app.delete<{ Params: { id: string; domain: string } }>(
    '/tenants/:id/domains/:domain',
    { schema: { params: domainParams } },
    async (request, reply) => {
      await tenants.removeDomain(request.params.id, request.params.domain);
      return reply.code(204).send();
    },
  );
}
