const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** FNV-1a, 64 bits, over the UTF-16 code units of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** JSON with object keys sorted, so equal resources serialise equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A version string for a resource's content: a 64-bit FNV-1a hash of its key-order-independent
 * JSON. Leave `meta` out of what you pass, or the version would depend on itself. Pair with
 * `formatETag` for `meta.version` (RFC 7643 §3.1) and the ETag header (RFC 7644 §3.14).
 *
 * @example formatETag(computeVersion({ userName: 'bjensen' }))
 */
export function computeVersion(content: unknown): string {
  return fnv1a64(stableStringify(content));
}
