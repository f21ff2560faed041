import type { RawBuilder } from 'kysely';

export type Sql = RawBuilder<unknown>;

/**
 * A place in the stored JSON: the document (a resource's `data`, or one element of a JSON array
 * being iterated under `element`) and the keys below it.
 */
export interface JsonLocation {
  readonly doc: Sql;
  readonly keys: readonly string[];
  /** The alias of the iterated array element `doc` belongs to, when it is one. */
  readonly element?: string;
}

/** What a comparison reads: stored JSON, a text column (NULL when absent), or a constant. */
export type Operand =
  | { readonly kind: 'json'; readonly location: JsonLocation }
  | { readonly kind: 'text'; readonly expr: Sql; readonly lower?: Sql }
  | { readonly kind: 'constant'; readonly value: string };

/** Escapes LIKE's wildcards and the escape character itself (`\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Escapes GLOB's wildcards by bracketing them (GLOB has no escape character). */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[]/g, (c) => `[${c}]`);
}

export type MatchOperator = 'co' | 'sw' | 'ew';

export function wrapPattern(escaped: string, operator: MatchOperator, any: string): string {
  switch (operator) {
    case 'co':
      return `${any}${escaped}${any}`;
    case 'sw':
      return `${escaped}${any}`;
    case 'ew':
      return `${any}${escaped}`;
  }
}
