import type { FunctionName } from '../function-signatures.js';
import { APP_ROLE_FUNCTIONS } from './app-role-functions.js';
import { COLLECTION_FUNCTIONS } from './collection-functions.js';
import { DATE_FUNCTIONS } from './date-functions.js';
import type { FunctionTable } from './function-call.js';
import { LOGIC_FUNCTIONS } from './logic-functions.js';
import { RANDOM_FUNCTIONS } from './random-string.js';
import { REPLACE_FUNCTIONS } from './replace-function.js';
import { STRING_FUNCTIONS } from './string-functions.js';

/** Every function's implementation; the type makes a missing one a compile error. */
export const FUNCTIONS: FunctionTable<FunctionName> = {
  ...APP_ROLE_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...RANDOM_FUNCTIONS,
  ...REPLACE_FUNCTIONS,
  ...STRING_FUNCTIONS,
};

export { FunctionCall } from './function-call.js';
export { IgnoreFlowSignal } from './ignore-flow.js';
