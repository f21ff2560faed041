/**
 * `/api/directory/applications` and their `/assignments`: who may use which app, with which
 * app role. A principal is named by `principalId` (a user id or UPN, or a group id or name);
 * `principalType` says which when the name alone could be either.
 */
import type { FastifyInstance } from 'fastify';
import { directoryError, type DirectoryApi } from '../../directory/index.js';
import type { AssignmentRecord } from '../../store/index.js';
import {
  graphCollection,
  idParams,
  pageRequest,
  pagingQuerySchema,
  type DirectoryRouteContext,
  type PagingQuery,
} from './directory-paging.js';

interface CreateApplicationBody {
  name: string;
  appRoles?: { value: string; displayName?: string }[];
}

interface AssignmentBody {
  principalId: string;
  principalType?: 'user' | 'group';
  /** App role value or id; absent = default access. */
  appRole?: string;
}

const principalSchema = {
  principalId: { type: 'string', minLength: 1, maxLength: 300 },
  principalType: { type: 'string', enum: ['user', 'group'] },
  appRole: { type: 'string', minLength: 1, maxLength: 300 },
} as const;

async function principalOf(
  directory: DirectoryApi,
  id: string,
  type: 'user' | 'group' | undefined,
): Promise<{ user?: string; group?: string }> {
  if (type === 'user') return { user: id };
  if (type === 'group') return { group: id };
  if ((await directory.getUser(id)) !== undefined) return { user: id };
  if ((await directory.getGroup(id)) !== undefined) return { group: id };
  throw directoryError('SCIMSYNC_ERR_DIRECTORY_MEMBER_NOT_FOUND', { member: id });
}

export function registerDirectoryAppRoutes(app: FastifyInstance, context: DirectoryRouteContext): void {
  const { directory, bodyLimit, baseUrl } = context;
  const assignmentView = (a: AssignmentRecord) => a;

  app.get('/applications', async () => ({ value: await directory.listApplications() }));

  app.post<{ Body: CreateApplicationBody }>(
    '/applications',
    {
      bodyLimit,
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            appRoles: {
              type: 'array',
              maxItems: 100,
              items: {
                type: 'object',
                required: ['value'],
                additionalProperties: false,
                properties: {
                  value: { type: 'string', minLength: 1, maxLength: 200 },
                  displayName: { type: 'string', maxLength: 200 },
                },
              },
            },
          },
        },
      },
    },
    async (request, reply) => reply.code(201).send(await directory.createApplication(request.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/applications/:id',
    { schema: { params: idParams } },
    async (request) => {
      const found = await directory.getApplication(request.params.id);
      if (found === undefined) {
        throw directoryError('SCIMSYNC_ERR_DIRECTORY_APPLICATION_NOT_FOUND', {
          application: request.params.id,
        });
      }
      return found;
    },
  );

  app.get<{ Params: { id: string }; Querystring: PagingQuery }>(
    '/applications/:id/assignments',
    { schema: { params: idParams, querystring: pagingQuerySchema } },
    async (request) =>
      graphCollection(
        await directory.listAssignments(request.params.id, pageRequest(request.query)),
        assignmentView,
        `${baseUrl}/applications/${encodeURIComponent(request.params.id)}/assignments`,
        request.query,
      ),
  );

  app.post<{ Params: { id: string }; Body: AssignmentBody }>(
    '/applications/:id/assignments',
    {
      bodyLimit,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['principalId'],
          additionalProperties: false,
          properties: principalSchema,
        },
      },
    },
    async (request, reply) => {
      const { principalId, principalType, appRole } = request.body;
      const principal = await principalOf(directory, principalId, principalType);
      return reply.code(201).send(await directory.assign(request.params.id, principal, appRole));
    },
  );

  app.delete<{
    Params: { id: string; principalId: string };
    Querystring: { principalType?: 'user' | 'group'; appRole?: string };
  }>(
    '/applications/:id/assignments/:principalId',
    {
      schema: {
        params: {
          type: 'object',
          required: ['id', 'principalId'],
          properties: { id: idParams.properties.id, principalId: principalSchema.principalId },
        },
        querystring: {
          type: 'object',
          properties: { principalType: principalSchema.principalType, appRole: principalSchema.appRole },
        },
      },
    },
    async (request, reply) => {
      const { principalType, appRole } = request.query;
      const principal = await principalOf(directory, request.params.principalId, principalType);
      // Idempotent, like assigning: no assignment left is the outcome asked for.
      await directory.unassign(request.params.id, principal, appRole);
      return reply.code(204).send();
    },
  );
}
