import { randomUUID } from 'node:crypto';
import { getMember, isJsonObject, type JsonObject } from '../../scim/index.js';
import { ScimClient, listedResources, type ScimClientOptions } from './scim-client.js';
import { ScimClientError, type ScimClientErrorCode } from './scim-client-error.js';

export interface ConnectionCheck {
  readonly name: string;
  readonly ok: boolean;
  /** One or two sentences an admin understands. */
  readonly detail: string;
}

export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly checks: readonly ConnectionCheck[];
}

export type TestConnectionOptions = ScimClientOptions & {
  /** The attribute the Users query filters on (default `userName`), as matching will. */
  readonly matchingAttribute?: string;
};

export const CONNECTION_CHECK_NAMES = {
  users: 'Query users',
  serviceProviderConfig: 'Service provider configuration',
  schemas: 'Schemas',
} as const;

/** Failures after which asking the other endpoints tells the admin nothing new. */
const STOPPING_CODES: ReadonlySet<ScimClientErrorCode> = new Set([
  'Unauthorized',
  'Forbidden',
  'Timeout',
  'ConnectionRefused',
  'ConnectionReset',
  'DnsFailure',
  'TlsFailure',
]);

function targetSays(error: ScimClientError): string {
  const said = [error.scimType, error.detail].filter((part) => part !== undefined && part !== '').join(': ');
  return said === '' ? '' : ` The app says: "${said}".`;
}

/** An admin-facing sentence for a failed call: what happened and what to do about it. */
function explain(error: unknown, client: ScimClient): string {
  if (!(error instanceof ScimClientError))
    return `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
  const host = client.host;
  switch (error.code) {
    case 'ConnectionRefused':
      return `Connection refused by ${host} — is the SCIM app running and the URL right?`;
    case 'DnsFailure':
      return `Could not resolve host ${host.replace(/:\d+$/, '')} — check the spelling of the URL and that this server's DNS can see it.`;
    case 'TlsFailure':
      return `The TLS certificate or handshake of ${host} was not accepted (${error.detail ?? 'TLS error'}) — the app needs a certificate from a trusted authority; also check http:// versus https://.`;
    case 'Timeout':
      return `No answer from ${host} in time — is the app up, and can this server reach it through the firewall?`;
    case 'ConnectionReset':
      return `${host} closed the connection without answering — check http:// versus https:// and any proxy in between.`;
    case 'Unauthorized':
      return `The token was rejected (401). Generate a new API key in the app and save it here.${targetSays(error)}`;
    case 'Forbidden':
      return `The token was accepted but lacks permission for ${error.method} ${error.path.split('?')[0] ?? ''} (403) — give the API key user-provisioning rights in the app.${targetSays(error)}`;
    case 'NotFound':
      return `404: no SCIM endpoint at ${client.baseUrl}${error.path.split('?')[0] ?? ''} — check the base URL (it usually ends in /scim/v2 or /scim/directory/<id>).`;
    case 'NotScim':
      return `${error.detail ?? 'The answer is not SCIM JSON'} — the URL probably points at a web page or another API, not the SCIM endpoint.`;
    case 'TooManyRequests':
      return `The app is rate limiting scimsync (429) — wait a minute and test again.${targetSays(error)}`;
    case 'InternalServerError':
    case 'ServiceUnavailable':
      return `The app failed with ${error.status ?? 'a server error'} — check its health and logs, then test again.${targetSays(error)}`;
    default:
      return `${error.message}.`;
  }
}

async function checkUsersQuery(
  client: ScimClient,
  attribute: string,
): Promise<{ check: ConnectionCheck; stop: boolean }> {
  const name = CONNECTION_CHECK_NAMES.users;
  // A random GUID can match nobody: a non-empty answer means the app ignores the filter.
  const filter = `${attribute} eq "${randomUUID()}"`;
  try {
    const { status, body } = await client.request('GET', '/Users', { query: { filter } });
    const total = isJsonObject(body) ? Number(getMember(body, 'totalResults')) : Number.NaN;
    const resources = listedResources(body);
    if (status !== 200 || !isJsonObject(body) || Number.isNaN(total) || resources === undefined) {
      const got = status !== 200 ? `status ${status}` : 'an answer without totalResults';
      return {
        check: {
          name,
          ok: false,
          detail: `GET /Users?filter=${filter} gave ${got}, not a SCIM ListResponse (RFC 7644 §3.4.2).`,
        },
        stop: false,
      };
    }
    if (total !== 0 || resources.length > 0) {
      return {
        check: {
          name,
          ok: false,
          detail: `The filter ${filter} should match nobody but the app returned ${Math.max(total, resources.length)} user(s) — it seems to ignore filters, so matching on ${attribute} would link the wrong users.`,
        },
        stop: false,
      };
    }
    return {
      check: {
        name,
        ok: true,
        detail: `Connected to ${client.host}: the token works and a query on ${attribute} answered as SCIM requires.`,
      },
      stop: false,
    };
  } catch (error) {
    let detail = explain(error, client);
    if (error instanceof ScimClientError && error.code === 'BadRequest') {
      detail = `The app rejected the query ${filter} (400) — it must support "eq" filters on ${attribute} for matching.${targetSays(error)}`;
    }
    const stop = error instanceof ScimClientError && STOPPING_CODES.has(error.code);
    return { check: { name, ok: false, detail }, stop };
  }
}

async function checkServiceProviderConfig(client: ScimClient, usersOk: boolean): Promise<ConnectionCheck> {
  const name = CONNECTION_CHECK_NAMES.serviceProviderConfig;
  try {
    return { name, ok: true, detail: describeServiceProviderConfig(await client.serviceProviderConfig()) };
  } catch (error) {
    // A working Users endpoint proves this is SCIM; a missing discovery endpoint is then a gap, not a fault.
    if (usersOk && error instanceof ScimClientError && (error.status === 404 || error.status === 501)) {
      return {
        name,
        ok: true,
        detail: `The app publishes no /ServiceProviderConfig (${error.status}); scimsync will assume the defaults.`,
      };
    }
    return { name, ok: false, detail: explain(error, client) };
  }
}

function supported(config: JsonObject, feature: string): boolean {
  const value = getMember(config, feature);
  return isJsonObject(value) && getMember(value, 'supported') === true;
}

function describeServiceProviderConfig(config: JsonObject): string {
  const filter = getMember(config, 'filter');
  const maxResults = isJsonObject(filter) ? getMember(filter, 'maxResults') : undefined;
  const features = [
    `PATCH ${supported(config, 'patch') ? 'supported' : 'not supported'}`,
    `filtering ${supported(config, 'filter') ? `supported${typeof maxResults === 'number' ? ` (up to ${maxResults} results)` : ''}` : 'not supported'}`,
    `bulk ${supported(config, 'bulk') ? 'supported' : 'not supported'}`,
    `ETags ${supported(config, 'etag') ? 'supported' : 'not supported'}`,
  ];
  const schemes = getMember(config, 'authenticationSchemes');
  const names = Array.isArray(schemes)
    ? schemes
        .map((s) => (isJsonObject(s) ? getMember(s, 'name') : undefined))
        .filter((n): n is string => typeof n === 'string')
    : [];
  const auth = names.length > 0 ? `; authentication: ${names.join(', ')}` : '';
  return `The app describes itself: ${features.join(', ')}${auth}.`;
}

async function checkSchemas(client: ScimClient, usersOk: boolean): Promise<ConnectionCheck> {
  const name = CONNECTION_CHECK_NAMES.schemas;
  try {
    const schemas = await client.schemas();
    const names = schemas.map((s) => {
      const n = getMember(s, 'name');
      const id = getMember(s, 'id');
      return typeof n === 'string' && n !== '' ? n : String(id);
    });
    if (names.length === 0)
      return {
        name,
        ok: usersOk,
        detail: 'The app lists no schemas; scimsync will assume the SCIM core schemas.',
      };
    return { name, ok: true, detail: `The app defines ${names.length} schema(s): ${names.join(', ')}.` };
  } catch (error) {
    if (usersOk && error instanceof ScimClientError && (error.status === 404 || error.status === 501)) {
      return {
        name,
        ok: true,
        detail: `The app publishes no /Schemas (${error.status}); scimsync will assume the SCIM core User, Enterprise User and Group schemas.`,
      };
    }
    return { name, ok: false, detail: explain(error, client) };
  }
}

/**
 * What Entra does on "Test Connection", plus discovery: a Users query on a random GUID must
 * answer an empty ListResponse; then /ServiceProviderConfig and /Schemas are read. Each attempt
 * is tried once: an admin waiting on a button wants the first failure, not five.
 */
export async function testConnection(options: TestConnectionOptions): Promise<ConnectionTestResult> {
  const { matchingAttribute = 'userName', ...clientOptions } = options;
  let client: ScimClient;
  try {
    client = new ScimClient({ ...clientOptions, maxAttempts: 1 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const detail = `The base URL "${options.baseUrl}" is not usable (${reason}) — enter the full http(s) URL of the app's SCIM endpoint.`;
    return { ok: false, checks: [{ name: CONNECTION_CHECK_NAMES.users, ok: false, detail }] };
  }
  try {
    const users = await checkUsersQuery(client, matchingAttribute);
    const checks: ConnectionCheck[] = [users.check];
    if (users.stop) {
      const detail =
        'Not checked: the app could not be reached or did not let scimsync in (see the first check).';
      checks.push(
        { name: CONNECTION_CHECK_NAMES.serviceProviderConfig, ok: false, detail },
        { name: CONNECTION_CHECK_NAMES.schemas, ok: false, detail },
      );
    } else {
      checks.push(
        await checkServiceProviderConfig(client, users.check.ok),
        await checkSchemas(client, users.check.ok),
      );
    }
    return { ok: checks.every((check) => check.ok), checks };
  } finally {
    await client.close();
  }
}
