/**
 * `/api/directory/users`, `/deletedItems`, `/groups` and `/groups/:id/members`: Graph-like
 * paths over the directory service (which validates and records the change feed).
 */
import type { FastifyInstance } from 'fastify';
import { directoryError, type DirectoryApi } from '../../directory/index.js';
import type { JsonObject } from '../../scim/index.js';
import type { DirectoryMember } from '../../store/index.js';
import {
  graphCollection,
  idParams,
  objectBody,
  pageRequest,
  pagingQuerySchema,
  type DirectoryRouteContext,
  type PagingQuery,
} from './directory-paging.js';

type IdRequest = { Params: { id: string } };
type BodyRequest = { Params: { id: string }; Body: JsonObject };

const memberParams = {
  type: 'object',
  required: ['id', 'memberId'],
  properties: { id: idParams.properties.id, memberId: idParams.properties.id },
} as const;

async function requireUser(directory: DirectoryApi, id: string, includeDeleted = false) {
  const user = await directory.getUser(id, { includeDeleted });
  if (user === undefined) throw directoryError('SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND', { user: id });
  return user;
}

/** `{"@odata.id": ".../users/{id}"}` (or `.../groups/{id}`, `.../directoryObjects/{id}`) or `{"id": …}`. */
export function memberReference(body: JsonObject): string {
  const odataId = body['@odata.id'];
  if (typeof odataId === 'string') {
    const match = /\/(?:users|groups|directoryObjects)\/([^/?#]+)\/?$/.exec(odataId);
    if (match?.[1] !== undefined) return decodeURIComponent(match[1]);
  }
  const id = body['id'];
  if (typeof id === 'string' && id !== '') return id;
  throw directoryError('SCIMSYNC_ERR_DIRECTORY_MEMBER_NOT_FOUND', {
    member: typeof odataId === 'string' ? odataId : JSON.stringify(body),
  });
}

export function registerDirectoryObjectRoutes(app: FastifyInstance, context: DirectoryRouteContext): void {
  const { directory, bodyLimit, baseUrl } = context;
  const userView = (record: Parameters<DirectoryApi['toGraphUser']>[0]) => directory.toGraphUser(record);
  const groupView = (record: Parameters<DirectoryApi['toGraphGroup']>[0]) => directory.toGraphGroup(record);
  const memberView = (member: DirectoryMember) => ({
    '@odata.type': member.type === 'user' ? '#microsoft.graph.user' : '#microsoft.graph.group',
    id: member.id,
  });
  const paged = { schema: { querystring: pagingQuerySchema } };
  const withBody = { bodyLimit, schema: { params: idParams, body: objectBody } };

  // users
  app.get<{ Querystring: PagingQuery }>('/users', paged, async (request) =>
    graphCollection(
      await directory.listUsers(pageRequest(request.query)),
      userView,
      `${baseUrl}/users`,
      request.query,
    ),
  );
  app.post<{ Body: JsonObject }>(
    '/users',
    { bodyLimit, schema: { body: objectBody } },
    async (request, reply) => reply.code(201).send(userView(await directory.createUser(request.body))),
  );
  app.get<IdRequest>('/users/:id', { schema: { params: idParams } }, async (request) =>
    userView(await requireUser(directory, request.params.id)),
  );
  app.patch<BodyRequest>('/users/:id', withBody, async (request) =>
    userView(await directory.updateUser(request.params.id, request.body)),
  );
  app.delete<IdRequest>('/users/:id', { schema: { params: idParams } }, async (request, reply) => {
    await directory.deleteUser(request.params.id);
    return reply.code(204).send();
  });
  app.post<IdRequest>('/users/:id/restore', { schema: { params: idParams } }, async (request) =>
    userView(await directory.restoreUser(request.params.id)),
  );
  app.get<{ Querystring: PagingQuery }>('/deletedItems', paged, async (request) =>
    graphCollection(
      await directory.listDeletedUsers(pageRequest(request.query)),
      userView,
      `${baseUrl}/deletedItems`,
      request.query,
    ),
  );

  // groups
  app.get<{ Querystring: PagingQuery }>('/groups', paged, async (request) =>
    graphCollection(
      await directory.listGroups(pageRequest(request.query)),
      groupView,
      `${baseUrl}/groups`,
      request.query,
    ),
  );
  app.post<{ Body: JsonObject }>(
    '/groups',
    { bodyLimit, schema: { body: objectBody } },
    async (request, reply) => reply.code(201).send(groupView(await directory.createGroup(request.body))),
  );
  app.get<IdRequest>('/groups/:id', { schema: { params: idParams } }, async (request) => {
    const group = await directory.getGroup(request.params.id);
    if (group === undefined)
      throw directoryError('SCIMSYNC_ERR_DIRECTORY_GROUP_NOT_FOUND', { group: request.params.id });
    return groupView(group);
  });
  app.patch<BodyRequest>('/groups/:id', withBody, async (request) =>
    groupView(await directory.updateGroup(request.params.id, request.body)),
  );
  app.delete<IdRequest>('/groups/:id', { schema: { params: idParams } }, async (request, reply) => {
    await directory.deleteGroup(request.params.id);
    return reply.code(204).send();
  });

  // members
  app.get<{ Params: { id: string }; Querystring: PagingQuery }>(
    '/groups/:id/members',
    { schema: { params: idParams, querystring: pagingQuerySchema } },
    async (request) =>
      graphCollection(
        await directory.listMembers(request.params.id, pageRequest(request.query)),
        memberView,
        `${baseUrl}/groups/${encodeURIComponent(request.params.id)}/members`,
        request.query,
      ),
  );
  app.post<BodyRequest>('/groups/:id/members', withBody, async (request, reply) => {
    await directory.addMember(request.params.id, memberReference(request.body));
    return reply.code(204).send();
  });
  app.delete<{ Params: { id: string; memberId: string } }>(
    '/groups/:id/members/:memberId',
    { schema: { params: memberParams } },
    async (request, reply) => {
      await directory.removeMember(request.params.id, request.params.memberId);
      return reply.code(204).send();
    },
  );
}
