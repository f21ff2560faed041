/**
 * The identity directory (the provisioning source, shaped like Microsoft Graph): users with a
 * recycle bin, groups with nested members, applications, assignments, and the change feed. Edges
 * (CLI, admin API, importer) and the provisioning engine use {@link DirectoryApi}.
 * @module
 */
export type { DirectoryApi, DirectoryDelta, GraphGroup, GraphUser, ImportCounts } from './directory-api.js';
export {
  DirectoryService,
  systemClock,
  type Clock,
  type DirectoryServiceOptions,
  type MaintenanceResult,
} from './directory-service.js';
export {
  DIRECTORY_ERROR_CODES,
  DirectoryError,
  directoryError,
  isDirectoryError,
  type DirectoryErrorCode,
  type DirectoryErrorParams,
} from './errors.js';
export { USER_ATTRIBUTES, parseUserInput, type UserInput } from './user-model.js';
export { GROUP_ATTRIBUTES, parseGroupInput, type GroupInput } from './group-model.js';
export { DEFAULT_ACCESS_ROLE_ID } from './application-model.js';
export { GUID, PRINCIPAL_NAME } from './attribute-rules.js';
export { importDirectory, type ImportOptions } from './import/import-directory.js';
export { parseJsonImport } from './import/parse-json-import.js';
export { parseCsvImport } from './import/parse-csv-import.js';
export { DirectoryImportError, formatImportIssue, type ImportIssue } from './import/import-error.js';
export type { ImportGroup, ImportUser, ParsedImport } from './import/parsed-import.js';
export { canonicalUserAttribute, userAttributeNames } from './import/record-fields.js';
