import { printPatchPath, type ResourceSchema } from '../../scim/index.js';
import {
  ExpressionSyntaxError,
  expressionInfo,
  parseExpression,
  type Expression,
} from '../expressions/index.js';
import { coerceToAttribute, toDateTime } from './coerce-value.js';
import { mappingIssue, type MappingIssue } from './mapping-errors.js';
import {
  MAPPING_APPLY,
  MAPPING_TYPES,
  type AttributeMapping,
  type MappingApply,
  type ObjectMapping,
} from './mapping-types.js';
import { resolveMappingTarget, type MappingTarget } from './mapping-target.js';
import { validateScoping } from './scoping.js';

/** One attribute mapping checked and prepared for evaluation. */
export interface AnalyzedMapping {
  readonly mapping: AttributeMapping;
  readonly target: MappingTarget;
  readonly apply: MappingApply;
  readonly expression: Expression | undefined;
  readonly redacted: boolean;
  readonly selectUniqueValue: boolean;
}

export interface MappingAnalysis {
  readonly issues: readonly MappingIssue[];
  /** The mappings without issues, in their order. */
  readonly mappings: readonly AnalyzedMapping[];
}

/** Types whose values are not free text: a constant or default must convert to them. */
const TYPED: ReadonlySet<string> = new Set(['boolean', 'integer', 'decimal', 'dateTime']);

/**
 * Checks one object mapping against the target's schema; `where` (`users`, `groups`) prefixes
 * issue paths. Issues are reported in mapping order, each at the member at fault.
 */
export function analyzeObjectMapping(
  mapping: ObjectMapping,
  where: string,
  schema: ResourceSchema,
): MappingAnalysis {
  const issues: MappingIssue[] = [];
  const mappings: AnalyzedMapping[] = [];
  const targets = new Map<string, number>();
  const precedences = new Map<number, number>();
  mapping.attributes.forEach((attribute, index) => {
    const at = `${where}.attributes[${index}]`;
    const before = issues.length;
    const analyzed = analyzeAttribute(attribute, at, schema, issues);
    if (analyzed !== undefined) {
      const key = printPatchPath(analyzed.target.path).toLowerCase();
      const first = targets.get(key);
      if (first === undefined) targets.set(key, index);
      else {
        issues.push(
          mappingIssue(
            'duplicateTarget',
            `${at}.target`,
            `"${attribute.target}" is already mapped by ${where}.attributes[${first}]`,
          ),
        );
      }
    }
    const precedence = attribute.matchingPrecedence;
    if (precedence !== undefined && Number.isSafeInteger(precedence) && precedence >= 1) {
      const first = precedences.get(precedence);
      if (first === undefined) precedences.set(precedence, index);
      else {
        issues.push(
          mappingIssue(
            'invalidMapping',
            `${at}.matchingPrecedence`,
            `matching precedence ${precedence} is already used by ${where}.attributes[${first}]`,
          ),
        );
      }
    }
    if (analyzed !== undefined && issues.length === before) mappings.push(analyzed);
  });
  if (mapping.enabled && !mapping.attributes.some((a) => a.matchingPrecedence !== undefined)) {
    issues.push(
      mappingIssue(
        'noMatchingAttribute',
        `${where}.attributes`,
        'an enabled mapping needs at least one matching attribute (matchingPrecedence) to find existing target objects',
      ),
    );
  }
  issues.push(...validateScoping(mapping.scoping, `${where}.scoping`));
  return { issues, mappings };
}

function analyzeAttribute(
  mapping: AttributeMapping,
  at: string,
  schema: ResourceSchema,
  issues: MappingIssue[],
): AnalyzedMapping | undefined {
  const typeKnown = (MAPPING_TYPES as readonly string[]).includes(mapping.type);
  if (!typeKnown) {
    issues.push(
      mappingIssue(
        'invalidMapping',
        `${at}.type`,
        `unknown mapping type "${String(mapping.type)}"; expected one of ${MAPPING_TYPES.join(', ')}`,
      ),
    );
  }
  const apply = mapping.apply ?? 'always';
  if (!(MAPPING_APPLY as readonly string[]).includes(apply)) {
    issues.push(
      mappingIssue(
        'invalidMapping',
        `${at}.apply`,
        `unknown apply "${String(apply)}"; expected always or creation`,
      ),
    );
  }
  const precedence = mapping.matchingPrecedence;
  if (precedence !== undefined) {
    if (!Number.isSafeInteger(precedence) || precedence < 1) {
      issues.push(
        mappingIssue(
          'invalidMapping',
          `${at}.matchingPrecedence`,
          'matching precedence is a whole number from 1',
        ),
      );
    } else if (mapping.type === 'none') {
      issues.push(
        mappingIssue(
          'invalidMapping',
          `${at}.matchingPrecedence`,
          'a mapping of type none has no value to match on',
        ),
      );
    }
  }

  const resolved = resolveMappingTarget(mapping.target, schema);
  let target: MappingTarget | undefined;
  if (!resolved.ok)
    issues.push(mappingIssue(resolved.code, `${at}.target`, resolved.message, resolved.position));
  else {
    target = resolved.target;
    if (target.attribute.mutability === 'readOnly' || target.definition.mutability === 'readOnly') {
      issues.push(
        mappingIssue(
          'readOnlyTarget',
          `${at}.target`,
          `"${mapping.target}" is read-only in the target's schema`,
        ),
      );
    }
  }

  let expression: Expression | undefined;
  let redacted = false;
  let selectUniqueValue = false;
  switch (mapping.type) {
    case 'direct':
      if (!nonEmpty(mapping.source))
        issues.push(
          mappingIssue('missingSource', `${at}.source`, 'a direct mapping names its source attribute'),
        );
      break;
    case 'constant':
      if (mapping.constant === undefined)
        issues.push(mappingIssue('missingSource', `${at}.constant`, 'a constant mapping needs its constant'));
      else if (target !== undefined) checkTyped(target, mapping.constant, `${at}.constant`, issues);
      break;
    case 'expression':
      if (!nonEmpty(mapping.expression)) {
        issues.push(
          mappingIssue('missingSource', `${at}.expression`, 'an expression mapping needs its expression'),
        );
        break;
      }
      try {
        expression = parseExpression(mapping.expression);
      } catch (error) {
        if (!(error instanceof ExpressionSyntaxError)) throw error;
        issues.push(mappingIssue('expressionSyntax', `${at}.expression`, error.message, error.position));
        break;
      }
      ({ redacted, selectUniqueValue } = expressionInfo(expression));
      if (selectUniqueValue && apply !== 'creation') {
        issues.push(
          mappingIssue(
            'invalidMapping',
            `${at}.apply`,
            'SelectUniqueValue picks a value only when the object is created: set apply to creation',
          ),
        );
      }
      break;
    case 'none':
      break;
  }
  if (mapping.defaultValue !== undefined && target !== undefined) {
    checkTyped(target, mapping.defaultValue, `${at}.defaultValue`, issues);
  }
  if (target?.reference === 'multiple' && mapping.type !== 'direct') {
    issues.push(
      mappingIssue(
        'invalidMapping',
        `${at}.type`,
        `"${mapping.target}" lists other objects: map it directly from the source's members`,
      ),
    );
  }
  if (target === undefined || !typeKnown) return undefined;
  return {
    mapping,
    target,
    apply: apply === 'creation' ? 'creation' : 'always',
    expression,
    redacted,
    selectUniqueValue,
  };
}

function nonEmpty(text: string | undefined): text is string {
  return typeof text === 'string' && text.trim() !== '';
}

/** A constant or default for a boolean, number or date target must convert to that type. */
function checkTyped(target: MappingTarget, text: string, at: string, issues: MappingIssue[]): void {
  const type = target.definition.type;
  if (!TYPED.has(type) || text === '') return;
  let ok: boolean;
  if (type === 'dateTime') ok = toDateTime(text) !== undefined;
  else {
    const value = coerceToAttribute({ ...target.definition, multiValued: false }, text);
    ok = type === 'boolean' ? typeof value === 'boolean' : typeof value === 'number';
  }
  if (!ok)
    issues.push(mappingIssue('invalidMapping', at, `"${text}" is not a ${type} value for "${target.text}"`));
}
