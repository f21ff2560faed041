import type { PatchPath } from '../path/attribute-path.js';
import type { JsonObject } from '../resource/attribute-access.js';

/** The PatchOp message schema (RFC 7644 §3.5.2). */
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** RFC 7644 §3.5.2: `"op"` is one of these (clients such as Entra ID capitalise them; we normalise). */
export const PATCH_OPS = ['add', 'replace', 'remove'] as const;
export type PatchOp = (typeof PATCH_OPS)[number];

/**
 * One operation of a PatchOp request, with its path already parsed so a request is parsed
 * once and applied without re-reading text.
 */
export interface PatchOperation {
  readonly op: PatchOp;
  /** The target (RFC 7644 §3.5.2 `path`); absent means the resource itself. */
  readonly path?: PatchPath;
  /** The path as the client wrote it, quoted back in error details. */
  readonly pathText?: string;
  /** Absent for `remove` without a value. */
  readonly value?: unknown;
}

export interface ApplyPatchOptions {
  /**
   * Allow `add`/`replace` to a filtered sub-attribute (`emails[type eq "work"].value`) to
   * create the selected value when nothing matches, as Entra ID expects. Default `true`.
   */
  readonly createMissingFilteredValues?: boolean;
}

export interface ApplyPatchResult {
  /**
   * The patched resource. Containers the request did not touch are shared with the input
   * (structural sharing), so treat both as immutable.
   */
  readonly resource: JsonObject;
  /** False when the request changed nothing: the caller keeps the version and `lastModified`. */
  readonly changed: boolean;
  /**
   * Top-level attributes whose value differs, by canonical name; extension attributes are
   * qualified with their schema URN (`urn:...:enterprise:2.0:User:department`).
   */
  readonly changedAttributes: readonly string[];
}
