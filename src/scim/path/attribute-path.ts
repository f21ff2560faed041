import type { Filter } from '../filter/filter-ast.js';

/**
 * An attribute reference as written in a filter or a PATCH path (RFC 7644 §3.10):
 * `[schemaUrn ":"] attribute ["." subAttribute]`. Names keep the case they were written in;
 * resolution against a schema (case-insensitive, RFC 7643 §2.1) happens separately.
 */
export interface AttributePath {
  /** The URN prefix of a fully qualified path, e.g. the enterprise extension's URN. */
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath` or `valuePath ["." subAttr]`, e.g.
 * `members[value eq "2819c223"]` or `emails[type eq "work"].value`.
 * When `valueFilter` is present, `subAttribute` (if any) applies to the selected values.
 */
export interface PatchPath extends AttributePath {
  readonly valueFilter?: Filter;
}
