/**
 * The API key wire format and its crypto. A key reads `scimsync_<keyId>_<secret>`: the key id
 * finds the stored record with one indexed read, the 32-byte random secret is stored only as its
 * SHA-256 hash, and hashes are compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'scimsync_';
const SECRET_BYTES = 32;
const KEY_ID_BYTES = 8;
/** Hex key id, then a base64url secret (which may itself contain `_`). */
const API_KEY_PATTERN = /^scimsync_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface ApiKeySecret {
  readonly keyId: string;
  /** The whole bearer token, shown once. */
  readonly token: string;
  /** SHA-256 (hex) of the secret part; what the store keeps. */
  readonly secretHash: string;
}

export interface ParsedApiKey {
  readonly keyId: string;
  readonly secret: string;
}

/** A new key id, secret and hash. */
export function generateApiKeySecret(): ApiKeySecret {
  const keyId = randomBytes(KEY_ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { keyId, token: `${API_KEY_PREFIX}${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Splits a presented token; undefined when it is not in our format at all. */
export function parseApiKey(token: string): ParsedApiKey | undefined {
  const match = API_KEY_PATTERN.exec(token);
  if (match === null) return undefined;
  return { keyId: match[1] as string, secret: match[2] as string };
}

/**
 * Whether `secret` hashes to `storedHash`. Comparing fixed-length digests with
 * `timingSafeEqual` leaks neither the hash nor how much of it matched.
 */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  const stored = SHA256_HEX.test(storedHash) ? Buffer.from(storedHash, 'hex') : Buffer.alloc(32);
  return timingSafeEqual(presented, stored) && SHA256_HEX.test(storedHash);
}
