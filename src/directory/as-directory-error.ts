import { NotFound, UniquenessConflict } from '../store/index.js';
import { directoryError } from './errors.js';

/** Store conflicts and misses, raised under a service call, as the directory's coded errors. */
export function asDirectoryError(error: unknown): unknown {
  if (error instanceof UniquenessConflict) {
    if (error.attribute === 'userPrincipalName') {
      return directoryError(
        'SCIMSYNC_ERR_DIRECTORY_UPN_TAKEN',
        { userPrincipalName: error.value },
        { cause: error },
      );
    }
    if (error.attribute === 'name') {
      return directoryError(
        'SCIMSYNC_ERR_DIRECTORY_APPLICATION_NAME_TAKEN',
        { name: error.value },
        { cause: error },
      );
    }
    return directoryError(
      'SCIMSYNC_ERR_DIRECTORY_ID_TAKEN',
      { objectType: 'object', id: error.value },
      { cause: error },
    );
  }
  if (error instanceof NotFound) {
    if (error.resourceType === 'Group')
      return directoryError('SCIMSYNC_ERR_DIRECTORY_GROUP_NOT_FOUND', { group: error.id });
    if (error.resourceType === 'Application') {
      return directoryError('SCIMSYNC_ERR_DIRECTORY_APPLICATION_NOT_FOUND', { application: error.id });
    }
    return directoryError('SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND', { user: error.id });
  }
  return error;
}
