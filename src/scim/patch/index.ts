/**
 * @module
 * The PATCH engine (RFC 7644 §3.5.2): applies parsed PatchOp operations to a resource
 * atomically and without mutating it, following attribute metadata (mutability, multiValued,
 * caseExact, primary) rather than attribute names.
 */
export { applyPatch } from './apply-patch.js';
export {
  PATCH_OP_SCHEMA,
  PATCH_OPS,
  type ApplyPatchOptions,
  type ApplyPatchResult,
  type PatchOp,
  type PatchOperation,
} from './patch-operation.js';
