import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmptyResult, ResourceResult } from '../../server/index.js';

/** Every SCIM answer's media type (RFC 7644 §3.1). */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

export function sendScim(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type(SCIM_CONTENT_TYPE).send(body);
}

/** A single resource with its ETag (RFC 7644 §3.14) and Location (§3.3), or an empty 204/304. */
export function sendResult(
  reply: FastifyReply,
  result: ResourceResult | EmptyResult,
  status: 200 | 201 = 200,
): FastifyReply {
  if (result.etag !== undefined) void reply.header('ETag', result.etag);
  if (result.kind === 'resource') {
    void reply.header('Location', result.location);
    return sendScim(reply, status, result.resource);
  }
  if (result.location !== undefined) void reply.header('Location', result.location);
  return reply.code(result.kind === 'notModified' ? 304 : 204).send();
}

/** A query parameter, matched case-insensitively; the last value wins when repeated. */
export function queryParameter(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Record<string, string | string[] | undefined> | undefined;
  if (query === undefined || query === null) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(query)) {
    if (key.toLowerCase() !== lower) continue;
    return Array.isArray(value) ? value[value.length - 1] : value;
  }
  return undefined;
}

/** All query parameters as single strings, for `parseListQuery`. */
export function queryParameters(request: FastifyRequest): Record<string, string | undefined> {
  const query = (request.query ?? {}) as Record<string, string | string[] | undefined>;
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query))
    out[key] = Array.isArray(value) ? value[value.length - 1] : value;
  return out;
}

export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
