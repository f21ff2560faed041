import { getMember, isJsonObject } from '../resource/attribute-access.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { findSubAttribute } from '../schema/schema-registry.js';
import { jsonEqual } from './json-equal.js';

function scalarKey(definition: AttributeDefinition | undefined, value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s:${definition?.caseExact === true ? value : value.toLowerCase()}`;
    case 'number':
    case 'boolean':
      return `${typeof value}:${String(value)}`;
    default:
      return undefined;
  }
}

/**
 * The identity of one value of a multi-valued attribute: a complex value is identified by its
 * `value` sub-attribute when the schema defines one (a member is its id), a simple value by
 * itself; strings compare per `caseExact` (RFC 7643 §2.2). `undefined` when the value has no
 * such identity and only structural equality applies.
 */
export function valueKey(definition: AttributeDefinition, value: unknown): string | undefined {
  if (definition.type !== 'complex') return scalarKey(definition, value);
  if (!isJsonObject(value)) return undefined;
  const valueDefinition = findSubAttribute(definition, 'value');
  if (valueDefinition === undefined) return undefined;
  return scalarKey(valueDefinition, getMember(value, 'value'));
}

/** Two values of a multi-valued attribute are the same value (see {@link valueKey}). */
export function sameValue(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  const left = valueKey(definition, a);
  const right = valueKey(definition, b);
  if (left !== undefined && right !== undefined) return left === right;
  return jsonEqual(a, b);
}

/**
 * A set of values of one multi-valued attribute under {@link sameValue}, hashed on the value
 * key so adding or removing many members of a large group stays linear.
 */
export class ValueSet {
  readonly #definition: AttributeDefinition;
  readonly #keys = new Set<string>();
  readonly #unkeyed: unknown[] = [];

  constructor(definition: AttributeDefinition, values: Iterable<unknown> = []) {
    this.#definition = definition;
    for (const value of values) this.add(value);
  }

  add(value: unknown): void {
    const key = valueKey(this.#definition, value);
    if (key === undefined) this.#unkeyed.push(value);
    else this.#keys.add(key);
  }

  has(value: unknown): boolean {
    const key = valueKey(this.#definition, value);
    if (key !== undefined && this.#keys.has(key)) return true;
    // A keyed value can equal an unkeyed one only structurally, which its key rules out.
    if (key !== undefined) return false;
    return this.#unkeyed.some((other) => jsonEqual(other, value));
  }
}
