import { printFilter } from '../filter/print-filter.js';
import type { AttributePath, PatchPath } from './attribute-path.js';

/**
 * Prints `[schemaUrn ":"] attribute ["." subAttribute]` (RFC 7644 §3.10), keeping names as written.
 *
 * @example
 * printAttributePath({ schema: ENTERPRISE_USER_SCHEMA_ID, attribute: 'manager', subAttribute: 'value' });
 */
export function printAttributePath(path: AttributePath): string {
  const name = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`;
  return path.schema === undefined ? name : `${path.schema}:${name}`;
}

/**
 * Prints a PATCH path (RFC 7644 §3.5.2): `attrPath`, or `attrPath "[" valFilter "]" ["." subAttr]`
 * when it has a value filter.
 *
 * @example
 * printPatchPath(parsePatchPath('emails[type eq "work"].value')); // 'emails[type eq "work"].value'
 */
export function printPatchPath(path: PatchPath): string {
  if (path.valueFilter === undefined) return printAttributePath(path);
  const base = printAttributePath({
    ...(path.schema === undefined ? {} : { schema: path.schema }),
    attribute: path.attribute,
  });
  const filtered = `${base}[${printFilter(path.valueFilter)}]`;
  return path.subAttribute === undefined ? filtered : `${filtered}.${path.subAttribute}`;
}
