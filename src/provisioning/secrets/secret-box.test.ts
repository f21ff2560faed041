import { describe, expect, it } from 'vitest';
import { SecretBox, SecretDecryptionError, SecretKeyError } from './secret-box.js';

describe('SecretBox', () => {
  const box = SecretBox.fromText(SecretBox.generateKeyText(), 'test');

  it('round-trips and never stores the plain text', () => {
    const sealed = box.encrypt('my-secret-token');
    expect(sealed).not.toContain('my-secret-token');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.decrypt(sealed)).toBe('my-secret-token');
    expect(box.encrypt('my-secret-token')).not.toBe(sealed);
  });

  it('refuses a wrong key, a tampered value and an unknown format', () => {
    const sealed = box.encrypt('token');
    const other = SecretBox.fromText(SecretBox.generateKeyText(), 'test');
    expect(() => other.decrypt(sealed)).toThrow(SecretDecryptionError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow(SecretDecryptionError);
    expect(() => box.decrypt('plain')).toThrow(/not in a format/);
  });

  it('accepts hex or base64 keys of 32 bytes and names the source of a bad one', () => {
    expect(() => SecretBox.fromText('ab'.repeat(32), 'env')).not.toThrow();
    expect(() => SecretBox.fromText('c2hvcnQ=', 'SCIMSYNC_SECRET_KEY')).toThrow(SecretKeyError);
    expect(() => SecretBox.fromText('c2hvcnQ=', 'SCIMSYNC_SECRET_KEY')).toThrow(
      /^SCIMSYNC_SECRET_KEY: expected a 32-byte key/,
    );
  });
});
