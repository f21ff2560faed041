/**
 * Graph-style paging for the directory admin API: `$top` (1–999, default 100) and an opaque
 * `$skiptoken` carried in `@odata.nextLink`.
 */
import type { Page, PageRequest } from '../../store/index.js';
import type { DirectoryApi } from '../../directory/index.js';

export const DEFAULT_TOP = 100;
export const MAX_TOP = 999;

export interface DirectoryRouteContext {
  readonly directory: DirectoryApi;
  readonly bodyLimit: number;
  /** Absolute URL of `/api/directory`. */
  readonly baseUrl: string;
}

export interface PagingQuery {
  $top?: number;
  $skiptoken?: string;
}

export const pagingQuerySchema = {
  type: 'object',
  properties: {
    $top: { type: 'integer', minimum: 1, maximum: MAX_TOP },
    $skiptoken: { type: 'string', minLength: 1, maxLength: 1000 },
  },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 300 } },
} as const;

export const objectBody = { type: 'object' } as const;

export function pageRequest(query: PagingQuery): PageRequest {
  const limit = query.$top ?? DEFAULT_TOP;
  return query.$skiptoken === undefined ? { limit } : { limit, after: query.$skiptoken };
}

/** `{ value, @odata.nextLink? }` where the link repeats `$top` and carries the next position. */
export function graphCollection<T, V>(
  page: Page<T>,
  view: (item: T) => V,
  url: string,
  query: PagingQuery,
): { value: V[]; '@odata.nextLink'?: string } {
  const value = page.items.map(view);
  if (page.next === undefined) return { value };
  const top = query.$top ?? DEFAULT_TOP;
  return { value, '@odata.nextLink': `${url}?$top=${top}&$skiptoken=${encodeURIComponent(page.next)}` };
}
