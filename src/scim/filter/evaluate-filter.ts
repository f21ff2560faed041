import { invalidFilter } from '../errors/scim-error.js';
import type { AttributePath } from '../path/attribute-path.js';
import {
  getAttributeContainer,
  getMember,
  isJsonObject,
  type JsonObject,
} from '../resource/attribute-access.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { findSubAttribute, type ResourceSchema } from '../schema/schema-registry.js';
import { compilePresence, compileValueVisitor, type ContainerLookup } from './attribute-values.js';
import { compileValueTest } from './compile-value-test.js';
import type { ComparisonFilter, Filter, LogicalOperator, ValuePathFilter } from './filter-ast.js';

/** A compiled filter: true when the resource (or complex value) matches. */
export type FilterPredicate = (resource: JsonObject) => boolean;

/** Where paths resolve: the resource's schema at the top, a complex attribute's sub-attributes inside `[...]`. */
interface Scope extends ContainerLookup {
  definition(path: AttributePath): AttributeDefinition | undefined;
}

// Scopes are classes, not object literals of arrows: tsx/esbuild `keepNames` renames each arrow
// stored in a property on creation, which made compiling several times slower.
class ResourceScope implements Scope {
  readonly #schema: ResourceSchema | undefined;
  constructor(schema: ResourceSchema | undefined) {
    this.#schema = schema;
  }
  definition(path: AttributePath): AttributeDefinition | undefined {
    const attribute = this.#schema?.findAttribute(path.attribute, path.schema)?.definition;
    return path.subAttribute === undefined || attribute === undefined
      ? attribute
      : findSubAttribute(attribute, path.subAttribute);
  }
  container(object: JsonObject, path: AttributePath): JsonObject | undefined {
    return getAttributeContainer(object, path, this.#schema);
  }
}

/** Inside `attr[...]`: paths name sub-attributes of `attr`'s values. */
class ValueScope implements Scope {
  readonly #parent: AttributeDefinition | undefined;
  constructor(parent: AttributeDefinition | undefined) {
    this.#parent = parent;
  }
  definition(path: AttributePath): AttributeDefinition | undefined {
    const attribute = this.#parent === undefined ? undefined : findSubAttribute(this.#parent, path.attribute);
    return attribute === undefined || path.subAttribute === undefined
      ? attribute
      : findSubAttribute(attribute, path.subAttribute);
  }
  container(object: JsonObject, path: AttributePath): JsonObject | undefined {
    return getAttributeContainer(object, path);
  }
}

const never: FilterPredicate = () => false;

/**
 * Compiles a filter once into closures for repeated evaluation (RFC 7644 §3.4.2.2). With a
 * `schema`, attribute types and `caseExact` come from the attribute definitions; without one,
 * strings compare case-insensitively and as instants when both sides are date-times.
 *
 * @throws ScimError 400 `invalidFilter` for `gt`/`ge`/`lt`/`le` on a boolean or binary attribute
 *   (RFC 7644 §3.4.2.2).
 * @example
 * const matches = compileFilter(parseFilter('emails[type eq "work"]'), registry.resourceSchema('User'));
 * users.filter(matches);
 */
export function compileFilter(filter: Filter, schema?: ResourceSchema): FilterPredicate {
  return compileNode(filter, new ResourceScope(schema));
}

const compiledForEvaluate = new WeakMap<
  Filter,
  { schema: ResourceSchema | undefined; predicate: FilterPredicate }
>();

/**
 * Evaluates a filter against one resource. Remembers the compiled form per filter object (for its
 * latest schema); prefer {@link compileFilter} in loops.
 */
export function evaluateFilter(filter: Filter, resource: JsonObject, schema?: ResourceSchema): boolean {
  let compiled = compiledForEvaluate.get(filter);
  if (compiled === undefined || compiled.schema !== schema) {
    compiled = { schema, predicate: compileFilter(filter, schema) };
    compiledForEvaluate.set(filter, compiled);
  }
  return compiled.predicate(resource);
}

function compileNode(node: Filter, scope: Scope): FilterPredicate {
  switch (node.kind) {
    case 'comparison':
      return compileComparison(node, scope);
    case 'present':
      return compilePresence(node.path, scope);
    case 'not': {
      const inner = compileNode(node.filter, scope);
      return (resource) => !inner(resource);
    }
    case 'valuePath':
      return compileValuePath(node, scope);
    case 'logical':
      return compileLogical(node.operator, collectOperands(node, node.operator), scope);
  }
}

/** The operands of a chain of one logical operator, in order, gathered without recursion. */
function collectOperands(node: Filter, operator: LogicalOperator): Filter[] {
  const operands: Filter[] = [];
  const stack: Filter[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.kind === 'logical' && current.operator === operator) stack.push(current.right, current.left);
    else operands.push(current);
  }
  return operands;
}

function compileLogical(
  operator: LogicalOperator,
  operands: readonly Filter[],
  scope: Scope,
): FilterPredicate {
  const predicates = operands.map((operand) => compileNode(operand, scope));
  const [first, second] = predicates as [FilterPredicate, FilterPredicate];
  if (predicates.length === 2) {
    return operator === 'and' ? (r) => first(r) && second(r) : (r) => first(r) || second(r);
  }
  if (operator === 'and') {
    return (resource) => {
      for (const predicate of predicates) if (!predicate(resource)) return false;
      return true;
    };
  }
  return (resource) => {
    for (const predicate of predicates) if (predicate(resource)) return true;
    return false;
  };
}

function compileComparison(node: ComparisonFilter, scope: Scope): FilterPredicate {
  const { path, operator, value } = node;
  if (value === null) {
    // RFC 7644 §3.4.2.2 compares with null only through "pr": "eq null" is absence, "ne null" presence.
    if (operator !== 'eq' && operator !== 'ne') return never;
    const present = compilePresence(path, scope);
    return operator === 'ne' ? present : (resource) => !present(resource);
  }
  let definition = scope.definition(path);
  if (definition?.type === 'complex' && path.subAttribute === undefined) {
    definition = findSubAttribute(definition, 'value');
  }
  if (
    definition !== undefined &&
    (definition.type === 'boolean' || definition.type === 'binary') &&
    (operator === 'gt' || operator === 'ge' || operator === 'lt' || operator === 'le')
  ) {
    throw invalidFilter(
      `"${operator}" cannot compare the ${definition.type} attribute "${definition.name}" (RFC 7644 §3.4.2.2)`,
    );
  }
  const test = compileValueTest(operator === 'ne' ? 'eq' : operator, value, definition);
  if (test === undefined) return operator === 'ne' ? () => true : never;
  const visit = compileValueVisitor(path, scope);
  return operator === 'ne' ? (resource) => !visit(resource, test) : (resource) => visit(resource, test);
}

function compileValuePath(node: ValuePathFilter, scope: Scope): FilterPredicate {
  const { path } = node;
  const inner = compileNode(node.filter, new ValueScope(scope.definition(path)));
  const name = path.attribute;
  const subAttribute = path.subAttribute;
  return (resource) => {
    const holder = path.schema === undefined ? resource : scope.container(resource, path);
    if (holder === undefined) return false;
    let value = getMember(holder, name);
    if (subAttribute !== undefined) value = isJsonObject(value) ? getMember(value, subAttribute) : undefined;
    if (Array.isArray(value)) {
      for (const item of value) if (isJsonObject(item) && inner(item)) return true;
      return false;
    }
    return isJsonObject(value) && inner(value);
  };
}
