export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** A ListResponse body (RFC 7644 §3.4.2; cursors from RFC 9865 §2.2). */
export interface ListResponse<T = unknown> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  itemsPerPage: number;
  startIndex?: number;
  nextCursor?: string;
  previousCursor?: string;
  Resources: T[];
}

export interface ListResponseInput<T> {
  readonly resources: readonly T[];
  /** All matches, not only this page. */
  readonly totalResults: number;
  /** 1-based index of the first resource; omit for cursor-paginated pages (RFC 9865). */
  readonly startIndex?: number;
  /** Defaults to the number of resources on this page. */
  readonly itemsPerPage?: number;
  /** RFC 9865: omit on the last page. */
  readonly nextCursor?: string;
  readonly previousCursor?: string;
}

/**
 * Builds a ListResponse (RFC 7644 §3.4.2). `Resources` is always present, empty when nothing
 * matched, which every client tolerates, while some fail when the member is missing.
 *
 * @example buildListResponse({ resources: page, totalResults: 100, startIndex: 1 })
 */
export function buildListResponse<T>(input: ListResponseInput<T>): ListResponse<T> {
  if (!Number.isInteger(input.totalResults) || input.totalResults < input.resources.length) {
    throw new TypeError(
      `totalResults ${input.totalResults} cannot be below the ${input.resources.length} resources returned`,
    );
  }
  // Members in the order of the RFC examples: paging data first, Resources last.
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: input.totalResults,
    itemsPerPage: input.itemsPerPage ?? input.resources.length,
    ...(input.startIndex === undefined ? {} : { startIndex: input.startIndex }),
    ...(input.nextCursor === undefined ? {} : { nextCursor: input.nextCursor }),
    ...(input.previousCursor === undefined ? {} : { previousCursor: input.previousCursor }),
    Resources: [...input.resources],
  };
}
