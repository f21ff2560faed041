/**
 * List and search requests (RFC 7644 §3.4.2, §3.4.3, §3.9; RFC 9865): query parameters,
 * SearchRequest bodies, attribute projection and sorting.
 * @module
 */
export { parseAttributeList, parseAttributeListValue } from './attribute-list.js';
export { SEARCH_REQUEST_SCHEMA, parseListQuery, parseSearchRequest, type ListQuery } from './list-query.js';
export { compileProjection, projectResource, type ProjectionOptions, type Projector } from './projection.js';
export { SORT_ORDERS, compareForSort, sortResources, type SortComparator, type SortOrder } from './sort.js';
