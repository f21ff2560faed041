import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for target tokens at rest. The format carries a version so the key or algorithm can
 * change later: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
const VERSION = 'v1';
const KEY_BYTES = 32;

export class SecretKeyError extends Error {
  readonly code = 'SCIMSYNC_ERR_SECRET_KEY';
  override readonly name = 'SecretKeyError';
}

export class SecretDecryptionError extends Error {
  readonly code = 'SCIMSYNC_ERR_SECRET_DECRYPT';
  override readonly name = 'SecretDecryptionError';
}

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new SecretKeyError(`the secret key must be ${KEY_BYTES} bytes (got ${key.length})`);
    }
    this.#key = Buffer.from(key);
  }

  /** Reads a key written as base64 (44 characters) or hex (64 characters). */
  static fromText(text: string, where: string): SecretBox {
    const trimmed = text.trim();
    const key = /^[0-9a-f]{64}$/i.test(trimmed)
      ? Buffer.from(trimmed, 'hex')
      : Buffer.from(trimmed, 'base64');
    if (key.length !== KEY_BYTES) {
      throw new SecretKeyError(`${where}: expected a 32-byte key as base64 or hex, got ${key.length} bytes`);
    }
    return new SecretBox(key);
  }

  static generateKeyText(): string {
    return randomBytes(KEY_BYTES).toString('base64');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
      throw new SecretDecryptionError('the stored token is not in a format this version can read');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch (error) {
      throw new SecretDecryptionError(
        'the stored token cannot be decrypted with this secret key (was SCIMSYNC_SECRET_KEY or the key file changed?)',
        { cause: error },
      );
    }
  }
}
