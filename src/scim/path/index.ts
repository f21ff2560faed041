/**
 * @module
 * Attribute paths and PATCH paths (RFC 7644 §3.5.2, §3.10): parsing (sharing the filter parser),
 * printing, and resolution against a resource type's schemas.
 */
export type { AttributePath, PatchPath } from './attribute-path.js';
export { parseAttributePath, parsePatchPath, PATH_MAX_LENGTH } from './path-parser.js';
export { printAttributePath, printPatchPath } from './print-path.js';
export { resolveAttributePath, type ResolvedAttributePath } from './resolve-attribute-path.js';
