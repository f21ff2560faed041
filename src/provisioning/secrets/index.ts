export { SecretBox, SecretDecryptionError, SecretKeyError } from './secret-box.js';
