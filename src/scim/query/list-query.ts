import { invalidSyntax, invalidValue } from '../errors/scim-error.js';
import type { Filter } from '../filter/filter-ast.js';
import { parseFilter } from '../filter/filter-parser.js';
import type { AttributePath } from '../path/attribute-path.js';
import { parseAttributePath } from '../path/path-parser.js';
import { isJsonObject } from '../resource/attribute-access.js';
import { parseAttributeListValue } from './attribute-list.js';
import { SORT_ORDERS, type SortOrder } from './sort.js';

export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** A list or search request, parsed (RFC 7644 §3.4.2, §3.4.3; RFC 9865). */
export interface ListQuery {
  readonly filter?: Filter;
  /** The filter as sent, e.g. for logs or to bind a cursor to its query. */
  readonly filterText?: string;
  readonly sortBy?: AttributePath;
  /** `ascending` unless given (RFC 7644 §3.4.2.3). */
  readonly sortOrder: SortOrder;
  /** 1-based; values below 1 become 1 (RFC 7644 §3.4.2.4). */
  readonly startIndex: number;
  /** Non-negative; negative values become 0 (§3.4.2.4). Absent: the provider's default. */
  readonly count?: number;
  /** RFC 9865 cursor; `''` asks for the first page of a cursor-paginated list. */
  readonly cursor?: string;
  readonly attributes?: readonly AttributePath[];
  readonly excludedAttributes?: readonly AttributePath[];
}

/** Raw values common to query parameters and SearchRequest bodies. */
interface RawListQuery {
  readonly filter?: string | undefined;
  readonly sortBy?: string | undefined;
  readonly sortOrder?: string | undefined;
  readonly startIndex?: string | number | undefined;
  readonly count?: string | number | undefined;
  readonly cursor?: string | undefined;
  readonly attributes?: string | readonly string[] | undefined;
  readonly excludedAttributes?: string | readonly string[] | undefined;
}

const INTEGER = /^[+-]?\d+$/;

function readInteger(value: string | number | undefined, parameter: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value;
    throw invalidValue(`${parameter} must be an integer, got ${value}`);
  }
  const text = value.trim();
  if (text === '') return undefined;
  if (!INTEGER.test(text)) throw invalidValue(`${parameter} must be an integer, got "${value}"`);
  const number = Number(text);
  // Beyond the safe range the value only matters by its sign.
  return Math.max(Math.min(number, Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER);
}

function readSortOrder(value: string | undefined): SortOrder {
  if (value === undefined || value.trim() === '') return 'ascending';
  const lower = value.trim().toLowerCase();
  const order = SORT_ORDERS.find((o) => o === lower);
  if (order === undefined)
    throw invalidValue(`sortOrder must be "ascending" or "descending", got "${value}"`);
  return order;
}

function readList(
  value: string | readonly string[] | undefined,
  parameter: string,
): AttributePath[] | undefined {
  if (value === undefined) return undefined;
  const paths = parseAttributeListValue(value, parameter);
  return paths.length === 0 ? undefined : paths;
}

function buildListQuery(raw: RawListQuery): ListQuery {
  const query: { -readonly [K in keyof ListQuery]: ListQuery[K] } = {
    sortOrder: readSortOrder(raw.sortOrder),
    startIndex: Math.max(1, readInteger(raw.startIndex, 'startIndex') ?? 1),
  };
  if (raw.filter !== undefined && raw.filter.trim() !== '') {
    query.filterText = raw.filter;
    query.filter = parseFilter(raw.filter);
  }
  if (raw.sortBy !== undefined && raw.sortBy.trim() !== '')
    query.sortBy = parseAttributePath(raw.sortBy.trim());
  const count = readInteger(raw.count, 'count');
  if (count !== undefined) query.count = Math.max(0, count);
  if (raw.cursor !== undefined) query.cursor = raw.cursor;
  const attributes = readList(raw.attributes, 'attributes');
  if (attributes !== undefined) query.attributes = attributes;
  const excludedAttributes = readList(raw.excludedAttributes, 'excludedAttributes');
  if (excludedAttributes !== undefined) query.excludedAttributes = excludedAttributes;
  return query;
}

const PARAMETERS = [
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
  'cursor',
  'attributes',
  'excludedAttributes',
] as const;

/**
 * Parses the query parameters of `GET /Users`, `GET /Groups`, … (RFC 7644 §3.4.2, RFC 9865 §2).
 * Parameter names match case-insensitively; unknown parameters are ignored. `attributes` and
 * `excludedAttributes` may both be given: RFC 7644 §3.4.2.5 does not forbid it (see
 * `compileProjection` for how they combine). Blank values count as absent, except `cursor`,
 * where an empty value asks for the first page (RFC 9865 §2.1).
 *
 * @throws ScimError `invalidFilter` (bad filter), `invalidPath` (bad sortBy or attribute list),
 *   `invalidValue` naming the parameter (non-integer startIndex/count, unknown sortOrder).
 * @example parseListQuery({ filter: 'userName eq "bjensen"', startIndex: '0', count: '-5' }) // startIndex 1, count 0
 */
export function parseListQuery(params: Readonly<Record<string, string | undefined>>): ListQuery {
  const raw: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = PARAMETERS.find((p) => p.toLowerCase() === key.toLowerCase());
    if (name !== undefined && value !== undefined) raw[name] = value;
  }
  return buildListQuery(raw);
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name.toLowerCase()];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(`${name} must be a string`);
  return value;
}

function optionalInteger(body: Record<string, unknown>, name: string): string | number | undefined {
  const value = body[name.toLowerCase()];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string')
    throw invalidValue(`${name} must be an integer`);
  return value;
}

function optionalList(body: Record<string, unknown>, name: string): string | readonly string[] | undefined {
  const value = body[name.toLowerCase()];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw invalidValue(`${name} must be an array of attribute names`);
}

/**
 * Parses a `POST /.search` body (RFC 7644 §3.4.3): `schemas` must list
 * `urn:ietf:params:scim:api:messages:2.0:SearchRequest`; `attributes` and `excludedAttributes`
 * are arrays of attribute names (a comma-separated string is accepted too); the rest as in
 * {@link parseListQuery}. Member names match case-insensitively.
 *
 * @throws ScimError `invalidSyntax` for a body that is not a SearchRequest, otherwise as
 *   {@link parseListQuery}.
 */
export function parseSearchRequest(body: unknown): ListQuery {
  if (!isJsonObject(body)) throw invalidSyntax('a SearchRequest body must be a JSON object');
  const members: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) members[key.toLowerCase()] = value;
  const schemas = members['schemas'];
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase())
  ) {
    throw invalidSyntax(`a SearchRequest must list "${SEARCH_REQUEST_SCHEMA}" in schemas`);
  }
  return buildListQuery({
    filter: optionalString(members, 'filter'),
    sortBy: optionalString(members, 'sortBy'),
    sortOrder: optionalString(members, 'sortOrder'),
    startIndex: optionalInteger(members, 'startIndex'),
    count: optionalInteger(members, 'count'),
    cursor: optionalString(members, 'cursor'),
    attributes: optionalList(members, 'attributes'),
    excludedAttributes: optionalList(members, 'excludedAttributes'),
  });
}
