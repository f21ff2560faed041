/**
 * Authenticates SCIM requests: the bearer token must be an active API key of the tenant in the
 * URL. Anything else — no token, a malformed, unknown, revoked or expired key, or another
 * tenant's key — is the same 401, so a caller learns nothing about other tenants.
 */
import type { FastifyRequest } from 'fastify';
import { ScimError } from '../scim/index.js';
import type { TenantService } from '../server/index.js';
import { ApiKeyCache, type ApiKeyCacheOptions } from './api-key-cache.js';
import { bearerToken } from './plugins/admin-auth.js';

export interface ScimCaller {
  readonly tenantId: string;
  /** `key:<apiKeyId>`, recorded in the audit log. */
  readonly actor: string;
}

export type ScimAuthenticator = (request: FastifyRequest, tenantId: string) => Promise<ScimCaller>;

/**
 * Verified keys are cached briefly (see {@link ApiKeyCache}): a key revoked in this process stops
 * working at once, one revoked by another process within `cache.ttlMs` (5 s by default).
 */
export function createScimAuthenticator(
  tenants: TenantService,
  options: { readonly cache?: ApiKeyCacheOptions } = {},
): ScimAuthenticator {
  const cache = new ApiKeyCache(options.cache);
  tenants.onTenantChange((change) => cache.forget(change));
  return async (request, tenantId) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      throw new ScimError(401, undefined, 'Authentication required: send "Authorization: Bearer <API key>"');
    }
    let verified = cache.get(token);
    if (verified === undefined) {
      verified = await tenants.verifyApiKey(token);
      if (verified !== undefined) cache.remember(token, verified);
    }
    if (verified === undefined || verified.tenantId !== tenantId) {
      throw new ScimError(
        401,
        undefined,
        'The API key is not valid for this directory (unknown, revoked or expired)',
      );
    }
    return { tenantId, actor: verified.actor };
  };
}
