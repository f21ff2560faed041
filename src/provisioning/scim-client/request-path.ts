/** Query values as the client accepts them; `undefined` leaves the parameter out. */
export type QueryParams = Readonly<Record<string, string | number | undefined>>;

/**
 * `path` (relative to the base URL) with its query, every key and value percent-encoded.
 * encodeURIComponent rather than URLSearchParams: the latter writes spaces as "+", which SCIM
 * servers that do not decode forms read literally, breaking `userName eq "x y"`.
 */
export function buildRelativePath(path: string, query: QueryParams = {}): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  if (pairs.length === 0) return withSlash;
  return `${withSlash}${withSlash.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

/** A resource id as one path segment: ids are opaque and may hold "/" or "?" (RFC 7643 §3.1). */
export function resourcePath(endpoint: string, id: string): string {
  return `/${endpoint}/${encodeURIComponent(id)}`;
}
