import { findKey, isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import type { ResourceSchema } from '../schema/schema-registry.js';
import type { ApplyPatchOptions } from './patch-operation.js';

/** The options with their defaults filled in. */
export interface ResolvedPatchOptions {
  readonly createMissingFilteredValues: boolean;
}

/** Where an operation's attribute lives: the resource root or an extension object. */
export interface AttributeLocation {
  /** Canonical URN of the extension schema, or `undefined` for core and common attributes. */
  readonly extension: string | undefined;
  /** Canonical attribute name. */
  readonly name: string;
  /** `name`, qualified with the extension URN for extension attributes. */
  readonly label: string;
}

/**
 * The working copy of one PATCH request. Copy-on-write: a container is shallow-copied the
 * first time the request writes into it and remembered as owned, so the input resource is
 * never mutated, untouched containers are shared, and a failed request is discarded whole.
 */
export class PatchContext {
  readonly source: JsonObject;
  readonly root: JsonObject;
  readonly schema: ResourceSchema;
  readonly options: ResolvedPatchOptions;
  /** Attributes some operation wrote to, by qualified label; compared with the source at the end. */
  readonly touched = new Set<AttributeLocation>();
  readonly touchedExtensions = new Set<string>();
  /** Values of a multi-valued attribute the current operation wrote (for the primary rule). */
  written: JsonObject[] = [];
  readonly #owned = new Set<object>();

  constructor(source: JsonObject, schema: ResourceSchema, options: ApplyPatchOptions) {
    this.source = source;
    this.root = { ...source };
    this.#owned.add(this.root);
    this.schema = schema;
    this.options = { createMissingFilteredValues: options.createMissingFilteredValues ?? true };
  }

  /** Marks a value built by this request (never one the caller holds) as writable in place. */
  adopt<T extends object>(value: T): T {
    this.#owned.add(value);
    return value;
  }

  /** The object at `parent[key]`, copied first unless this request already owns it. */
  ownObject(parent: JsonObject, key: string): JsonObject | undefined {
    const value = parent[key];
    if (!isJsonObject(value)) return undefined;
    if (this.#owned.has(value)) return value;
    const copy = this.adopt({ ...value });
    parent[key] = copy;
    return copy;
  }

  /** The array at `parent[key]`, copied first unless this request already owns it. */
  ownArray(parent: JsonObject, key: string): unknown[] | undefined {
    const value = parent[key];
    if (!Array.isArray(value)) return undefined;
    const array = value as unknown[];
    if (this.#owned.has(array)) return array;
    const copy = this.adopt(array.slice());
    parent[key] = copy;
    return copy;
  }

  /** The complex value at `array[index]` of an owned array, copied first unless owned. */
  ownElement(array: unknown[], index: number): JsonObject | undefined {
    const value = array[index];
    if (!isJsonObject(value)) return undefined;
    if (this.#owned.has(value)) return value;
    const copy = this.adopt({ ...value });
    array[index] = copy;
    return copy;
  }

  /**
   * The owned object holding attributes of `extension` (the root for core attributes). With
   * `create`, a missing extension object is created under its canonical URN (RFC 7643 §3.3).
   */
  container(extension: string | undefined, create: boolean): JsonObject | undefined {
    if (extension === undefined) return this.root;
    const key = findKey(this.root, extension);
    if (key !== undefined && isJsonObject(this.root[key])) {
      this.touchedExtensions.add(extension);
      return this.ownObject(this.root, key);
    }
    if (!create) return undefined;
    this.touchedExtensions.add(extension);
    const created = this.adopt({});
    if (key !== undefined) delete this.root[key];
    this.root[extension] = created;
    return created;
  }

  touch(location: AttributeLocation): void {
    this.touched.add(location);
  }
}
