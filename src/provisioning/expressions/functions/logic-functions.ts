import type { FunctionTable } from './function-call.js';
import { IgnoreFlowSignal } from './ignore-flow.js';
import { isEmptyValue, toBoolean, toNumberOrUndefined, toTextOrEmpty } from '../value-conversion.js';

export const LOGIC_FUNCTIONS: FunctionTable<
  | 'BitAnd'
  | 'CBool'
  | 'Guid'
  | 'IgnoreFlowIfNullOrEmpty'
  | 'IIF'
  | 'IsNull'
  | 'IsNullOrEmpty'
  | 'IsPresent'
  | 'IsString'
  | 'Not'
  | 'Redact'
  | 'SelectUniqueValue'
  | 'Switch'
> = {
  BitAnd: (call) => {
    const a = BigInt(call.integer(0, 'value1'));
    const b = BigInt(call.integer(1, 'value2'));
    return Number(BigInt.asIntN(64, a & b));
  },
  CBool: (call) => toBoolean(call.value(0), call.name),
  Guid: (call) => call.context.newGuid(),
  IgnoreFlowIfNullOrEmpty: (call) => {
    const value = call.value(0);
    if (isEmptyValue(value)) throw IgnoreFlowSignal.instance;
    return value;
  },
  IIF: (call) => (toBoolean(call.value(0), call.name) ? call.value(1) : call.value(2)),
  IsNull: (call) => call.value(0) === null,
  IsNullOrEmpty: (call) => isEmptyValue(call.value(0)),
  IsPresent: (call) => !isEmptyValue(call.value(0)),
  IsString: (call) => typeof call.value(0) === 'string',
  Not: (call) => {
    // "If source value is True, returns False. Otherwise, returns True."
    const value = call.value(0);
    if (typeof value === 'boolean') return !value;
    if (typeof value === 'string' && value.trim().toLowerCase() === 'true') return false;
    const number = toNumberOrUndefined(value);
    return number === undefined || number === 0;
  },
  // The value flows unchanged; the engine reads expressionInfo().redacted to hide it in logs.
  Redact: (call) => call.value(0),
  // Uniqueness is the engine's to check (evaluateCandidates); alone, the first candidate stands.
  SelectUniqueValue: (call) => {
    for (let i = 0; i < call.count; i++) {
      const value = call.value(i);
      if (!isEmptyValue(value)) return value;
    }
    return null;
  },
  Switch: (call) => {
    // Keys are compared with the source's string form, case-sensitively, so a boolean source
    // matches "True"/"False" and an absent one matches "".
    const source = toTextOrEmpty(call.value(0), call.name);
    for (let i = 2; i + 1 < call.count; i += 2) {
      if (toTextOrEmpty(call.value(i), call.name) === source) return call.value(i + 1);
    }
    return call.value(1);
  },
};
