import type { PatchContext } from './patch-context.js';
import type { AttributeTarget } from './patch-target.js';
import { writeFiltered } from './filtered.js';
import { addValues, writeSubAttributeOfAll } from './multi-valued.js';
import { writeSingleValued } from './write-value.js';

/**
 * RFC 7644 §3.5.2.1 `add` at a resolved path: a multi-valued attribute gains the values it
 * does not have yet, a single-valued one is set (complex: merged), a filtered path merges
 * into the selected values.
 */
export function applyAdd(ctx: PatchContext, target: AttributeTarget, value: unknown): void {
  if (target.matches !== undefined) writeFiltered(ctx, target, value, 'add');
  else if (target.subAttribute !== undefined) writeSubAttributeOfAll(ctx, target, target.subAttribute, value);
  else if (target.attribute.multiValued) addValues(ctx, target, value);
  else writeSingleValued(ctx, target, value, 'add');
}
