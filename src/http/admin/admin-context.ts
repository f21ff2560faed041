import type { TenantService } from '../../server/index.js';
import type { TenantRecord } from '../../store/index.js';
import { tenantScimBaseUrl } from '../../server/index.js';

/** What the admin route modules share. */
export interface AdminContext {
  readonly tenants: TenantService;
  readonly publicUrl: string;
  readonly bodyLimit: number;
}

export interface TenantView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly verifiedDomains: readonly string[];
  readonly scimBaseUrl: string;
}

export function tenantView(tenant: TenantRecord, publicUrl: string): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    createdAt: tenant.createdAt,
    verifiedDomains: tenant.verifiedDomains,
    scimBaseUrl: tenantScimBaseUrl(publicUrl, tenant.id),
  };
}

export const tenantIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const apiKeyOptionsBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 },
  },
} as const;

export interface ApiKeyOptionsBody {
  name?: string;
  expiresInDays?: number;
}

/** `{ name?, expiresInDays? }` as the service takes it (no explicit undefineds). */
export function apiKeyOptions(body: ApiKeyOptionsBody | undefined): ApiKeyOptionsBody {
  const options: ApiKeyOptionsBody = {};
  if (body?.name !== undefined) options.name = body.name;
  if (body?.expiresInDays !== undefined) options.expiresInDays = body.expiresInDays;
  return options;
}
