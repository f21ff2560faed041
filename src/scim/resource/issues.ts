import type { AttributeType } from '../schema/attribute.js';
import { ScimError } from '../errors/scim-error.js';
import { formatIssueMessage } from './issue-messages.js';

/**
 * Where an issue is, in attribute-path notation with 0-based indexes for multi-valued
 * attributes: `name.givenName`, `emails[1].value`, `schemas`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`; `''` is the body.
 */
export type IssuePath = string;

interface IssueBase {
  readonly path: IssuePath;
  readonly message: string;
}

/** The body is not a JSON object. */
export interface InvalidBodyIssue extends IssueBase {
  readonly code: 'invalid_body';
}
/** A required attribute has no value (RFC 7643 §2.2 "required"). */
export interface RequiredIssue extends IssueBase {
  readonly code: 'required';
}
/** A value of the wrong JSON type for its attribute (RFC 7643 §2.3). */
export interface InvalidTypeIssue extends IssueBase {
  readonly code: 'invalid_type';
  readonly expected: AttributeType | 'array' | 'single value';
  readonly received: string;
}
/** A string that is not a valid dateTime or binary value (RFC 7643 §2.3.5, §2.3.6). */
export interface InvalidFormatIssue extends IssueBase {
  readonly code: 'invalid_format';
  readonly format: 'dateTime' | 'binary';
}
/** A member no schema of the resource type defines. */
export interface UnknownAttributeIssue extends IssueBase {
  readonly code: 'unknown_attribute';
}
/** The same attribute twice, under names differing only in case (RFC 7643 §2.1). */
export interface DuplicateAttributeIssue extends IssueBase {
  readonly code: 'duplicate_attribute';
}
/** A URN in `schemas` (or an extension key) the resource type does not have. */
export interface UnknownSchemaIssue extends IssueBase {
  readonly code: 'unknown_schema';
  readonly schema: string;
}
/** `schemas` lacks the core schema or an extension whose attributes are present (RFC 7643 §3). */
export interface MissingSchemaIssue extends IssueBase {
  readonly code: 'missing_schema';
  readonly schema: string;
}
/** More than one value of a multi-valued attribute has `primary: true` (RFC 7643 §2.4). */
export interface MultiplePrimaryIssue extends IssueBase {
  readonly code: 'multiple_primary';
}
/** A value outside `canonicalValues`, when the caller asks for them to be enforced (RFC 7643 §2.3.1). */
export interface CanonicalValueIssue extends IssueBase {
  readonly code: 'canonical_value';
  readonly allowed: readonly string[];
}

/** One problem found in a resource; discriminated on `code`. */
export type ResourceIssue =
  | InvalidBodyIssue
  | RequiredIssue
  | InvalidTypeIssue
  | InvalidFormatIssue
  | UnknownAttributeIssue
  | DuplicateAttributeIssue
  | UnknownSchemaIssue
  | MissingSchemaIssue
  | MultiplePrimaryIssue
  | CanonicalValueIssue;

export type IssueCode = ResourceIssue['code'];

/** An issue before its message is filled in. */
export type IssueInput = ResourceIssue extends infer I
  ? I extends ResourceIssue
    ? Omit<I, 'message'>
    : never
  : never;

/** Builds an issue, taking its message from the message catalogue. */
export function createIssue(input: IssueInput): ResourceIssue {
  return { ...input, message: formatIssueMessage(input) };
}

/** Codes about the shape of the request rather than a value: RFC 7644 §3.12 `invalidSyntax`. */
const SYNTAX_CODES: ReadonlySet<IssueCode> = new Set(['invalid_body', 'missing_schema', 'unknown_schema']);

const MAX_LISTED_ISSUES = 5;

/**
 * The one conversion from validation issues to a protocol error: `invalidSyntax` when the
 * body's structure or `schemas` is wrong, otherwise `invalidValue` (RFC 7644 §3.12). The
 * detail lists the first few issues with their paths.
 */
export function issuesToScimError(issues: readonly ResourceIssue[]): ScimError {
  if (issues.length === 0) throw new TypeError('issuesToScimError needs at least one issue');
  const scimType = issues.some((i) => SYNTAX_CODES.has(i.code)) ? 'invalidSyntax' : 'invalidValue';
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`));
  const more = issues.length > MAX_LISTED_ISSUES ? ` (and ${issues.length - MAX_LISTED_ISSUES} more)` : '';
  return new ScimError(400, scimType, `${listed.join('; ')}${more}`);
}
