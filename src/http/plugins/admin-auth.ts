/**
 * Bearer-token guard for the admin API: every request under the plugin it is registered in
 * must carry the admin token (compared by hash, in constant time).
 */
import type { FastifyPluginCallback } from 'fastify';
import { adminTokenMatches, scimsyncError } from '../../server/index.js';

export interface AdminAuthOptions {
  /** SHA-256 (hex) of the admin token. */
  readonly adminTokenHash: string;
}

/** The token of an `Authorization: Bearer <token>` header, if that is what was sent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

const adminAuthPlugin: FastifyPluginCallback<AdminAuthOptions> = (app, options, done) => {
  app.addHook('onRequest', (request, _reply, next) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || !adminTokenMatches(token, options.adminTokenHash)) {
      next(scimsyncError('SCIMSYNC_ERR_ADMIN_UNAUTHORIZED'));
      return;
    }
    next();
  });
  done();
};
// Applies to the routes of the plugin that registers it, not to the whole app.
Object.assign(adminAuthPlugin, { [Symbol.for('skip-override')]: true });

export { adminAuthPlugin };
