import type { AppRole, ApplicationRecord } from '../store/index.js';
import { directoryError } from './errors.js';

/** Graph's id for "default access": an assignment without a role of the application. */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

const MAX_NAME = 256;

/**
 * A new application from its name and role values; role ids are generated, role values are
 * unique case-insensitively and a missing displayName repeats the value.
 * @throws DirectoryError INVALID_APPLICATION
 */
export function buildApplication(
  input: { name: string; appRoles?: { value: string; displayName?: string }[] },
  newId: () => string,
  at: string,
): ApplicationRecord {
  const invalid = (reason: string) =>
    directoryError('SCIMSYNC_ERR_DIRECTORY_INVALID_APPLICATION', { reason });
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > MAX_NAME) throw invalid(`the name must be 1 to ${MAX_NAME} characters`);
  const seen = new Set<string>();
  const appRoles: AppRole[] = (input.appRoles ?? []).map((role) => {
    const value = typeof role.value === 'string' ? role.value.trim() : '';
    if (value === '') throw invalid('every app role needs a value');
    if (seen.has(value.toLowerCase())) throw invalid(`the app role "${value}" is listed twice`);
    seen.add(value.toLowerCase());
    return { id: newId(), value, displayName: role.displayName ?? value };
  });
  return { id: newId(), name, appRoles, createdDateTime: at };
}

/**
 * The role named by id or value (case-insensitive); the default-access id is always valid.
 * @throws DirectoryError APP_ROLE_NOT_FOUND
 */
export function findAppRole(app: ApplicationRecord, role: string): AppRole {
  if (role === DEFAULT_ACCESS_ROLE_ID) return { id: role, value: '', displayName: 'Default Access' };
  const lower = role.toLowerCase();
  const found = app.appRoles.find((r) => r.id === lower || r.value.toLowerCase() === lower);
  if (found === undefined) {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_APP_ROLE_NOT_FOUND', { application: app.name, role });
  }
  return found;
}
