/**
 * The admin API's token: generation, hashing, constant-time checks.
 * @module
 */
export {
  ADMIN_TOKEN_HASH_SETTING,
  adminTokenMatches,
  ensureAdminToken,
  generateAdminToken,
  hashAdminToken,
  type AdminTokenState,
} from './admin-token.js';
