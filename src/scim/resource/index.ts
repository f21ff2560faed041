/**
 * Resources as JSON: case-insensitive member access and validation of client-sent resources
 * against their resource type (RFC 7643 §2–§3, RFC 7644 §3.3, §3.5.1).
 * @module
 */
export {
  findKey,
  getAttributeContainer,
  getMember,
  isJsonObject,
  readAttribute,
  type JsonObject,
} from './attribute-access.js';
export {
  createIssue,
  issuesToScimError,
  type CanonicalValueIssue,
  type DuplicateAttributeIssue,
  type InvalidBodyIssue,
  type InvalidFormatIssue,
  type InvalidTypeIssue,
  type IssueCode,
  type IssueInput,
  type IssuePath,
  type MissingSchemaIssue,
  type MultiplePrimaryIssue,
  type RequiredIssue,
  type ResourceIssue,
  type UnknownAttributeIssue,
  type UnknownSchemaIssue,
} from './issues.js';
export { ISSUE_MESSAGES_EN, formatIssueMessage } from './issue-messages.js';
export { isBase64, isDateTime, type UnknownAttributePolicy } from './validate-value.js';
export {
  assertResource,
  validateResource,
  type ValidateResourceOptions,
  type ValidateResourceResult,
} from './validate-resource.js';
