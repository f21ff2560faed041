/**
 * `/api/tenants` and `/api/tenants/:id`, plus the tenant's audit log.
 */
import type { FastifyInstance } from 'fastify';
import type { StoredAuditEntry } from '../../store/index.js';
import { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT } from '../../server/index.js';
import {
  apiKeyOptions,
  apiKeyOptionsBody,
  tenantIdParams,
  tenantView,
  type AdminContext,
  type ApiKeyOptionsBody,
} from './admin-context.js';

interface CreateTenantBody {
  name: string;
  verifiedDomains?: string[];
  apiKey?: ApiKeyOptionsBody;
}

export function registerTenantRoutes(app: FastifyInstance, context: AdminContext): void {
  const { tenants, publicUrl, bodyLimit } = context;

  app.get('/tenants', async () => ({
    tenants: (await tenants.listTenants()).map((tenant) => tenantView(tenant, publicUrl)),
  }));

  app.post<{ Body: CreateTenantBody }>(
    '/tenants',
    {
      bodyLimit,
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            verifiedDomains: {
              type: 'array',
              maxItems: 1000,
              items: { type: 'string', minLength: 1, maxLength: 253 },
            },
            apiKey: apiKeyOptionsBody,
          },
        },
      },
    },
    async (request, reply) => {
      const { name, verifiedDomains, apiKey } = request.body;
      const created = await tenants.createTenant({
        name,
        ...(verifiedDomains === undefined ? {} : { verifiedDomains }),
        apiKey: apiKeyOptions(apiKey),
      });
      return reply
        .code(201)
        .header('location', `${request.url.replace(/\/+$/, '')}/${created.tenant.id}`)
        .send({ ...tenantView(created.tenant, publicUrl), apiKey: created.apiKey });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/tenants/:id',
    { schema: { params: tenantIdParams } },
    async (request) => tenantView(await tenants.getTenant(request.params.id), publicUrl),
  );

  app.delete<{ Params: { id: string } }>(
    '/tenants/:id',
    { schema: { params: tenantIdParams } },
    async (request, reply) => {
      await tenants.deleteTenant(request.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number; before?: number } }>(
    '/tenants/:id/audit',
    {
      schema: {
        params: tenantIdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: MAX_AUDIT_LIMIT },
            before: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      const entries = await tenants.listAudit(request.params.id, {
        ...(limit === undefined ? {} : { limit }),
        ...(before === undefined ? {} : { before }),
      });
      const requested = limit ?? DEFAULT_AUDIT_LIMIT;
      const last: StoredAuditEntry | undefined = entries[entries.length - 1];
      // A full page may have more behind it; the client passes this back as `before`.
      return {
        entries,
        nextBefore: last !== undefined && entries.length >= requested ? last.sequence : null,
      };
    },
  );
}
