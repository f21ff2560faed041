import { describe, expect, it } from 'vitest';
import { catchError } from '../testing/catch-error.js';
import { isDomainName, normalizeDomain } from './domain-name.js';

describe('verified domain names', () => {
  it.each([
    ['example.com', 'example.com'],
    [' Example.COM ', 'example.com'],
    ['mail.sub.example.co.uk', 'mail.sub.example.co.uk'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['a-b.c0', 'a-b.c0'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each([
    '',
    'localhost',
    'example..com',
    '.example.com',
    'example.com.',
    '-example.com',
    'example-.com',
    'exa mple.com',
    'user@example.com',
    'http://example.com',
    '10.0.0.1',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(126)}com`,
    'bücher.example',
  ])('rejects %j', (input) => {
    expect(isDomainName(input.trim().toLowerCase())).toBe(false);
    const error = catchError(() => normalizeDomain(input));
    expect(error?.code).toBe('SCIMSYNC_ERR_INVALID_DOMAIN');
    expect(error?.status).toBe(400);
  });
});
