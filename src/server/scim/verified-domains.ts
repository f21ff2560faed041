import { readAttribute, type JsonObject, type ResourceSchema } from '../../scim/index.js';
import { UnverifiedEmailDomain } from './errors.js';

const EMAIL_VALUES = { attribute: 'emails', subAttribute: 'value' } as const;

/** The lower-cased domains of a user's email addresses, in order, without duplicates. */
export function emailDomains(user: JsonObject, schema: ResourceSchema): string[] {
  const values = readAttribute(user, EMAIL_VALUES, schema);
  const domains = new Set<string>();
  for (const value of Array.isArray(values) ? values : []) {
    if (typeof value !== 'string') continue;
    const at = value.lastIndexOf('@');
    if (at >= 0 && at < value.length - 1)
      domains.add(
        value
          .slice(at + 1)
          .trim()
          .toLowerCase(),
      );
  }
  return [...domains];
}

/**
 * Atlassian's rule: when a tenant lists verified domains, a user needs at least one email on
 * one of them. Matching is exact (`sub.example.com` is not covered by `example.com`), as a
 * verified domain proves control of that name only. No verified domains: everything passes.
 *
 * @throws UnverifiedEmailDomain naming the domains the user's emails are on.
 */
export function assertVerifiedEmailDomain(
  user: JsonObject,
  schema: ResourceSchema,
  verifiedDomains: readonly string[],
): void {
  if (verifiedDomains.length === 0) return;
  const verified = new Set(verifiedDomains.map((d) => d.toLowerCase()));
  const seen = emailDomains(user, schema);
  if (!seen.some((domain) => verified.has(domain))) throw new UnverifiedEmailDomain(seen, verifiedDomains);
}
