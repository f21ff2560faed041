import { parsePatchPath, type PatchPath } from '../path/index.js';

const MAX_CACHED_PATHS = 1_000;
const cache = new Map<string, PatchPath>();

/**
 * `parsePatchPath` memoised by text. Provisioning clients send the same few paths for every
 * user, so each is parsed once, and the single path object per text lets `applyPatch` reuse
 * the resolved, compiled target too. Bounded: the cache starts over when full. Parse errors
 * are not cached.
 *
 * @throws ScimError 400 `invalidPath` / `invalidFilter` as `parsePatchPath` does
 */
export function parsePatchPathCached(text: string): PatchPath {
  let path = cache.get(text);
  if (path === undefined) {
    path = parsePatchPath(text);
    if (cache.size >= MAX_CACHED_PATHS) cache.clear();
    cache.set(text, path);
  }
  return path;
}
