import type { IssueInput } from './issues.js';

type MessageCatalogue = {
  readonly [C in IssueInput['code']]: (issue: Extract<IssueInput, { code: C }>) => string;
};

/** English messages, kept apart from the codes so callers can swap the catalogue. */
export const ISSUE_MESSAGES_EN: MessageCatalogue = {
  invalid_body: () => 'the request body must be a JSON object',
  required: () => 'a value is required',
  invalid_type: (i) => `expected ${article(i.expected)}, received ${i.received}`,
  invalid_format: (i) =>
    i.format === 'dateTime'
      ? 'expected an xsd:dateTime such as 2008-01-23T04:56:22Z'
      : 'expected base64-encoded binary data',
  unknown_attribute: () => 'no schema of this resource type defines this attribute',
  duplicate_attribute: () => 'the attribute appears more than once (names are case-insensitive)',
  unknown_schema: (i) => `"${i.schema}" is not a schema of this resource type`,
  missing_schema: (i) => `"schemas" must list "${i.schema}"`,
  multiple_primary: () => 'at most one value may have "primary": true',
  canonical_value: (i) => `expected one of ${i.allowed.map((v) => `"${v}"`).join(', ')}`,
};

function article(expected: string): string {
  if (expected === 'single value') return 'a single value';
  return /^[aeiou]/i.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** The message for an issue, from {@link ISSUE_MESSAGES_EN}. */
export function formatIssueMessage(issue: IssueInput): string {
  const format = ISSUE_MESSAGES_EN[issue.code] as (issue: IssueInput) => string;
  return format(issue);
}
