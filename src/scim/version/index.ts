/**
 * Resource versions and ETag preconditions (RFC 7644 §3.14, RFC 7232).
 * @module
 */
export {
  formatETag,
  ifMatchSatisfied,
  ifNoneMatchSatisfied,
  parseETag,
  parseETagList,
  type ETag,
  type ETagList,
} from './etag.js';
export { computeVersion, fnv1a64, stableStringify } from './compute-version.js';
