import type { ResourceSchema } from '../../scim/index.js';
import {
  IGNORE_FLOW,
  evaluateCandidates,
  evaluateExpression,
  type EvaluationContext,
  type ExpressionValue,
} from '../expressions/index.js';
import { analyzeObjectMapping, type AnalyzedMapping } from './analyze-mapping.js';
import { coerceToAttribute } from './coerce-value.js';
import { MappingValidationError } from './mapping-errors.js';
import type {
  CompiledObjectMapping,
  JsonValue,
  MapContext,
  MappedObject,
  MappedResourceType,
  ObjectMapping,
  SourceObject,
} from './mapping-types.js';
import { compileScoping } from './scoping.js';

/**
 * Checks one object mapping against the target's schema and prepares it for evaluation:
 * expressions parsed once, targets resolved once, scoping compiled once.
 *
 * @throws MappingValidationError listing every issue
 */
export function compileObjectMapping(
  mapping: ObjectMapping,
  resourceType: MappedResourceType,
  schema: ResourceSchema,
): CompiledObjectMapping {
  const where = resourceType === 'User' ? 'users' : 'groups';
  const { issues, mappings } = analyzeObjectMapping(mapping, where, schema);
  if (issues.length > 0) throw new MappingValidationError(issues);
  const inScope = compileScoping(mapping.scoping);
  const matching = mappings
    .filter((m) => m.mapping.matchingPrecedence !== undefined)
    .map((m) => ({ path: m.target.text, precedence: m.mapping.matchingPrecedence! }))
    .sort((a, b) => a.precedence - b.precedence);
  const direct = mappings.filter((m) => m.mapping.type === 'direct');
  return Object.freeze({
    resourceType,
    syncMembers: direct.some((m) => m.target.reference === 'multiple'),
    referencePaths: direct.filter((m) => m.target.reference === 'single').map((m) => m.target.text),
    matching,
    inScope,
    createDiffers: mappings.some(
      (m) => m.apply === 'creation' || m.selectUniqueValue || m.mapping.defaultValue !== undefined,
    ),
    map: (source: SourceObject, mode: 'create' | 'update', ctx: MapContext) =>
      mapObject(mappings, source, mode, ctx),
  });
}

function mapObject(
  mappings: readonly AnalyzedMapping[],
  source: SourceObject,
  mode: 'create' | 'update',
  ctx: MapContext,
): MappedObject {
  const values: Record<string, JsonValue> = {};
  const redactedPaths = new Set<string>();
  const unresolvedReferences: { path: string; sourceId: string }[] = [];
  const uniqueCandidates: { path: string; candidates: string[] }[] = [];
  const evaluation: EvaluationContext = {
    attribute: (name) => source[name],
    now: () => ctx.now(),
    random: () => ctx.random(),
    newGuid: () => ctx.newGuid(),
  };
  for (const entry of mappings) {
    const { mapping, target } = entry;
    const path = target.text;
    if (mode === 'update' && entry.apply === 'creation') continue;
    // Memberships are written by the engine once both ends exist, not with the group's body.
    if (target.reference === 'multiple') continue;
    if (entry.redacted) redactedPaths.add(path);
    let raw: ExpressionValue | undefined;
    if (mapping.type === 'direct') {
      raw = source[mapping.source!];
      if (target.reference === 'single') {
        const sourceId = referenceId(raw);
        if (sourceId === undefined) continue;
        const targetId = ctx.resolveReference(sourceId);
        if (targetId === undefined) unresolvedReferences.push({ path, sourceId });
        else values[path] = target.definition.type === 'complex' ? { value: targetId } : targetId;
        continue;
      }
    } else if (mapping.type === 'constant') {
      raw = mapping.constant;
    } else if (mapping.type === 'expression') {
      if (entry.selectUniqueValue) {
        if (mode === 'create') uniqueCandidates.push({ path, candidates: candidates(entry, evaluation) });
        continue;
      }
      const result = evaluateExpression(entry.expression!, evaluation);
      if (result === IGNORE_FLOW) continue;
      raw = result;
    }
    let value = coerceToAttribute(target.definition, raw);
    if (value === undefined && mode === 'create' && mapping.defaultValue !== undefined) {
      value = coerceToAttribute(target.definition, mapping.defaultValue);
    }
    if (value !== undefined) values[path] = value;
  }
  return { values, redactedPaths, unresolvedReferences, uniqueCandidates };
}

/** A reference as the source gives it: the id, or an object with an `id`. */
function referenceId(value: ExpressionValue | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const id = (value as { readonly [key: string]: ExpressionValue }).id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  }
  return undefined;
}

function candidates(entry: AnalyzedMapping, evaluation: EvaluationContext): string[] {
  const seen = new Set<string>();
  for (const candidate of evaluateCandidates(entry.expression!, evaluation)) {
    const value = coerceToAttribute(entry.target.definition, candidate);
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : undefined;
    if (text !== undefined) seen.add(text);
  }
  return [...seen];
}
