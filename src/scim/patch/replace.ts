import type { PatchContext } from './patch-context.js';
import type { AttributeTarget } from './patch-target.js';
import { writeFiltered } from './filtered.js';
import { replaceValues, writeSubAttributeOfAll } from './multi-valued.js';
import { writeSingleValued } from './write-value.js';

/**
 * RFC 7644 §3.5.2.3 `replace` at a resolved path: a multi-valued attribute's values are all
 * replaced, a single-valued one is set (complex: merged, unspecified sub-attributes left
 * unchanged), a filtered path replaces the selected values or their sub-attribute.
 */
export function applyReplace(ctx: PatchContext, target: AttributeTarget, value: unknown): void {
  if (target.matches !== undefined) writeFiltered(ctx, target, value, 'replace');
  else if (target.subAttribute !== undefined) writeSubAttributeOfAll(ctx, target, target.subAttribute, value);
  else if (target.attribute.multiValued) replaceValues(ctx, target, value);
  else writeSingleValued(ctx, target, value, 'replace');
}
