import { SERVICE_PROVIDER_CONFIG_SCHEMA_ID, type DiscoveryMeta } from './meta-schemas.js';

/** One entry of `authenticationSchemes` (RFC 7643 §5). */
export interface AuthenticationScheme {
  type: string;
  name: string;
  description: string;
  specUri?: string;
  documentationUri?: string;
  primary?: boolean;
}

/** RFC 9865 §5: which pagination methods the service provider offers. */
export interface PaginationConfig {
  cursor: boolean;
  index: boolean;
  defaultPaginationMethod?: 'cursor' | 'index';
  defaultPageSize?: number;
  maxPageSize?: number;
  /** Seconds a cursor stays valid. */
  cursorTimeout?: number;
}

/** The `/ServiceProviderConfig` resource (RFC 7643 §5, RFC 9865 §5). */
export interface ServiceProviderConfig {
  schemas: [typeof SERVICE_PROVIDER_CONFIG_SCHEMA_ID];
  documentationUri?: string;
  patch: { supported: boolean };
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePassword: { supported: boolean };
  sort: { supported: boolean };
  etag: { supported: boolean };
  pagination?: PaginationConfig;
  authenticationSchemes: AuthenticationScheme[];
  meta: DiscoveryMeta;
}

export interface ServiceProviderConfigOptions {
  readonly documentationUri?: string;
  readonly patch?: boolean;
  /** `false`, or the limits of a supported Bulk endpoint. */
  readonly bulk?: false | { readonly maxOperations: number; readonly maxPayloadSize: number };
  /** `false`, or the most resources a filtered list returns. */
  readonly filter?: false | { readonly maxResults: number };
  readonly changePassword?: boolean;
  readonly sort?: boolean;
  readonly etag?: boolean;
  readonly pagination?: PaginationConfig;
  readonly authenticationSchemes?: readonly AuthenticationScheme[];
  readonly location?: string;
}

/** The OAuth bearer token scheme as RFC 7643 §8.5 describes it. */
export const OAUTH_BEARER_TOKEN_SCHEME: AuthenticationScheme = Object.freeze({
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'Authentication scheme using the OAuth Bearer Token Standard',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
});

/**
 * Builds the ServiceProviderConfig resource. Unsupported features still appear with
 * `supported: false` and zero limits, since RFC 7643 §5 marks each of them REQUIRED.
 *
 * @example buildServiceProviderConfig({ patch: true, filter: { maxResults: 200 } })
 */
export function buildServiceProviderConfig(
  options: ServiceProviderConfigOptions = {},
): ServiceProviderConfig {
  const bulk = options.bulk ?? false;
  const filter = options.filter ?? false;
  const config: ServiceProviderConfig = {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA_ID],
    patch: { supported: options.patch ?? false },
    bulk:
      bulk === false
        ? { supported: false, maxOperations: 0, maxPayloadSize: 0 }
        : { supported: true, maxOperations: bulk.maxOperations, maxPayloadSize: bulk.maxPayloadSize },
    filter:
      filter === false
        ? { supported: false, maxResults: 0 }
        : { supported: true, maxResults: filter.maxResults },
    changePassword: { supported: options.changePassword ?? false },
    sort: { supported: options.sort ?? false },
    etag: { supported: options.etag ?? false },
    authenticationSchemes: (options.authenticationSchemes ?? [OAUTH_BEARER_TOKEN_SCHEME]).map((s) => ({
      ...s,
    })),
    meta: { resourceType: 'ServiceProviderConfig', location: options.location ?? '/ServiceProviderConfig' },
  };
  if (options.documentationUri !== undefined) config.documentationUri = options.documentationUri;
  if (options.pagination !== undefined) config.pagination = { ...options.pagination };
  return config;
}
