import type { FunctionCall, FunctionTable } from './function-call.js';
import { isObject, toList, type ExpressionValue } from '../value-conversion.js';

/** The role value of one appRoleAssignments entry (`{ id?, value, displayName }`, or a bare string). */
function roleOf(call: FunctionCall, entry: ExpressionValue): { value: string; display: string } {
  if (typeof entry === 'string') return { value: entry, display: entry };
  if (isObject(entry)) {
    const value = typeof entry['value'] === 'string' ? entry['value'] : undefined;
    const display = typeof entry['displayName'] === 'string' ? entry['displayName'] : undefined;
    if (value !== undefined || display !== undefined) {
      return { value: value ?? display ?? '', display: display ?? value ?? '' };
    }
  }
  throw call.fail('expected [appRoleAssignments] entries with a value and a displayName');
}

export const APP_ROLE_FUNCTIONS: FunctionTable<'AppRoleAssignmentsComplex' | 'SingleAppRoleAssignment'> = {
  AppRoleAssignmentsComplex: (call) =>
    toList(call.value(0)).map((entry) => {
      const role = roleOf(call, entry);
      return {
        primary: false,
        type: 'WindowsAzureActiveDirectoryRole',
        display: role.display,
        value: role.value,
      };
    }),
  SingleAppRoleAssignment: (call) => {
    const entries = toList(call.value(0));
    if (entries.length === 0) return null;
    if (entries.length > 1) {
      throw call.fail(
        `the user has ${entries.length} app role assignments; SingleAppRoleAssignment supports one (use AppRoleAssignmentsComplex)`,
      );
    }
    return roleOf(call, entries[0]!).value;
  },
};
