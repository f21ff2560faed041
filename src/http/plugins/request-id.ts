/**
 * Request ids: a caller's `x-request-id` is kept when it is a sane token (so logs line up across
 * a proxy or an identity provider), otherwise a UUID is made; either way it is echoed back.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginCallback } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED_ID = /^[\w.:@/+=-]{1,128}$/;

/** For Fastify's `genReqId` server option. */
export function generateRequestId(request: IncomingMessage): string {
  const presented = request.headers[REQUEST_ID_HEADER];
  return typeof presented === 'string' && ACCEPTED_ID.test(presented) ? presented : randomUUID();
}

const requestIdPlugin: FastifyPluginCallback = (app, _options, done) => {
  app.addHook('onRequest', (request, reply, next) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    next();
  });
  done();
};
// Not encapsulated: the hook must reach every route of the app (what fastify-plugin does).
Object.assign(requestIdPlugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'scimsync-request-id',
});

export { requestIdPlugin };
