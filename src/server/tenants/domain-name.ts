/**
 * Verified email domains are DNS host names: compared case-insensitively, so stored lower-case.
 */
import { scimsyncError } from '../errors.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_LENGTH = 253;

/** Whether `domain` (already lower-case) is a host name with at least two labels. */
export function isDomainName(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_LENGTH) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => LABEL.test(label))) return false;
  // A numeric top-level label would make 10.0.0.1 a "domain".
  return !/^\d+$/.test(labels[labels.length - 1] as string);
}

/**
 * Trims and lower-cases a domain, or throws `SCIMSYNC_ERR_INVALID_DOMAIN`.
 * @example normalizeDomain(' Example.COM ') // 'example.com'
 */
export function normalizeDomain(input: string): string {
  const domain = input.trim().toLowerCase();
  if (!isDomainName(domain)) throw scimsyncError('SCIMSYNC_ERR_INVALID_DOMAIN', { domain: input });
  return domain;
}
